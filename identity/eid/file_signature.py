"""Checks that the identity, address and photo files are those the National Register signed.

The RRN certificate comes from the card; ``identity.eid.rrn_certificate`` checks it (dates,
purpose, a trusted root).
Applet 1.7 cards: RSA PKCS#1 v1.5 with SHA-256. Applet 1.8 cards: ECDSA P-384 with SHA-384, the
signature DER-encoded (SEQUENCE {r, s}) and possibly followed by zero bytes up to the file's
fixed length ("Belgian Electronic Identity Card content" v5.4, §6.2.3 and §6.2.5).
"""

from __future__ import annotations

import hashlib
import hmac

from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa
from cryptography.x509.oid import NameOID

from identity.eid.errors import FileSignatureError

_PHOTO_DIGESTS = {32: hashlib.sha256, 48: hashlib.sha384}


def verify_file_signature(
    rrn_certificate: x509.Certificate, content: bytes, signature: bytes
) -> None:
    key = rrn_certificate.public_key()
    try:
        if isinstance(key, rsa.RSAPublicKey):
            _verify_rsa(key, content, signature)
        elif isinstance(key, ec.EllipticCurvePublicKey):
            _verify_ec(key, content, signature)
        else:
            raise FileSignatureError("unsupported RRN key type")
    except InvalidSignature as error:
        raise FileSignatureError("file signature does not verify") from error


def _verify_rsa(key: rsa.RSAPublicKey, content: bytes, signature: bytes) -> None:
    # SHA-256 only: the SHA-1 signatures of the oldest cards are not accepted any more.
    key.verify(signature, content, padding.PKCS1v15(), hashes.SHA256())


def _verify_ec(key: ec.EllipticCurvePublicKey, content: bytes, signature: bytes) -> None:
    key.verify(der_signature(signature), content, ec.ECDSA(hashes.SHA384()))


def der_signature(signature_file: bytes) -> bytes:
    """The DER SEQUENCE {r, s} a signature file starts with; only zero bytes may follow it."""
    if len(signature_file) < 2 or signature_file[0] != 0x30:
        raise InvalidSignature()
    length, start = signature_file[1], 2
    if length == 0x81 and len(signature_file) > 2:
        length, start = signature_file[2], 3
    elif length >= 0x80:
        raise InvalidSignature()
    end = start + length
    if end > len(signature_file) or any(signature_file[end:]):
        raise InvalidSignature()
    return signature_file[:end]


def verify_identity_files(
    *,
    rrn_certificate: x509.Certificate,
    identity: bytes,
    identity_signature: bytes,
    address: bytes,
    address_signature: bytes,
) -> None:
    verify_file_signature(rrn_certificate, identity, identity_signature)
    # The address signature covers the address (without padding) and the identity signature,
    # so an address cannot be moved to another card.
    verify_file_signature(
        rrn_certificate, address.rstrip(b"\x00") + identity_signature, address_signature
    )


def verify_photo(photo: bytes, photo_digest: bytes) -> None:
    algorithm = _PHOTO_DIGESTS.get(len(photo_digest))
    if algorithm is None or not hmac.compare_digest(algorithm(photo).digest(), photo_digest):
        raise FileSignatureError("the photo does not match the identity file")


def check_identity_matches_certificate(
    national_number: str, authentication_certificate: x509.Certificate
) -> None:
    """The identity file and the authentication certificate must name the same person."""
    serial_numbers = authentication_certificate.subject.get_attributes_for_oid(
        NameOID.SERIAL_NUMBER
    )
    if [attribute.value for attribute in serial_numbers] != [national_number]:
        raise FileSignatureError("the identity file and the certificate name different people")
