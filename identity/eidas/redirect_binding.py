"""The SAML HTTP-Redirect binding (SAML bindings §3.4): the message deflated and base64-encoded
in the query, signed over the exact query string ``SAMLRequest=…&RelayState=…&SigAlg=…``.

Written on ``cryptography`` rather than through pysaml2's signer table, which keeps the key in a
module-level object shared by every thread."""

from __future__ import annotations

import base64
import zlib
from urllib.parse import urlencode

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding, rsa
from cryptography.x509 import load_pem_x509_certificate

from identity.eidas.vocabulary import SIGNATURE_ALGORITHM


def deflate(message: str) -> str:
    compressor = zlib.compressobj(wbits=-15)  # raw DEFLATE, no zlib header (§3.4.4.1)
    raw = compressor.compress(message.encode("utf-8")) + compressor.flush()
    return base64.b64encode(raw).decode("ascii")


def inflate(encoded: str, *, limit: int = 256 * 1024) -> str:
    """The message of a Redirect query; ``ValueError`` when it is not one (or too large)."""
    try:
        raw = base64.b64decode(encoded, validate=True)
        decompressor = zlib.decompressobj(wbits=-15)
        message = decompressor.decompress(raw, limit)
    except (ValueError, zlib.error) as error:
        raise ValueError("not a deflated, base64-encoded message") from error
    if decompressor.unconsumed_tail:
        raise ValueError("message too large")
    if not message:
        raise ValueError("empty message")
    return message.decode("utf-8")


def _signed_part(parameter: str, message: str, relay_state: str, sig_alg: str) -> bytes:
    fields = [(parameter, message)]
    if relay_state:
        fields.append(("RelayState", relay_state))
    fields.append(("SigAlg", sig_alg))
    return urlencode(fields).encode("ascii")


def signed_query(
    message_xml: str, *, relay_state: str, key_pem: bytes, parameter: str = "SAMLRequest"
) -> str:
    """The query of a signed Redirect message (RSA-SHA256)."""
    message = deflate(message_xml)
    key = serialization.load_pem_private_key(key_pem, password=None)
    if not isinstance(key, rsa.RSAPrivateKey):
        raise TypeError("the SAML signing key must be an RSA key")
    signed = _signed_part(parameter, message, relay_state, SIGNATURE_ALGORITHM)
    signature = key.sign(signed, padding.PKCS1v15(), hashes.SHA256())
    fields = [(parameter, message)]
    if relay_state:
        fields.append(("RelayState", relay_state))
    fields += [
        ("SigAlg", SIGNATURE_ALGORITHM),
        ("Signature", base64.b64encode(signature).decode("ascii")),
    ]
    return urlencode(fields)


def verify_query(
    fields: dict[str, str], *, certificates_pem: list[bytes], parameter: str = "SAMLRequest"
) -> bool:
    """Whether a Redirect message's signature is by one of these certificates' keys."""
    if fields.get("SigAlg") != SIGNATURE_ALGORITHM or "Signature" not in fields:
        return False
    try:
        signature = base64.b64decode(fields["Signature"], validate=True)
    except ValueError:
        return False
    signed = _signed_part(
        parameter, fields.get(parameter, ""), fields.get("RelayState", ""), fields["SigAlg"]
    )
    for pem in certificates_pem:
        public_key = load_pem_x509_certificate(pem).public_key()
        if not isinstance(public_key, rsa.RSAPublicKey):
            continue
        try:
            public_key.verify(signature, signed, padding.PKCS1v15(), hashes.SHA256())
        except InvalidSignature:
            continue
        return True
    return False
