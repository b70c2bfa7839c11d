"""Is the chip the one the National Register personalised? (applet 1.8 cards)

The identity file, signed by the National Register, carries the SHA-384 of file 4040, the card's
basic public key (DER SubjectPublicKeyInfo, P-384); the card proves it holds the private half by
signing a fresh 48-byte challenge with INTERNAL AUTHENTICATE (raw r‖s). Facts: "Public Belpic
Applet v1.8 Reference Manual" §5.2 and §6.11; "ID and Address file contents" v5, tag 1A.
"""

from __future__ import annotations

import hashlib
import hmac

from cryptography.exceptions import InvalidSignature, UnsupportedAlgorithm
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, utils

from identity.eid.errors import CardNotGenuineError

CHALLENGE_LENGTH = 48  # a SHA-384-sized challenge for the P-384 basic key


def basic_public_key(basic_key_file: bytes, expected_digest: bytes) -> ec.EllipticCurvePublicKey:
    """The key of file 4040, once its SHA-384 matches the identity file's tag 1A."""
    digest = hashlib.sha384(basic_key_file).digest()
    if not hmac.compare_digest(digest, expected_digest):
        raise CardNotGenuineError("file 4040 does not match the basic key hash of the identity")
    try:
        key = serialization.load_der_public_key(basic_key_file)
    except (ValueError, UnsupportedAlgorithm) as error:
        raise CardNotGenuineError("file 4040 is not a public key") from error
    if not isinstance(key, ec.EllipticCurvePublicKey):
        raise CardNotGenuineError("the basic key is not an EC key")
    return key


def verify_card_answer(
    public_key: ec.EllipticCurvePublicKey, challenge: bytes, answer: bytes
) -> None:
    """The card's INTERNAL AUTHENTICATE answer must be the basic key's signature of the
    challenge (taken as a SHA-384 digest)."""
    size = (public_key.curve.key_size + 7) // 8
    if len(answer) != 2 * size:
        raise CardNotGenuineError(f"the card answered {len(answer)} bytes to the challenge")
    der = utils.encode_dss_signature(
        int.from_bytes(answer[:size], "big"), int.from_bytes(answer[size:], "big")
    )
    try:
        public_key.verify(der, challenge, ec.ECDSA(utils.Prehashed(hashes.SHA384())))
    except InvalidSignature:
        raise CardNotGenuineError("the basic key did not sign the challenge") from None
