"""The portal's two-step eID login (identity/eid/login.py) through pcscd and the virtual cards:
bound to the browser that began it, the reader held by one login at a time, no name before the
PIN."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlmodel import SQLModel

from foundation.db import make_engine
from foundation.models.eid_reader_lease import EidReaderLease
from identity.assurance import LevelOfAssurance
from identity.browser_binding import CookiesRequiredError, OtherBrowserError
from identity.eid.auth.challenge import InMemoryChallengeStore
from identity.eid.auth.errors import ReplayedChallengeError
from identity.eid.auth.ocsp import OcspRevocationChecker
from identity.eid.auth.trust_anchors import load_trust_anchors
from identity.eid.certificate_properties import written
from identity.eid.errors import CardRemovedError, NoCardError, WrongPinError
from identity.eid.login import CardChangedError, EidLogin
from identity.eid.pcsc_reader import PcscEidReader
from identity.eid.reader_lease import ReaderInUseError, ReaderLeases, ReaderNotHeldError
from simulators.eid.card_slots import CardSlots, reader_name
from simulators.personas.loader import persona
from simulators.pki.ocsp_responder import OcspResponder
from simulators.pki.test_pki import TestPki
from tests.integration.conftest import free_port

pytestmark = pytest.mark.integration

ORIGIN = "https://monespace.localhost"
# The bindings of the browser at the kiosk and of another one (identity.browser_binding).
KIOSK, OTHER = "a" * 64, "b" * 64


@pytest.fixture(scope="module")
def ocsp(test_pki: TestPki) -> Iterator[OcspResponder]:
    responder = OcspResponder(test_pki, port=free_port())
    responder.start()
    yield responder
    responder.stop()


@pytest.fixture
def leases(tmp_path: Path) -> Iterator[ReaderLeases]:
    engine = make_engine(f"sqlite:///{tmp_path / 'leases.db'}")
    SQLModel.metadata.create_all(engine, tables=[EidReaderLease.__table__])  # type: ignore[attr-defined]
    yield ReaderLeases(engine)
    engine.dispose()


@pytest.fixture
def login(test_pki: TestPki, ocsp: OcspResponder, tmp_path: Path, leases: ReaderLeases) -> EidLogin:
    anchors = tmp_path / "anchors"
    test_pki.write_trust_anchors(anchors)
    return EidLogin(
        reader=PcscEidReader(),
        origin=ORIGIN,
        challenge_store=InMemoryChallengeStore(),
        reader_leases=leases,
        trust_anchors=lambda: load_trust_anchors(anchors),
        revocation_checker=OcspRevocationChecker(responder_url=ocsp.url),
        reader_name=reader_name(0),
    )


def now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def test_both_steps_log_the_card_holder_in(slots: CardSlots, login: EidLogin) -> None:
    slots.insert(0, "naima-mremi")
    nonce, certificate = login.begin(now=now(), browser_binding=KIOSK)
    # Nothing names the holder before the PIN.
    assert "Mremi" not in repr(certificate)
    assert certificate.issuer == "Citizen CA"
    assert certificate.pin_tries_left == 3
    # Its properties (seed 004 §2c) neither: the subject keeps the country alone.
    naima = persona("naima-mremi")
    properties = certificate.properties
    assert properties is not None
    for own in (naima.surname, naima.given_names, naima.national_number):
        assert own not in repr(properties)
    assert written(properties.subject, "…") == "SERIALNUMBER=…, GN=…, SN=…, CN=…, C=BE"
    assert "CN=Citizen CA" in written(properties.issuer, "…")
    assert properties.fingerprint_sha256.replace(":", "").lower() == certificate.fingerprint
    result = login.complete(
        nonce=nonce,
        reader=certificate.reader,
        confirmed_fingerprint=certificate.fingerprint,
        pin="1234",
        now=now(),
        browser_binding=KIOSK,
    )
    assert result.identity.national_number == naima.national_number
    assert result.identity.surname == "Mremi"
    assert result.level is LevelOfAssurance.HIGH
    assert result.photo_jpeg.startswith(b"\xff\xd8")  # a JPEG, as read from the card


def test_a_challenge_serves_one_login_only(slots: CardSlots, login: EidLogin) -> None:
    slots.insert(0, "chloe-ducoeur")
    nonce, certificate = login.begin(now=now(), browser_binding=KIOSK)
    args = {
        "nonce": nonce,
        "reader": certificate.reader,
        "confirmed_fingerprint": certificate.fingerprint,
        "pin": "1234",
    }
    login.complete(**args, now=now(), browser_binding=KIOSK)
    # The login is over and the reader free: the same browser begins again, and its old
    # challenge is refused, before the PIN.
    login.begin(now=now(), browser_binding=KIOSK)
    with pytest.raises(ReplayedChallengeError):
        login.complete(**args, now=now(), browser_binding=KIOSK)


def test_a_wrong_pin_leaves_the_challenge_usable(slots: CardSlots, login: EidLogin) -> None:
    slots.insert(0, "chloe-ducoeur")
    nonce, certificate = login.begin(now=now(), browser_binding=KIOSK)
    with pytest.raises(WrongPinError) as wrong:
        login.complete(
            nonce=nonce,
            reader=certificate.reader,
            confirmed_fingerprint=certificate.fingerprint,
            pin="4321",
            now=now(),
            browser_binding=KIOSK,
        )
    assert wrong.value.tries_left == 2
    result = login.complete(
        nonce=nonce,
        reader=certificate.reader,
        confirmed_fingerprint=certificate.fingerprint,
        pin="1234",
        now=now(),
        browser_binding=KIOSK,
    )
    assert result.identity.surname == "Ducoeur"


def test_a_card_swapped_after_confirmation_is_refused(slots: CardSlots, login: EidLogin) -> None:
    slots.insert(0, "naima-mremi")
    nonce, certificate = login.begin(now=now(), browser_binding=KIOSK)
    slots.remove(0)
    slots.insert(0, "chloe-ducoeur")
    with pytest.raises(CardChangedError):
        login.complete(
            nonce=nonce,
            reader=certificate.reader,
            confirmed_fingerprint=certificate.fingerprint,
            pin="1234",
            now=now(),
            browser_binding=KIOSK,
        )


def test_a_card_pulled_out_after_confirmation_reads_as_removed(
    slots: CardSlots, login: EidLogin
) -> None:
    slots.insert(0, "naima-mremi")
    nonce, certificate = login.begin(now=now(), browser_binding=KIOSK)
    slots.remove(0)
    with pytest.raises(CardRemovedError):
        login.complete(
            nonce=nonce,
            reader=certificate.reader,
            confirmed_fingerprint=certificate.fingerprint,
            pin="1234",
            now=now(),
            browser_binding=KIOSK,
        )


def test_another_browser_cannot_start_while_a_login_holds_the_reader(
    slots: CardSlots, login: EidLogin
) -> None:
    slots.insert(0, "naima-mremi")
    login.begin(now=now(), browser_binding=KIOSK)
    with pytest.raises(ReaderInUseError):
        login.begin(now=now(), browser_binding=OTHER)


def test_another_browser_cannot_spend_the_pin_tries(slots: CardSlots, login: EidLogin) -> None:
    """Even holding the nonce (a forged event), another browser is refused before the card is
    asked for the PIN: the card still has its three tries."""
    slots.insert(0, "chloe-ducoeur")
    nonce, certificate = login.begin(now=now(), browser_binding=KIOSK)
    for pin in ("0000", "0001", "0002"):
        with pytest.raises(ReaderNotHeldError):
            login.complete(
                nonce=nonce,
                reader=certificate.reader,
                confirmed_fingerprint=certificate.fingerprint,
                pin=pin,
                now=now(),
                browser_binding=OTHER,
            )
    assert slots.card_of("chloe-ducoeur").content.pin.tries_left == 3
    # The browser that began goes on.
    result = login.complete(
        nonce=nonce,
        reader=certificate.reader,
        confirmed_fingerprint=certificate.fingerprint,
        pin="1234",
        now=now(),
        browser_binding=KIOSK,
    )
    assert result.identity.surname == "Ducoeur"


def test_a_challenge_of_another_browser_is_refused_before_the_pin(
    slots: CardSlots, login: EidLogin, leases: ReaderLeases
) -> None:
    slots.insert(0, "chloe-ducoeur")
    nonce, certificate = login.begin(now=now(), browser_binding=KIOSK)
    login.cancel(browser_binding=KIOSK)
    # The other browser now holds the reader, but the challenge is still the kiosk's.
    leases.acquire(reader_name(0), OTHER, now=now())
    with pytest.raises(OtherBrowserError):
        login.complete(
            nonce=nonce,
            reader=certificate.reader,
            confirmed_fingerprint=certificate.fingerprint,
            pin="0000",
            now=now(),
            browser_binding=OTHER,
        )
    assert slots.card_of("chloe-ducoeur").content.pin.tries_left == 3


def test_the_reader_is_free_again_once_the_login_ends(slots: CardSlots, login: EidLogin) -> None:
    slots.insert(0, "naima-mremi")
    nonce, certificate = login.begin(now=now(), browser_binding=KIOSK)
    login.complete(
        nonce=nonce,
        reader=certificate.reader,
        confirmed_fingerprint=certificate.fingerprint,
        pin="1234",
        now=now(),
        browser_binding=KIOSK,
    )
    login.begin(now=now(), browser_binding=OTHER)


def test_a_failed_start_or_a_cancel_frees_the_reader(slots: CardSlots, login: EidLogin) -> None:
    with pytest.raises(NoCardError):  # no card inserted yet
        login.begin(now=now(), browser_binding=KIOSK)
    slots.insert(0, "naima-mremi")
    login.begin(now=now(), browser_binding=OTHER)
    login.cancel(browser_binding=KIOSK)  # not the holder: nothing happens
    with pytest.raises(ReaderInUseError):
        login.begin(now=now(), browser_binding=KIOSK)
    login.cancel(browser_binding=OTHER)
    login.begin(now=now(), browser_binding=KIOSK)


def test_a_browser_without_its_pre_login_cookie_does_not_touch_the_card(
    slots: CardSlots, login: EidLogin
) -> None:
    slots.insert(0, "naima-mremi")
    with pytest.raises(CookiesRequiredError):
        login.begin(now=now(), browser_binding=None)
    login.begin(now=now(), browser_binding=KIOSK)  # and the reader was not taken
