"""The National Register's certificate (RRN) that signs a card's identity and address files,
checked as the card's other certificates are, wherever the files are believed (the eID login,
the data a démarche takes from the card).

The files are worth their RRN signature only if the certificate is: valid at ``now``, made to
sign (key usage nonRepudiation or digitalSignature, as Belgian RRN certificates carry), and
issued by a trusted root itself. In the Belgian PKI the RRN certificate hangs straight under the
root, so a chain through a Citizen CA (a card holder's own certificate, whose key is on any
card) is refused.
"""

from __future__ import annotations

from datetime import datetime

from cryptography import x509

from identity.eid.auth.certificate_chain import CertificateUse, verify_chain
from identity.eid.auth.certificate_dates import check_certificate_dates
from identity.eid.auth.clock import require_utc
from identity.eid.auth.errors import EidAuthenticationError
from identity.eid.auth.trust_anchors import TrustAnchors
from identity.eid.errors import RrnCertificateError


def check_rrn_purpose(certificate: x509.Certificate) -> None:
    try:
        key_usage = certificate.extensions.get_extension_for_class(x509.KeyUsage).value
    except x509.ExtensionNotFound:
        raise RrnCertificateError("the RRN certificate has no key usage extension") from None
    if not (key_usage.content_commitment or key_usage.digital_signature):
        raise RrnCertificateError("the RRN certificate's key usage is not for signing")


def check_rrn_certificate(
    certificate: x509.Certificate, trust_anchors: TrustAnchors, *, now: datetime
) -> None:
    """``RrnCertificateError`` naming the first check it fails, in order: dates, purpose,
    chain (a root's own signature on it)."""
    now = require_utc(now)
    try:
        check_certificate_dates(certificate, now=now)
    except EidAuthenticationError as error:
        raise RrnCertificateError(f"RRN certificate: {error.detail}") from None
    check_rrn_purpose(certificate)
    try:
        chain = verify_chain(
            certificate,
            trust_anchors=trust_anchors,
            intermediates=(),
            now=now,
            use=CertificateUse.SIGNING,
        )
    except EidAuthenticationError as error:
        raise RrnCertificateError(f"RRN certificate: {error.detail}") from None
    if len(chain) != 2:
        raise RrnCertificateError("the RRN certificate is not issued by a trusted root itself")
