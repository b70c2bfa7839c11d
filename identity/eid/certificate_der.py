"""A certificate a card hands over, parsed whole before anyone reads it.

``cryptography`` parses the names, the extensions and the key only when they are first read, so
a certificate with a malformed extension loads fine and raises ``ValueError`` later, in whichever
check reads it first; a wrong version number raises ``InvalidVersion``, which is no
``ValueError``. Read once here, every such certificate is refused in one place, with one error.
"""

from __future__ import annotations

from cryptography import x509
from cryptography.exceptions import UnsupportedAlgorithm


def parse_certificate(der: bytes) -> x509.Certificate:
    """The certificate in ``der``; ``ValueError`` when any part of it cannot be read."""
    try:
        certificate = x509.load_der_x509_certificate(der)
        _ = certificate.subject, certificate.issuer, certificate.extensions
        certificate.public_key()
    except (x509.InvalidVersion, UnsupportedAlgorithm) as error:
        raise ValueError(f"unreadable certificate: {error}") from error
    return certificate
