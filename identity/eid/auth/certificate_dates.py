"""The authentication certificate must be valid at ``now``."""

from __future__ import annotations

from datetime import datetime

from cryptography import x509

from identity.eid.auth.errors import CertificateExpiredError, CertificateNotYetValidError


def check_certificate_dates(certificate: x509.Certificate, *, now: datetime) -> None:
    if now < certificate.not_valid_before_utc:
        raise CertificateNotYetValidError(
            f"certificate valid from {certificate.not_valid_before_utc.isoformat()}, "
            f"now is {now.isoformat()}"
        )
    if now > certificate.not_valid_after_utc:
        raise CertificateExpiredError(
            f"certificate expired at {certificate.not_valid_after_utc.isoformat()}, "
            f"now is {now.isoformat()}"
        )
