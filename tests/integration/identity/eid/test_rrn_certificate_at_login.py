"""The eID login through pcscd refuses a card whose National Register certificate (the one that
signs its identity and address files) is expired or not made to sign, as the dossiers' card data
do: the files still verify under its key, but the certificate is not one to believe."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.serialization import Encoding
from sqlmodel import SQLModel

from foundation.db import make_engine
from foundation.models.eid_reader_lease import EidReaderLease
from identity.eid.auth.challenge import InMemoryChallengeStore
from identity.eid.auth.ocsp import OcspRevocationChecker
from identity.eid.auth.trust_anchors import load_trust_anchors
from identity.eid.errors import RrnCertificateError
from identity.eid.login import EidLogin
from identity.eid.pcsc_reader import PcscEidReader
from identity.eid.reader_lease import ReaderLeases
from simulators.eid.belpic_card import BelpicCard
from simulators.eid.card_builder import build_card
from simulators.eid.card_slots import CardSlots, reader_name
from simulators.eid.file_system import DedicatedFile, ElementaryFile
from simulators.personas.loader import persona
from simulators.pki.ocsp_responder import OcspResponder
from simulators.pki.test_pki import TestPki
from tests.integration.conftest import free_port
from tests.unit.identity.eid.rrn_certificates import ENCIPHERING, rrn_certificate

pytestmark = pytest.mark.integration

ORIGIN = "https://monespace.localhost"
KIOSK = "a" * 64  # the binding of the browser at the kiosk
RRN_FILE = 0x503C


@pytest.fixture(scope="module")
def ocsp(test_pki: TestPki) -> Iterator[OcspResponder]:
    responder = OcspResponder(test_pki, port=free_port())
    responder.start()
    yield responder
    responder.stop()


@pytest.fixture
def login(test_pki: TestPki, ocsp: OcspResponder, tmp_path: Path) -> Iterator[EidLogin]:
    anchors = tmp_path / "anchors"
    test_pki.write_trust_anchors(anchors)
    engine = make_engine(f"sqlite:///{tmp_path / 'leases.db'}")
    SQLModel.metadata.create_all(engine, tables=[EidReaderLease.__table__])  # type: ignore[attr-defined]
    yield EidLogin(
        reader=PcscEidReader(),
        origin=ORIGIN,
        challenge_store=InMemoryChallengeStore(),
        reader_leases=ReaderLeases(engine),
        trust_anchors=lambda: load_trust_anchors(anchors),
        revocation_checker=OcspRevocationChecker(responder_url=ocsp.url),
        reader_name=reader_name(0),
    )
    engine.dispose()


def card_with_rrn(pki: TestPki, rrn_der: bytes) -> BelpicCard:
    """Naïma's card (applet 1.7, RSA), its RRN certificate file replaced."""
    card = build_card(persona("naima-mremi"), pki)
    pkcs15 = next(
        child
        for child in card.content.master_file.children.values()
        if isinstance(child, DedicatedFile) and RRN_FILE in child.children
    )
    pkcs15.add(ElementaryFile(RRN_FILE, rrn_der))
    return card


def log_in(login: EidLogin, now: dt.datetime) -> None:
    nonce, certificate = login.begin(now=now, browser_binding=KIOSK)
    login.complete(
        nonce=nonce,
        reader=certificate.reader,
        confirmed_fingerprint=certificate.fingerprint,
        pin="1234",
        now=now,
        browser_binding=KIOSK,
    )


@pytest.mark.parametrize(
    ("dates", "usage", "reason"),
    [
        ({"not_after": dt.datetime(2025, 1, 1, tzinfo=dt.UTC)}, None, "expired"),
        ({}, ENCIPHERING, "key usage"),
    ],
)
def test_a_card_whose_rrn_certificate_is_not_valid_logs_nobody_in(
    slots: CardSlots,
    login: EidLogin,
    test_pki: TestPki,
    dates: dict[str, dt.datetime],
    usage: dict[str, bool] | None,
    reason: str,
) -> None:
    certificate = rrn_certificate(test_pki, usage=usage, **dates)
    slots.insert_card(0, card_with_rrn(test_pki, certificate.public_bytes(Encoding.DER)))
    with pytest.raises(RrnCertificateError, match=reason):
        log_in(login, dt.datetime.now(dt.UTC))


def test_the_same_card_with_a_valid_rrn_certificate_logs_in(
    slots: CardSlots, login: EidLogin, test_pki: TestPki
) -> None:
    certificate = rrn_certificate(test_pki)
    slots.insert_card(0, card_with_rrn(test_pki, certificate.public_bytes(Encoding.DER)))
    log_in(login, dt.datetime.now(dt.UTC))
