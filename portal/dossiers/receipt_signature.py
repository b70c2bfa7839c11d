"""The receipt's PAdES signature (baseline B-B) made by the eID card, and its check by pyHanko.

pyHanko builds the CMS; the digest of its signed attributes goes to the card, whose
non-repudiation key signs it (``CardSigner.async_sign_raw``). The signature certificate and the
Citizen CA are embedded, so that any PDF reader shows who signed. pyHanko's synchronous entry
points run their own event loop (``asyncio.run``): they are blocking, so the pages call them from a
worker thread (``asyncio.to_thread``), as for all card work; called where a loop already runs
(Playwright's synchronous API in a test), they move to a thread of their own.
"""

from __future__ import annotations

import asyncio
import hashlib
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import datetime
from io import BytesIO
from typing import TypeVar

from asn1crypto import algos
from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.hazmat.primitives.serialization import Encoding
from cryptography.x509.oid import NameOID
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.pdf_utils.writer import BasePdfFileWriter
from pyhanko.sign.fields import SigSeedSubFilter
from pyhanko.sign.signers import PdfSignatureMetadata, PdfSigner, Signer
from pyhanko.sign.signers.pdf_signer import PdfSigningSession
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko.sign.validation.settings import KeyUsageConstraints
from pyhanko.sign.validation.status import SignatureCoverageLevel
from pyhanko_certvalidator import ValidationContext

from foundation.clock import require_aware
from identity.eid.auth.claims import subject_attribute
from identity.eid.signing.session import SigningSession

FIELD_NAME = "Signature"
LOCATION = "Mon Espace"
# What a qualified signature certificate is for; the authentication certificate lacks it.
SIGNER_KEY_USAGE = frozenset({"non_repudiation"})


T = TypeVar("T")


class ReceiptSignatureInvalidError(Exception):
    """The signed receipt does not pass pyHanko's validation: it is not kept."""

    def __init__(self, detail: str) -> None:
        super().__init__(detail)
        self.detail = detail


@dataclass(frozen=True)
class SignedReceiptCheck:
    signer_name: str  # "Naïma Aïcha Mremi", from the signature certificate
    signer_national_number: str
    signed_at: datetime | None  # the signing time the signature states (PDF /M)
    intact: bool  # the signature verifies and covers the whole file, unchanged since
    trusted: bool  # the signer's certificate chains to the configured roots
    certificate_der: bytes


def _asn1(certificate: x509.Certificate) -> asn1_x509.Certificate:
    return asn1_x509.Certificate.load(certificate.public_bytes(Encoding.DER))


def _placeholder_size(certificate: x509.Certificate) -> int:
    """Room for the signature value when pyHanko sizes the CMS before the card signs."""
    public_key = certificate.public_key()
    if isinstance(public_key, rsa.RSAPublicKey):
        return (public_key.key_size + 7) // 8
    if isinstance(public_key, ec.EllipticCurvePublicKey):
        return 2 * ((public_key.curve.key_size + 7) // 8) + 16  # DER (r, s) at its longest
    raise TypeError(f"no eID signature with a {type(public_key).__name__}")


class CardSigner(Signer):
    """A pyHanko signer whose private key is the card's non-repudiation key."""

    def __init__(self, session: SigningSession) -> None:
        certificate = session.certificate
        algorithm = certificate.algorithm
        self.digest_algorithm = algorithm.card_hash_name  # sha384 (ECDSA P-384), sha256 (RSA)
        mechanism = f"{self.digest_algorithm}_{'ecdsa' if algorithm.is_ecdsa else 'rsa'}"
        super().__init__(
            signing_cert=_asn1(certificate.certificate),
            signature_mechanism=algos.SignedDigestAlgorithm({"algorithm": mechanism}),
            embed_roots=False,
        )
        for issuer in certificate.issuers:  # embedded beside the signer's certificate
            self.cert_registry.register(_asn1(issuer))
        self._session = session

    async def async_sign_raw(
        self, data: bytes, digest_algorithm: str, dry_run: bool = False
    ) -> bytes:
        if digest_algorithm != self.digest_algorithm:
            raise ValueError(f"the card signs {self.digest_algorithm}, not {digest_algorithm}")
        if dry_run:
            return bytes(_placeholder_size(self._session.certificate.certificate))
        return self._session.sign_digest(hashlib.new(digest_algorithm, data).digest())


class _PdfSignerAt(PdfSigner):
    """pyHanko takes its own clock for the signing time; the portal's ``now`` is the one."""

    def __init__(
        self, signature_meta: PdfSignatureMetadata, signer: Signer, *, signing_time: datetime
    ) -> None:
        super().__init__(signature_meta, signer)
        self._signing_time = signing_time

    def init_signing_session(
        self, pdf_out: BasePdfFileWriter, existing_fields_only: bool = False
    ) -> PdfSigningSession:
        session = super().init_signing_session(pdf_out, existing_fields_only)
        session.system_time = self._signing_time
        return session


def _outside_any_loop(call: Callable[[], T]) -> T:
    """``call()``, in a thread of its own when this thread already runs an event loop (where
    pyHanko's ``asyncio.run`` would be refused)."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return call()
    with ThreadPoolExecutor(1) as worker:
        return worker.submit(call).result()


def sign_receipt(
    pdf: bytes,
    *,
    card_session: SigningSession,
    signed_at: datetime,
    reason: str,
    location: str = LOCATION,
    field_name: str = FIELD_NAME,
) -> bytes:
    """The PDF with the card's PAdES signature appended (an incremental update)."""
    signer = CardSigner(card_session)
    metadata = PdfSignatureMetadata(
        field_name=field_name,
        md_algorithm=signer.digest_algorithm,
        subfilter=SigSeedSubFilter.PADES,
        reason=reason,
        location=location,
        name=card_session.certificate.holder_name,
    )
    pdf_signer = _PdfSignerAt(
        metadata, signer, signing_time=require_aware(signed_at, name="signed_at")
    )
    signed: BytesIO = _outside_any_loop(
        lambda: pdf_signer.sign_pdf(IncrementalPdfFileWriter(BytesIO(pdf)))
    )
    return signed.getvalue()


def check_signed_receipt(
    pdf: bytes,
    *,
    trust_roots: Sequence[x509.Certificate],
    intermediates: Sequence[x509.Certificate] = (),
    now: datetime,
) -> SignedReceiptCheck:
    """pyHanko's validation of the receipt's one signature against the configured roots.

    Revocation is not asked again here: the card's certificate was checked through OCSP just
    before it signed."""
    reader = PdfFileReader(BytesIO(pdf))
    signatures = reader.embedded_signatures
    if len(signatures) != 1:
        raise ReceiptSignatureInvalidError(f"{len(signatures)} signatures instead of one")
    context = ValidationContext(
        trust_roots=[_asn1(root) for root in trust_roots],
        other_certs=[_asn1(certificate) for certificate in intermediates],
        moment=require_aware(now),
        allow_fetching=False,
        revocation_mode="soft-fail",
    )
    status = _outside_any_loop(
        lambda: validate_pdf_signature(
            signatures[0],
            signer_validation_context=context,
            key_usage_settings=KeyUsageConstraints(key_usage=set(SIGNER_KEY_USAGE)),
        )
    )
    certificate = x509.load_der_x509_certificate(status.signing_cert.dump())
    subject = certificate.subject
    given_names = subject_attribute(subject, NameOID.GIVEN_NAME)
    surname = subject_attribute(subject, NameOID.SURNAME)
    return SignedReceiptCheck(
        signer_name=f"{given_names} {surname}".strip(),
        signer_national_number=subject_attribute(subject, NameOID.SERIAL_NUMBER),
        signed_at=status.signer_reported_dt,
        intact=bool(
            status.intact and status.valid and status.coverage is SignatureCoverageLevel.ENTIRE_FILE
        ),
        trusted=bool(status.trusted),
        certificate_der=status.signing_cert.dump(),
    )
