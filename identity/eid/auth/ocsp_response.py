"""Reads an OCSP response and decides good / revoked / unknown, trusting nothing unchecked.

The response must be signed by the certificate's issuer itself or by a responder certificate the
issuer delegated (issued by it, extended key usage OCSPSigning, valid at ``now``); it must be about
this very certificate, echo our nonce if it echoes one, and be fresh: thisUpdate not in the future
nor older than ``max_this_update_age``, nextUpdate (when given) not past (both with
``allowed_time_skew``). Any doubt gives UNKNOWN, which the login treats as a failure.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from cryptography import x509
from cryptography.exceptions import InvalidSignature, UnsupportedAlgorithm
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa
from cryptography.hazmat.primitives.asymmetric.types import CertificatePublicKeyTypes
from cryptography.x509 import ocsp
from cryptography.x509.oid import ExtendedKeyUsageOID

from identity.eid.auth.revocation import RevocationResult, RevocationStatus

# Web eID's defaults.
ALLOWED_TIME_SKEW = timedelta(minutes=15)
MAX_THIS_UPDATE_AGE = timedelta(minutes=2)


class _UnreliableResponseError(Exception):
    """Internal: the response cannot be relied on; becomes an UNKNOWN result."""


def _unknown(detail: str) -> RevocationResult:
    return RevocationResult(RevocationStatus.UNKNOWN, detail)


def _key_hash(public_key: CertificatePublicKeyTypes) -> bytes:
    # ResponderID byKey is the SHA-1 of the subjectPublicKey bits, the same value as RFC 5280's
    # method-1 key identifier.
    return x509.SubjectKeyIdentifier.from_public_key(public_key).digest


def _is_named_responder(response: ocsp.OCSPResponse, candidate: x509.Certificate) -> bool:
    if response.responder_key_hash is not None:
        return response.responder_key_hash == _key_hash(candidate.public_key())
    return response.responder_name == candidate.subject


def _verify_response_signature(response: ocsp.OCSPResponse, signer: x509.Certificate) -> None:
    algorithm = response.signature_hash_algorithm
    key = signer.public_key()
    try:
        if isinstance(key, rsa.RSAPublicKey) and algorithm is not None:
            key.verify(
                response.signature, response.tbs_response_bytes, padding.PKCS1v15(), algorithm
            )
        elif isinstance(key, ec.EllipticCurvePublicKey) and algorithm is not None:
            key.verify(response.signature, response.tbs_response_bytes, ec.ECDSA(algorithm))
        else:
            raise _UnreliableResponseError(f"unsupported OCSP signature key {type(key).__name__}")
    except InvalidSignature:
        raise _UnreliableResponseError("OCSP response signature does not verify") from None


def _check_delegated_responder(
    responder: x509.Certificate, *, issuer: x509.Certificate, now: datetime
) -> None:
    try:
        responder.verify_directly_issued_by(issuer)
    except (InvalidSignature, ValueError, TypeError):
        raise _UnreliableResponseError(
            "OCSP responder certificate is not issued by the CA"
        ) from None
    try:
        usage = responder.extensions.get_extension_for_class(x509.ExtendedKeyUsage).value
    except x509.ExtensionNotFound:
        raise _UnreliableResponseError(
            "OCSP responder certificate has no extended key usage"
        ) from None
    if ExtendedKeyUsageOID.OCSP_SIGNING not in usage:
        raise _UnreliableResponseError("OCSP responder certificate is not for OCSP signing")
    if not responder.not_valid_before_utc <= now <= responder.not_valid_after_utc:
        raise _UnreliableResponseError("OCSP responder certificate is not valid now")


def _verify_signer(response: ocsp.OCSPResponse, *, issuer: x509.Certificate, now: datetime) -> None:
    if _is_named_responder(response, issuer):
        _verify_response_signature(response, issuer)
        return
    for candidate in response.certificates:
        if _is_named_responder(response, candidate):
            _check_delegated_responder(candidate, issuer=issuer, now=now)
            _verify_response_signature(response, candidate)
            return
    raise _UnreliableResponseError(
        "OCSP response is signed neither by the CA nor by a responder it delegated"
    )


def _single_response_for(
    response: ocsp.OCSPResponse, *, certificate: x509.Certificate, issuer: x509.Certificate
) -> ocsp.OCSPSingleResponse:
    for single in response.responses:
        if single.serial_number != certificate.serial_number:
            continue
        # Our CertID computed with the hash the responder used.
        ours = (
            ocsp.OCSPRequestBuilder()
            .add_certificate(certificate, issuer, single.hash_algorithm)
            .build()
        )
        if (single.issuer_name_hash, single.issuer_key_hash) == (
            ours.issuer_name_hash,
            ours.issuer_key_hash,
        ):
            return single
    raise _UnreliableResponseError("OCSP response says nothing about this certificate")


def _check_nonce(response: ocsp.OCSPResponse, nonce: bytes | None) -> None:
    try:
        echoed = response.extensions.get_extension_for_class(x509.OCSPNonce).value.nonce
    except x509.ExtensionNotFound:
        return  # many responders do not echo nonces; freshness is then checked on the dates
    if nonce is None or echoed != nonce:
        raise _UnreliableResponseError("OCSP response nonce does not match the request's")


def _check_freshness(
    single: ocsp.OCSPSingleResponse,
    *,
    now: datetime,
    allowed_time_skew: timedelta,
    max_this_update_age: timedelta,
) -> None:
    if single.this_update_utc > now + allowed_time_skew:
        raise _UnreliableResponseError(
            f"OCSP thisUpdate {single.this_update_utc.isoformat()} is in the future"
        )
    if single.this_update_utc < now - max_this_update_age - allowed_time_skew:
        raise _UnreliableResponseError(
            f"OCSP thisUpdate {single.this_update_utc.isoformat()} is too old"
        )
    next_update = single.next_update_utc
    if next_update is not None and next_update < now - allowed_time_skew:
        raise _UnreliableResponseError(f"OCSP nextUpdate {next_update.isoformat()} is past")


def evaluate_ocsp_response(
    data: bytes,
    *,
    certificate: x509.Certificate,
    issuer: x509.Certificate,
    nonce: bytes | None,
    now: datetime,
    allowed_time_skew: timedelta = ALLOWED_TIME_SKEW,
    max_this_update_age: timedelta = MAX_THIS_UPDATE_AGE,
) -> RevocationResult:
    try:
        response = ocsp.load_der_ocsp_response(data)
    except ValueError as error:
        return _unknown(f"unreadable OCSP response: {error}")
    if response.response_status is not ocsp.OCSPResponseStatus.SUCCESSFUL:
        return _unknown(f"OCSP responder answered {response.response_status.name}")
    try:
        _verify_signer(response, issuer=issuer, now=now)
        _check_nonce(response, nonce)
        single = _single_response_for(response, certificate=certificate, issuer=issuer)
        _check_freshness(
            single,
            now=now,
            allowed_time_skew=allowed_time_skew,
            max_this_update_age=max_this_update_age,
        )
    except _UnreliableResponseError as doubt:
        return _unknown(str(doubt))
    except (ValueError, UnsupportedAlgorithm) as error:
        return _unknown(f"malformed OCSP response: {error}")
    if single.certificate_status is ocsp.OCSPCertStatus.GOOD:
        return RevocationResult(RevocationStatus.GOOD, "OCSP: good")
    if single.certificate_status is ocsp.OCSPCertStatus.REVOKED:
        reason = single.revocation_reason.name if single.revocation_reason else "unspecified"
        return RevocationResult(
            RevocationStatus.REVOKED, f"OCSP: revoked ({reason})", single.revocation_time_utc
        )
    return _unknown("OCSP responder does not know this certificate")


def sha1_cert_id() -> hashes.HashAlgorithm:
    """CertIDs use SHA-1: the one hash every OCSP responder accepts (RFC 5019); it identifies,
    it does not protect."""
    return hashes.SHA1()  # noqa: S303
