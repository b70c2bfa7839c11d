"""Signing a dossier: its receipt, signed by the applicant's eID card, checked before it is kept.

    signed = sign_dossier_receipt(content, reader=..., reader_name=..., pin=...,
                                  expected_national_number=visit.national_number,
                                  trust_anchors=..., revocation_checker=..., now=now)

The card is found and its signature certificate checked before the PIN is used (a card that is
not the person's, or whose certificate is expired, untrusted or revoked, costs no PIN try); then
the receipt is rendered, signed by the card (PIN verified right before), and the signed PDF is
validated by pyHanko against the configured roots. The card handle is always closed. Blocking
(card, OCSP, pyHanko's own event loop): call it from a worker thread.

Refusals: ``identity.eid.errors`` (no card, wrong or blocked PIN, card removed),
``identity.eid.auth.errors`` (certificate expired, untrusted, revoked, status unknown),
``identity.eid.signing.errors`` (not your card, certificate not for signing, bad card signature)
and ``ReceiptSignatureInvalidError`` (``portal.dossiers.receipt_signature``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from cryptography.hazmat.primitives.serialization import Encoding

from foundation.clock import require_aware
from foundation.i18n.catalog import text
from identity.eid.auth.revocation import RevocationChecker
from identity.eid.auth.trust_anchors import TrustAnchors
from identity.eid.interface import EidReader
from identity.eid.signing.session import open_signing_session
from portal.dossiers.receipt import ReceiptContent, render_receipt_pdf
from portal.dossiers.receipt_signature import (
    ReceiptSignatureInvalidError,
    check_signed_receipt,
    sign_receipt,
)


@dataclass(frozen=True)
class SignedReceipt:
    pdf: bytes
    certificate_der: bytes  # the card's signature certificate (file 5039)
    signer_name: str
    signed_at: datetime


def sign_dossier_receipt(
    content: ReceiptContent,
    *,
    reader: EidReader,
    reader_name: str | None,
    pin: str,
    expected_national_number: str,
    trust_anchors: TrustAnchors,
    revocation_checker: RevocationChecker,
    now: datetime,
    language: str = "fr",
) -> SignedReceipt:
    now = require_aware(now)
    with open_signing_session(
        reader,
        reader_name=reader_name,
        pin=pin,
        expected_national_number=expected_national_number,
        trust_anchors=trust_anchors,
        revocation_checker=revocation_checker,
        now=now,
    ) as session:
        signed = sign_receipt(
            render_receipt_pdf(content, language=language),
            card_session=session,
            signed_at=now,
            reason=text(language, "receipt.signature_reason"),
        )
        card_certificate = session.certificate.certificate.public_bytes(Encoding.DER)
        issuers = session.certificate.issuers
    check = check_signed_receipt(
        signed,
        trust_roots=trust_anchors.roots,
        intermediates=[*issuers, *trust_anchors.intermediates],
        now=now,
    )
    if not check.intact:
        raise ReceiptSignatureInvalidError("pyHanko: the signature does not verify")
    if not check.trusted:
        raise ReceiptSignatureInvalidError("pyHanko: the signer is not trusted")
    if check.certificate_der != card_certificate:
        raise ReceiptSignatureInvalidError("the receipt names another certificate than the card")
    return SignedReceipt(
        pdf=signed,
        certificate_der=card_certificate,
        signer_name=check.signer_name,
        signed_at=check.signed_at or now,
    )
