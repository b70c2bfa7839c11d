"""Revocation through OCSP over HTTP (RFC 6960), the way the Belgian eID PKI publishes it.

The responder URL comes from the certificate's Authority Information Access extension, or from a
configured override (for a local responder, or a PKI whose AIA is not reachable from the server).
"""

from __future__ import annotations

import http.client
import secrets
import urllib.request
from collections.abc import Callable
from datetime import datetime, timedelta
from urllib.parse import urlsplit

from cryptography import x509
from cryptography.hazmat.primitives import serialization
from cryptography.x509 import ocsp
from cryptography.x509.oid import AuthorityInformationAccessOID

from identity.eid.auth.clock import require_utc
from identity.eid.auth.ocsp_response import (
    ALLOWED_TIME_SKEW,
    MAX_THIS_UPDATE_AGE,
    evaluate_ocsp_response,
    sha1_cert_id,
)
from identity.eid.auth.revocation import RevocationResult, RevocationStatus

NONCE_BYTES = 32
MAX_RESPONSE_BYTES = 1 << 20


def responder_url_from_aia(certificate: x509.Certificate) -> str | None:
    try:
        access = certificate.extensions.get_extension_for_class(
            x509.AuthorityInformationAccess
        ).value
    except x509.ExtensionNotFound:
        return None
    for description in access:
        if description.access_method == AuthorityInformationAccessOID.OCSP and isinstance(
            description.access_location, x509.UniformResourceIdentifier
        ):
            return description.access_location.value
    return None


def build_ocsp_request(
    *, certificate: x509.Certificate, issuer: x509.Certificate, nonce: bytes
) -> bytes:
    request = (
        ocsp.OCSPRequestBuilder()
        .add_certificate(certificate, issuer, sha1_cert_id())
        .add_extension(x509.OCSPNonce(nonce), critical=False)
        .build()
    )
    return request.public_bytes(serialization.Encoding.DER)


def post_ocsp_request(url: str, body: bytes, *, timeout_seconds: float) -> bytes:
    """POSTs the DER request; raises OSError (or http.client.HTTPException) on any failure."""
    if urlsplit(url).scheme not in ("http", "https"):
        raise OSError(f"OCSP responder URL must be http(s): {url!r}")
    request = urllib.request.Request(  # noqa: S310 (scheme checked just above)
        url,
        data=body,
        method="POST",
        headers={
            "Content-Type": "application/ocsp-request",
            "Accept": "application/ocsp-response",
        },
    )
    with urllib.request.urlopen(request, timeout=timeout_seconds) as answer:  # noqa: S310
        if answer.status != 200:
            raise OSError(f"OCSP responder answered HTTP {answer.status}")
        data: bytes = answer.read(MAX_RESPONSE_BYTES + 1)
    if len(data) > MAX_RESPONSE_BYTES:
        raise OSError("OCSP response is larger than 1 MiB")
    return data


class OcspRevocationChecker:
    """A ``RevocationChecker`` asking the OCSP responder at every login (no cache: a revoked
    card must stop working at once)."""

    def __init__(
        self,
        *,
        responder_url: str | None = None,
        timeout_seconds: float = 5.0,
        allowed_time_skew: timedelta = ALLOWED_TIME_SKEW,
        max_this_update_age: timedelta = MAX_THIS_UPDATE_AGE,
        random_bytes: Callable[[int], bytes] = secrets.token_bytes,
    ) -> None:
        self._responder_url = responder_url
        self._timeout_seconds = timeout_seconds
        self._allowed_time_skew = allowed_time_skew
        self._max_this_update_age = max_this_update_age
        self._random_bytes = random_bytes

    def check(
        self, *, certificate: x509.Certificate, issuer: x509.Certificate, now: datetime
    ) -> RevocationResult:
        now = require_utc(now)
        url = self._responder_url or responder_url_from_aia(certificate)
        if url is None:
            return RevocationResult(
                RevocationStatus.UNKNOWN, "no OCSP responder: the certificate has no AIA URL"
            )
        nonce = self._random_bytes(NONCE_BYTES)
        body = build_ocsp_request(certificate=certificate, issuer=issuer, nonce=nonce)
        try:
            answer = post_ocsp_request(url, body, timeout_seconds=self._timeout_seconds)
        except (OSError, http.client.HTTPException, ValueError) as error:
            return RevocationResult(
                RevocationStatus.UNKNOWN, f"OCSP responder {url} unreachable: {error}"
            )
        return evaluate_ocsp_response(
            answer,
            certificate=certificate,
            issuer=issuer,
            nonce=nonce,
            now=now,
            allowed_time_skew=self._allowed_time_skew,
            max_this_update_age=self._max_this_update_age,
        )
