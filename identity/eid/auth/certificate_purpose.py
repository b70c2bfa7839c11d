"""The certificate must be one made for authentication: key usage digitalSignature, extended key
usage client authentication or none (Belgian authentication certificates carry either)."""

from __future__ import annotations

from cryptography import x509
from cryptography.x509.oid import ExtendedKeyUsageOID

from identity.eid.auth.errors import CertificatePurposeError


def check_authentication_purpose(certificate: x509.Certificate) -> None:
    try:
        key_usage = certificate.extensions.get_extension_for_class(x509.KeyUsage).value
    except x509.ExtensionNotFound:
        raise CertificatePurposeError("certificate has no key usage extension") from None
    if not key_usage.digital_signature:
        # The card's other certificate (qualified signature) has nonRepudiation only.
        raise CertificatePurposeError("key usage lacks digitalSignature")
    try:
        extended = certificate.extensions.get_extension_for_class(x509.ExtendedKeyUsage).value
    except x509.ExtensionNotFound:
        return
    if ExtendedKeyUsageOID.CLIENT_AUTH not in extended:
        names = ", ".join(oid.dotted_string for oid in extended)
        raise CertificatePurposeError(f"extended key usage {names} lacks clientAuth")
