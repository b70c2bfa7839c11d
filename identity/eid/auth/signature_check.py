"""Verifies the card's signature over the server's own origin and nonce."""

from __future__ import annotations

from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa, utils

from identity.eid.auth.errors import InvalidSignatureError
from identity.eid.auth.token import SignatureAlgorithm, digest_to_sign


def raw_ecdsa_to_der(raw: bytes, *, curve: ec.EllipticCurve) -> bytes:
    """Cards answer r‖s (each the curve's size, big-endian); cryptography verifies DER."""
    size = (curve.key_size + 7) // 8
    if len(raw) != 2 * size:
        raise InvalidSignatureError(
            f"an ECDSA {curve.name} signature is {2 * size} bytes r‖s, got {len(raw)}"
        )
    r = int.from_bytes(raw[:size], "big")
    s = int.from_bytes(raw[size:], "big")
    return utils.encode_dss_signature(r, s)


def verify_card_signature(
    *,
    certificate: x509.Certificate,
    signature: bytes,
    algorithm: SignatureAlgorithm,
    expected_origin: str,
    expected_nonce: str,
) -> None:
    """Raises ``InvalidSignatureError`` unless the certificate's key signed
    H(H(expected_origin) ‖ H(expected_nonce)) with ``algorithm``."""
    digest = digest_to_sign(origin=expected_origin, nonce=expected_nonce, algorithm=algorithm)
    prehashed = utils.Prehashed(algorithm.hash_algorithm())
    public_key = certificate.public_key()
    try:
        if algorithm.is_ecdsa and isinstance(public_key, ec.EllipticCurvePublicKey):
            der = raw_ecdsa_to_der(signature, curve=public_key.curve)
            public_key.verify(der, digest, ec.ECDSA(prehashed))
        elif not algorithm.is_ecdsa and isinstance(public_key, rsa.RSAPublicKey):
            public_key.verify(signature, digest, padding.PKCS1v15(), prehashed)
        else:
            raise InvalidSignatureError(
                f"{algorithm} does not match the certificate's {type(public_key).__name__}"
            )
    except InvalidSignature:
        raise InvalidSignatureError(
            f"{algorithm} signature does not verify over the server's origin and challenge"
        ) from None
