"""Revocation checking behind a small interface (OCSP today; a CRL checker could be added)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Protocol

from cryptography import x509

from identity.eid.auth.errors import CertificateRevokedError, RevocationUnknownError


class RevocationStatus(StrEnum):
    GOOD = "good"
    REVOKED = "revoked"
    UNKNOWN = "unknown"  # the responder does not know, or could not be reached or trusted


@dataclass(frozen=True)
class RevocationResult:
    status: RevocationStatus
    detail: str = ""
    revoked_at: datetime | None = None


class RevocationChecker(Protocol):
    def check(
        self, *, certificate: x509.Certificate, issuer: x509.Certificate, now: datetime
    ) -> RevocationResult:
        """The status of ``certificate`` (issued by ``issuer``) at ``now``. Failures to get an
        answer are reported as UNKNOWN, not raised."""
        ...


def require_not_revoked(
    *,
    checker: RevocationChecker,
    certificate: x509.Certificate,
    issuer: x509.Certificate,
    now: datetime,
) -> None:
    """Fails closed: only an explicit GOOD lets the login through."""
    result = checker.check(certificate=certificate, issuer=issuer, now=now)
    if result.status is RevocationStatus.GOOD:
        return
    if result.status is RevocationStatus.REVOKED:
        when = f" at {result.revoked_at.isoformat()}" if result.revoked_at else ""
        raise CertificateRevokedError(f"certificate revoked{when}: {result.detail}".rstrip(": "))
    raise RevocationUnknownError(f"revocation status unknown: {result.detail or 'no detail'}")
