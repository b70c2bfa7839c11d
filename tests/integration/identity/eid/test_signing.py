"""Signing a dossier's receipt with the card's non-repudiation key, through pcscd and the
virtual cards, with the test OCSP responder: what the holder, and a PDF reader, would check."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from io import BytesIO
from typing import Any

import pytest
from cryptography import x509
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat
from pyhanko.pdf_utils.reader import PdfFileReader

from foundation.i18n.error_messages import error_text
from identity.eid.auth.errors import CertificateRevokedError
from identity.eid.auth.ocsp import OcspRevocationChecker
from identity.eid.auth.trust_anchors import TrustAnchors
from identity.eid.errors import CardRemovedError, PinBlockedError, WrongPinError
from identity.eid.interface import EidReader
from identity.eid.pcsc_card import AUTHENTICATION_CERTIFICATE, SIGNATURE_CERTIFICATE
from identity.eid.pcsc_reader import PcscEidReader
from identity.eid.signing.errors import NotYourCardError
from portal.dossiers.receipt_signature import check_signed_receipt
from portal.dossiers.signature import SignedReceipt, sign_dossier_receipt
from simulators.eid.card_builder import key_kind
from simulators.eid.card_slots import CardSlots, reader_name
from simulators.personas.loader import persona
from simulators.pki.ocsp_responder import OcspResponder
from simulators.pki.test_pki import TestPki
from tests.integration.conftest import free_port
from tests.unit.identity.eid.signing.card_on_a_fake_link import non_repudiation_signatures
from tests.unit.portal.dossiers.pdf_text import pdf_text
from tests.unit.portal.dossiers.receipts import receipt_content

pytestmark = pytest.mark.integration

CARDS = [("naima-mremi", "1.7"), ("chloe-ducoeur", "1.8")]


@pytest.fixture(scope="module")
def ocsp(test_pki: TestPki) -> Iterator[OcspResponder]:
    responder = OcspResponder(test_pki, port=free_port())
    responder.start()
    yield responder
    responder.stop()


def now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def sign(
    reader: EidReader,
    test_pki: TestPki,
    ocsp: OcspResponder,
    *,
    holder: str,
    pin: str = "1234",
) -> SignedReceipt:
    moment = now()
    return sign_dossier_receipt(
        receipt_content(signed_at=moment),
        reader=reader,
        reader_name=reader_name(0),
        pin=pin,
        expected_national_number=persona(holder).national_number,
        trust_anchors=TrustAnchors.of([test_pki.root.certificate]),
        revocation_checker=OcspRevocationChecker(responder_url=ocsp.url),
        now=moment,
    )


def card_file(path: bytes) -> bytes:
    with PcscEidReader().wait_for_card(reader=reader_name(0), timeout=5) as card:
        return card.read_file(path)


@pytest.mark.parametrize(("slug", "applet"), CARDS)
def test_the_signed_receipt_validates_and_was_signed_by_the_non_repudiation_key(
    slots: CardSlots,
    reader: PcscEidReader,
    test_pki: TestPki,
    ocsp: OcspResponder,
    slug: str,
    applet: str,
) -> None:
    holder = persona(slug)
    assert holder.card.applet == applet
    card = slots.insert(0, slug)
    with non_repudiation_signatures(card) as signatures:
        receipt = sign(reader, test_pki, ocsp, holder=slug)

    assert signatures.count == 1
    check = check_signed_receipt(receipt.pdf, trust_roots=[test_pki.root.certificate], now=now())
    assert check.intact
    assert check.trusted
    assert check.signer_name == f"{holder.given_names} {holder.surname}"
    assert check.signer_national_number == holder.national_number
    assert receipt.signer_name == check.signer_name
    assert "Naïma Aïcha Mremi" in pdf_text(receipt.pdf)  # the applicant of the dossier

    # The certificate in the CMS is the card's file 5039, not its authentication certificate,
    # and its key is the persona's non-repudiation key.
    (embedded,) = PdfFileReader(BytesIO(receipt.pdf)).embedded_signatures
    in_cms = embedded.signer_cert.dump()
    assert in_cms == receipt.certificate_der == card_file(SIGNATURE_CERTIFICATE)
    assert in_cms != card_file(AUTHENTICATION_CERTIFICATE)
    issued = test_pki.credentials_for(holder, key_kind(applet)).signature
    public = (Encoding.DER, PublicFormat.SubjectPublicKeyInfo)
    assert x509.load_der_x509_certificate(in_cms).public_key().public_bytes(
        *public
    ) == issued.key.public_key().public_bytes(*public)


@pytest.mark.parametrize(("slug", "applet"), CARDS)
def test_a_wrong_pin_signs_nothing_and_tells_the_tries_left(
    slots: CardSlots,
    reader: PcscEidReader,
    test_pki: TestPki,
    ocsp: OcspResponder,
    slug: str,
    applet: str,
) -> None:
    card = slots.insert(0, slug)
    with non_repudiation_signatures(card) as signatures, pytest.raises(WrongPinError) as wrong:
        sign(reader, test_pki, ocsp, holder=slug, pin="4321")
    assert wrong.value.tries_left == 2
    assert "2 essai(s)" in error_text("fr", wrong.value)
    assert signatures.count == 0


def test_a_blocked_pin_signs_nothing(
    slots: CardSlots, reader: PcscEidReader, test_pki: TestPki, ocsp: OcspResponder
) -> None:
    card = slots.insert(0, "chloe-ducoeur")
    card.block_pin()
    with non_repudiation_signatures(card) as signatures, pytest.raises(PinBlockedError):
        sign(reader, test_pki, ocsp, holder="chloe-ducoeur")
    assert signatures.count == 0


class _PulledOutBeforeSigning:
    """The card in reader 0, pulled out once its certificate is checked, as the PIN is sent."""

    def __init__(self, slots: CardSlots) -> None:
        self._slots = slots
        self._reader = PcscEidReader()

    def wait_for_card(self, *, reader: str | None = None, timeout: float = 0.0) -> Any:
        card = self._reader.wait_for_card(reader=reader, timeout=timeout)
        slots, pcsc_reader = self._slots, self._reader

        class Pulled:
            def __getattr__(self, name: str) -> Any:
                return getattr(card, name)

            def sign(self, *args: Any, **kwargs: Any) -> bytes:
                slots.remove(0)
                assert pcsc_reader.wait_for_removal(reader_name(0), timeout=5)
                return card.sign(*args, **kwargs)

        return Pulled()

    def list_readers(self) -> list[str]:
        return self._reader.list_readers()

    def wait_for_removal(self, reader: str, *, timeout: float) -> bool:
        return self._reader.wait_for_removal(reader, timeout=timeout)


def test_a_card_pulled_out_before_it_signs_reads_as_removed(
    slots: CardSlots, test_pki: TestPki, ocsp: OcspResponder
) -> None:
    card = slots.insert(0, "naima-mremi")
    with non_repudiation_signatures(card) as signatures, pytest.raises(CardRemovedError) as error:
        sign(_PulledOutBeforeSigning(slots), test_pki, ocsp, holder="naima-mremi")
    assert "retirée" in error_text("fr", error.value)
    assert signatures.count == 0


def test_a_revoked_signature_certificate_is_refused_before_the_pin(
    slots: CardSlots, reader: PcscEidReader, test_pki: TestPki, ocsp: OcspResponder
) -> None:
    card = slots.insert(0, "sofia-marchetti")  # revoked at the test OCSP responder
    with pytest.raises(CertificateRevokedError):
        sign(reader, test_pki, ocsp, holder="sofia-marchetti", pin="0000")
    assert card.content.pin.tries_left == 3  # the wrong PIN was never sent


def test_someone_elses_card_is_refused_before_the_pin(
    slots: CardSlots, reader: PcscEidReader, test_pki: TestPki, ocsp: OcspResponder
) -> None:
    card = slots.insert(0, "chloe-ducoeur")
    with pytest.raises(NotYourCardError) as refused:
        sign(reader, test_pki, ocsp, holder="naima-mremi", pin="0000")
    assert "n'est pas la vôtre" in error_text("fr", refused.value)
    assert card.content.pin.tries_left == 3
