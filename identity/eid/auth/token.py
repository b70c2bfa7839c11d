"""The authentication token the reader side returns, and exactly what the card signs.

What is signed, as Web eID does it. With ``H`` the hash of the signature algorithm (SHA-256 for
RS256 and ES256, SHA-384 for RS384 and ES384, SHA-512 for RS512 and ES512):

    signed_data    = H(origin as UTF-8) ‖ H(challenge nonce as UTF-8)
    digest_to_sign = H(signed_data)

The origin is the server's configured origin (``https://host[:port]``, no trailing slash) and the
nonce the base64url text the server issued (not its decoded bytes). The card signs
``digest_to_sign`` with the authentication key (key reference 82):

- ES384 (applet 1.8, ECDSA P-384): ECDSA over the 48-byte SHA-384 digest (MSE SET algorithm 02),
  answer raw r‖s, 96 bytes (r and s each 48 bytes, big-endian).
- RS256 (applet 1.7, RSA-2048): PKCS#1 v1.5 over the DigestInfo of the 32-byte SHA-256 digest
  (MSE SET algorithm 01 with the DigestInfo supplied), answer the 256-byte signature.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec, rsa

from identity.eid.auth.errors import MalformedTokenError


class SignatureAlgorithm(StrEnum):
    """JOSE names, as Web eID uses them."""

    ES256 = "ES256"
    ES384 = "ES384"
    ES512 = "ES512"
    RS256 = "RS256"
    RS384 = "RS384"
    RS512 = "RS512"

    @property
    def is_ecdsa(self) -> bool:
        return self.value.startswith("ES")

    def hash_algorithm(self) -> hashes.HashAlgorithm:
        return _HASHES[self.value[2:]]()

    @property
    def card_hash_name(self) -> str:
        """The ``hash_algorithm`` name the card reader's ``sign`` takes: sha256/sha384/sha512."""
        return f"sha{self.value[2:]}"


_HASHES: dict[str, type[hashes.HashAlgorithm]] = {
    "256": hashes.SHA256,
    "384": hashes.SHA384,
    "512": hashes.SHA512,
}


@dataclass(frozen=True)
class AuthenticationToken:
    """What the reader side hands back after the card signed the challenge.

    Every field is a claim: the server checks the origin against its configuration, takes the
    nonce from its own store, and verifies the signature over those server-side values."""

    certificate: bytes  # the authentication certificate, DER
    signature: bytes
    algorithm: str  # a SignatureAlgorithm name, e.g. "ES384" or "RS256"
    origin: str
    nonce: str


def parse_algorithm(name: str) -> SignatureAlgorithm:
    try:
        return SignatureAlgorithm(name)
    except ValueError:
        raise MalformedTokenError(f"unsupported signature algorithm {name!r}") from None


def algorithm_for_key(public_key: object) -> SignatureAlgorithm:
    """The algorithm a card with this key uses: ES384 for P-384 (applet 1.8), RS256 for RSA
    (applet 1.7), ES256 / ES512 for P-256 / P-521."""
    if isinstance(public_key, rsa.RSAPublicKey):
        return SignatureAlgorithm.RS256
    if isinstance(public_key, ec.EllipticCurvePublicKey):
        by_curve = {
            "secp256r1": SignatureAlgorithm.ES256,
            "secp384r1": SignatureAlgorithm.ES384,
            "secp521r1": SignatureAlgorithm.ES512,
        }
        if public_key.curve.name in by_curve:
            return by_curve[public_key.curve.name]
    raise ValueError(f"no eID signature algorithm for a {type(public_key).__name__}")


def _digest(algorithm: SignatureAlgorithm, data: bytes) -> bytes:
    hasher = hashes.Hash(algorithm.hash_algorithm())
    hasher.update(data)
    return hasher.finalize()


def signed_data(*, origin: str, nonce: str, algorithm: SignatureAlgorithm | str) -> bytes:
    """H(origin) ‖ H(nonce): the value whose digest the card signs."""
    chosen = parse_algorithm(str(algorithm))
    return _digest(chosen, origin.encode("utf-8")) + _digest(chosen, nonce.encode("utf-8"))


def digest_to_sign(*, origin: str, nonce: str, algorithm: SignatureAlgorithm | str) -> bytes:
    """H(H(origin) ‖ H(nonce)): the digest to hand to the card (32 bytes for RS256, 48 for
    ES384)."""
    chosen = parse_algorithm(str(algorithm))
    return _digest(chosen, signed_data(origin=origin, nonce=nonce, algorithm=chosen))
