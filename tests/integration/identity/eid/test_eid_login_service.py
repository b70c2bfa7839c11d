"""The portal's two-step eID login (identity/eid/login.py) through pcscd and the virtual cards."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest

from identity.assurance import LevelOfAssurance
from identity.eid.auth.challenge import InMemoryChallengeStore
from identity.eid.auth.errors import ReplayedChallengeError
from identity.eid.auth.ocsp import OcspRevocationChecker
from identity.eid.auth.trust_anchors import load_trust_anchors
from identity.eid.errors import CardRemovedError, WrongPinError
from identity.eid.login import CardChangedError, EidLogin
from identity.eid.pcsc_reader import PcscEidReader
from simulators.eid.card_slots import CardSlots, reader_name
from simulators.personas.loader import persona
from simulators.pki.ocsp_responder import OcspResponder
from simulators.pki.test_pki import TestPki
from tests.integration.conftest import free_port

pytestmark = pytest.mark.integration

ORIGIN = "https://monespace.localhost"


@pytest.fixture(scope="module")
def ocsp(test_pki: TestPki) -> Iterator[OcspResponder]:
    responder = OcspResponder(test_pki, port=free_port())
    responder.start()
    yield responder
    responder.stop()


@pytest.fixture
def login(test_pki: TestPki, ocsp: OcspResponder, tmp_path: Path) -> EidLogin:
    anchors = tmp_path / "anchors"
    test_pki.write_trust_anchors(anchors)
    return EidLogin(
        reader=PcscEidReader(),
        origin=ORIGIN,
        challenge_store=InMemoryChallengeStore(),
        trust_anchors=lambda: load_trust_anchors(anchors),
        revocation_checker=OcspRevocationChecker(responder_url=ocsp.url),
        reader_name=reader_name(0),
    )


def now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def test_both_steps_log_the_card_holder_in(slots: CardSlots, login: EidLogin) -> None:
    slots.insert(0, "naima-mremi")
    nonce, certificate = login.begin(now=now())
    assert certificate.holder == "Naïma Mremi (Authentication)"
    assert certificate.issuer == "Citizen CA"
    assert certificate.pin_tries_left == 3
    result = login.complete(
        nonce=nonce,
        reader=certificate.reader,
        confirmed_fingerprint=certificate.fingerprint,
        pin="1234",
        now=now(),
    )
    naima = persona("naima-mremi")
    assert result.identity.national_number == naima.national_number
    assert result.identity.surname == "Mremi"
    assert result.level is LevelOfAssurance.HIGH
    assert result.photo_jpeg.startswith(b"\xff\xd8")  # a JPEG, as read from the card


def test_a_challenge_serves_one_login_only(slots: CardSlots, login: EidLogin) -> None:
    slots.insert(0, "chloe-ducoeur")
    nonce, certificate = login.begin(now=now())
    args = {
        "nonce": nonce,
        "reader": certificate.reader,
        "confirmed_fingerprint": certificate.fingerprint,
        "pin": "1234",
    }
    login.complete(**args, now=now())
    with pytest.raises(ReplayedChallengeError):
        login.complete(**args, now=now())


def test_a_wrong_pin_leaves_the_challenge_usable(slots: CardSlots, login: EidLogin) -> None:
    slots.insert(0, "chloe-ducoeur")
    nonce, certificate = login.begin(now=now())
    with pytest.raises(WrongPinError) as wrong:
        login.complete(
            nonce=nonce,
            reader=certificate.reader,
            confirmed_fingerprint=certificate.fingerprint,
            pin="4321",
            now=now(),
        )
    assert wrong.value.tries_left == 2
    result = login.complete(
        nonce=nonce,
        reader=certificate.reader,
        confirmed_fingerprint=certificate.fingerprint,
        pin="1234",
        now=now(),
    )
    assert result.identity.surname == "Ducoeur"


def test_a_card_swapped_after_confirmation_is_refused(slots: CardSlots, login: EidLogin) -> None:
    slots.insert(0, "naima-mremi")
    nonce, certificate = login.begin(now=now())
    slots.remove(0)
    slots.insert(0, "chloe-ducoeur")
    with pytest.raises(CardChangedError):
        login.complete(
            nonce=nonce,
            reader=certificate.reader,
            confirmed_fingerprint=certificate.fingerprint,
            pin="1234",
            now=now(),
        )


def test_a_card_pulled_out_after_confirmation_reads_as_removed(
    slots: CardSlots, login: EidLogin
) -> None:
    slots.insert(0, "naima-mremi")
    nonce, certificate = login.begin(now=now())
    slots.remove(0)
    with pytest.raises(CardRemovedError):
        login.complete(
            nonce=nonce,
            reader=certificate.reader,
            confirmed_fingerprint=certificate.fingerprint,
            pin="1234",
            now=now(),
        )
