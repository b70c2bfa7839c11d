"""Signing a dossier's receipt with the card, against the virtual card in memory (the same
through pcscd: tests/integration/identity/eid/test_signing.py)."""

from __future__ import annotations

from dataclasses import replace

import pytest
from cryptography.hazmat.primitives.serialization import Encoding

from identity.eid.auth.errors import CertificateRevokedError
from identity.eid.auth.revocation import RevocationStatus
from identity.eid.auth.trust_anchors import TrustAnchors
from identity.eid.errors import WrongPinError
from identity.eid.signing.errors import NotYourCardError
from portal.dossiers import signature
from portal.dossiers.receipt_signature import ReceiptSignatureInvalidError, check_signed_receipt
from portal.dossiers.signature import SignedReceipt, sign_dossier_receipt
from simulators.eid.belpic_card import BelpicCard
from simulators.personas.loader import persona
from simulators.pki.test_pki import TestPki
from tests.unit.identity.eid.auth.conftest import FixedRevocationChecker
from tests.unit.identity.eid.signing.card_on_a_fake_link import (
    NOW,
    FakeReader,
    non_repudiation_signatures,
    open_card,
)
from tests.unit.portal.dossiers.pdf_text import pdf_text
from tests.unit.portal.dossiers.receipts import receipt_content
from tests.unit.simulators.eid.cards import fresh_card


@pytest.fixture(scope="module")
def pki(tmp_path_factory: pytest.TempPathFactory) -> TestPki:
    return TestPki(tmp_path_factory.mktemp("signing") / "pki")


def sign(
    card: BelpicCard,
    pki: TestPki,
    *,
    holder: str,
    pin: str = "1234",
    status: RevocationStatus = RevocationStatus.GOOD,
) -> SignedReceipt:
    return sign_dossier_receipt(
        receipt_content(signed_at=NOW),
        reader=FakeReader(card),
        reader_name=None,
        pin=pin,
        expected_national_number=persona(holder).national_number,
        trust_anchors=TrustAnchors.of([pki.root.certificate]),
        revocation_checker=FixedRevocationChecker(status),
        now=NOW,
    )


@pytest.mark.parametrize(
    ("slug", "holder_name"),
    [("naima-mremi", "Naïma Samira Mremi"), ("chloe-ducoeur", "Chloé Anne Ducoeur")],
)
def test_the_card_signs_the_receipt_once_and_the_server_accepts_it(
    pki: TestPki, slug: str, holder_name: str
) -> None:
    card = fresh_card(pki, slug)
    with non_repudiation_signatures(card) as signatures:
        receipt = sign(card, pki, holder=slug)

    card_file_5039 = open_card(card)[0].read_certificates().signature.public_bytes(Encoding.DER)
    assert signatures.count == 1
    assert receipt.certificate_der == card_file_5039
    assert receipt.signer_name == holder_name
    assert receipt.signed_at == NOW
    again = check_signed_receipt(receipt.pdf, trust_roots=[pki.root.certificate], now=NOW)
    assert again.intact
    assert again.trusted
    assert "ME-2026-000123" in pdf_text(receipt.pdf)


def test_someone_elses_card_signs_nothing_and_spends_no_pin_try(pki: TestPki) -> None:
    card = fresh_card(pki, "chloe-ducoeur")
    with non_repudiation_signatures(card) as signatures, pytest.raises(NotYourCardError):
        sign(card, pki, holder="naima-mremi", pin="0000")
    assert signatures.count == 0
    assert card.content.pin.tries_left == 3


def test_a_revoked_certificate_stops_before_the_pin(pki: TestPki) -> None:
    card = fresh_card(pki, "chloe-ducoeur")
    with pytest.raises(CertificateRevokedError):
        sign(card, pki, holder="chloe-ducoeur", pin="0000", status=RevocationStatus.REVOKED)
    assert card.content.pin.tries_left == 3


def test_a_wrong_pin_signs_nothing(pki: TestPki) -> None:
    card = fresh_card(pki, "naima-mremi")
    with non_repudiation_signatures(card) as signatures, pytest.raises(WrongPinError) as wrong:
        sign(card, pki, holder="naima-mremi", pin="4321")
    assert wrong.value.tries_left == 2
    assert signatures.count == 0


def test_a_receipt_pyhanko_does_not_accept_is_not_returned(
    pki: TestPki, monkeypatch: pytest.MonkeyPatch
) -> None:
    def untrusted(pdf: bytes, **kwargs: object) -> object:
        return replace(check_signed_receipt(pdf, **kwargs), trusted=False)  # type: ignore[arg-type]

    monkeypatch.setattr(signature, "check_signed_receipt", untrusted)
    with pytest.raises(ReceiptSignatureInvalidError, match="not trusted"):
        sign(fresh_card(pki, "chloe-ducoeur"), pki, holder="chloe-ducoeur")
