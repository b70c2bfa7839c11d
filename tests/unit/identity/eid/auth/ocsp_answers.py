"""OCSP responses as a responder would sign them, for the unit and integration tests."""

from __future__ import annotations

from datetime import datetime, timedelta

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.x509 import ocsp

from tests.unit.identity.eid.auth.card_pki import Issued


def sign_ocsp_answer(
    request: ocsp.OCSPRequest,
    *,
    status: ocsp.OCSPCertStatus,
    signer: Issued,
    now: datetime,
    delegated: bool = True,
    nonce: bytes | None = None,
    this_update: datetime | None = None,
    next_update: datetime | None = None,
    revoked_at: datetime | None = None,
    by_name: bool = False,
) -> bytes:
    """Answers ``request`` about its one certificate, signed by ``signer`` (the CA itself or a
    delegated responder, whose certificate then goes in the response)."""
    revoked = status is ocsp.OCSPCertStatus.REVOKED
    builder = (
        ocsp.OCSPResponseBuilder()
        .add_response_by_hash(
            issuer_name_hash=request.issuer_name_hash,
            issuer_key_hash=request.issuer_key_hash,
            serial_number=request.serial_number,
            algorithm=request.hash_algorithm,
            cert_status=status,
            this_update=this_update or now - timedelta(seconds=10),
            next_update=next_update or now + timedelta(hours=1),
            revocation_time=(revoked_at or now - timedelta(days=20)) if revoked else None,
            revocation_reason=x509.ReasonFlags.key_compromise if revoked else None,
        )
        .responder_id(
            ocsp.OCSPResponderEncoding.NAME if by_name else ocsp.OCSPResponderEncoding.HASH,
            signer.certificate,
        )
    )
    if delegated:
        builder = builder.certificates([signer.certificate])
    if nonce is not None:
        builder = builder.add_extension(x509.OCSPNonce(nonce), critical=False)
    response = builder.sign(signer.key, hashes.SHA256())
    return response.public_bytes(serialization.Encoding.DER)


def request_for(certificate: x509.Certificate, issuer: x509.Certificate) -> ocsp.OCSPRequest:
    return (
        ocsp.OCSPRequestBuilder()
        .add_certificate(
            certificate, issuer, hashes.SHA1()
        )  # CertIDs are SHA-1, as responders expect
        .build()
    )
