"""The receipt's PAdES signature: what pyHanko finds in it, and what it says when the document,
the signature or the trust do not hold."""

from __future__ import annotations

from io import BytesIO

import pytest
from asn1crypto import cms
from cryptography import x509
from cryptography.hazmat.primitives.serialization import Encoding
from pyhanko.pdf_utils.generic import NameObject, NumberObject
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.reader import PdfFileReader

from portal.dossiers.receipt import render_receipt_pdf
from portal.dossiers.receipt_signature import (
    ReceiptSignatureInvalidError,
    SignedReceiptCheck,
    check_signed_receipt,
    sign_receipt,
)
from tests.unit.identity.eid.auth.card_pki import (
    NATIONAL_NUMBER,
    NOW,
    TestPki,
    make_root,
    new_key,
)
from tests.unit.portal.dossiers.pdf_text import pdf_text
from tests.unit.portal.dossiers.receipts import receipt_content
from tests.unit.portal.dossiers.software_card import SoftwareSession, software_session

REASON = "Signature du dossier"


@pytest.fixture(scope="module")
def pki() -> TestPki:
    return TestPki.create()


@pytest.fixture(scope="module")
def receipt() -> bytes:
    return render_receipt_pdf(receipt_content(signed_at=NOW))


def signed(receipt: bytes, session: SoftwareSession) -> bytes:
    return sign_receipt(receipt, card_session=session, signed_at=NOW, reason=REASON)


def check(pdf: bytes, pki: TestPki, *, root: x509.Certificate | None = None) -> SignedReceiptCheck:
    return check_signed_receipt(
        pdf,
        trust_roots=[root or pki.root.certificate],
        intermediates=[pki.citizen_ca.certificate],
        now=NOW,
    )


@pytest.mark.parametrize(("kind", "digest"), [("ec", "sha384"), ("rsa", "sha256")])
def test_the_signed_receipt_is_intact_trusted_and_names_the_holder(
    pki: TestPki, receipt: bytes, kind: str, digest: str
) -> None:
    session = software_session(pki, kind)
    pdf = signed(receipt, session)

    result = check_signed_receipt(pdf, trust_roots=[pki.root.certificate], now=NOW)

    assert result.intact
    assert result.trusted
    assert result.signer_name == "Naïma Aïcha Mremi"
    assert result.signer_national_number == NATIONAL_NUMBER
    assert result.signed_at == NOW
    assert result.certificate_der == session.certificate.certificate.public_bytes(Encoding.DER)
    assert session.signatures == 1  # the card signs once; the size estimate does not ask it
    assert "Accusé de réception" in pdf_text(pdf)

    (embedded,) = PdfFileReader(BytesIO(pdf)).embedded_signatures
    assert embedded.field_name == "Signature"
    assert embedded.sig_object["/SubFilter"] == "/ETSI.CAdES.detached"  # PAdES
    assert embedded.sig_object["/Reason"] == REASON
    assert embedded.sig_object["/Location"] == "Mon Espace"
    assert embedded.sig_object["/Name"] == "Naïma Aïcha Mremi"
    signed_data: cms.SignedData = embedded.signed_data
    embedded_subjects = {
        c.chosen.subject.native["common_name"] for c in signed_data["certificates"]
    }
    assert embedded_subjects == {"Naïma Mremi (Signature)", "Citizen CA"}  # the root is not
    assert signed_data["digest_algorithms"][0]["algorithm"].native == digest


def test_a_changed_byte_breaks_the_signature(pki: TestPki, receipt: bytes) -> None:
    pdf = signed(receipt, software_session(pki, "ec"))
    assert pdf.count(b"/CreationDate (D:2026") >= 1
    tampered = pdf.replace(b"/CreationDate (D:2026", b"/CreationDate (D:2025", 1)
    assert not check(tampered, pki).intact


def test_a_revision_added_after_the_signature_is_not_covered(pki: TestPki, receipt: bytes) -> None:
    writer = IncrementalPdfFileWriter(BytesIO(signed(receipt, software_session(pki, "ec"))))
    page = writer.root["/Pages"]["/Kids"][0].get_object()
    # The page turned after it was signed.
    page[NameObject("/Rotate")] = NumberObject(90)  # type: ignore[no-untyped-call]
    writer.update_container(page)
    out = BytesIO()
    writer.write(out)  # type: ignore[no-untyped-call]
    assert not check(out.getvalue(), pki).intact


def test_a_signature_by_another_key_does_not_verify(pki: TestPki, receipt: bytes) -> None:
    session = software_session(pki, "ec", signing_key=new_key("ec"))
    assert not check(signed(receipt, session), pki).intact


def test_a_signer_under_another_root_is_not_trusted(pki: TestPki, receipt: bytes) -> None:
    other_root = make_root(new_key("rsa"), common_name="Other Root CA")
    result = check(signed(receipt, software_session(pki, "rsa")), pki, root=other_root.certificate)
    assert result.intact
    assert not result.trusted


def test_an_unsigned_receipt_is_refused(pki: TestPki, receipt: bytes) -> None:
    with pytest.raises(ReceiptSignatureInvalidError, match="0 signatures"):
        check(receipt, pki)
