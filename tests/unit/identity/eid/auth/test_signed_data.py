"""What the card signs, computed independently with hashlib (the Web eID definition)."""

from __future__ import annotations

import hashlib

import pytest
from cryptography.hazmat.primitives.asymmetric import ec, rsa

from identity.eid.auth.errors import MalformedTokenError
from identity.eid.auth.token import (
    SignatureAlgorithm,
    algorithm_for_key,
    digest_to_sign,
    signed_data,
)

ORIGIN = "https://monespace.test"
NONCE = "12345678901234567890123456789012345678901AB"


@pytest.mark.parametrize(
    ("algorithm", "hash_name"),
    [("RS256", "sha256"), ("ES384", "sha384"), ("ES256", "sha256"), ("RS512", "sha512")],
)
def test_signed_data_is_the_hash_of_the_origin_then_the_hash_of_the_nonce(
    algorithm: str, hash_name: str
) -> None:
    expected = (
        hashlib.new(hash_name, ORIGIN.encode()).digest()
        + hashlib.new(hash_name, NONCE.encode()).digest()
    )

    assert signed_data(origin=ORIGIN, nonce=NONCE, algorithm=algorithm) == expected
    assert (
        digest_to_sign(origin=ORIGIN, nonce=NONCE, algorithm=algorithm)
        == hashlib.new(hash_name, expected).digest()
    )


def test_digest_sizes_match_what_the_card_expects() -> None:
    assert len(digest_to_sign(origin=ORIGIN, nonce=NONCE, algorithm="RS256")) == 32
    assert len(digest_to_sign(origin=ORIGIN, nonce=NONCE, algorithm="ES384")) == 48
    assert SignatureAlgorithm.ES384.card_hash_name == "sha384"
    assert SignatureAlgorithm.RS256.card_hash_name == "sha256"


def test_changing_origin_or_nonce_changes_the_digest() -> None:
    base = digest_to_sign(origin=ORIGIN, nonce=NONCE, algorithm="ES384")

    assert digest_to_sign(origin=ORIGIN + ":443", nonce=NONCE, algorithm="ES384") != base
    assert digest_to_sign(origin=ORIGIN, nonce=NONCE[:-1] + "C", algorithm="ES384") != base


def test_unknown_algorithm_is_malformed() -> None:
    with pytest.raises(MalformedTokenError):
        signed_data(origin=ORIGIN, nonce=NONCE, algorithm="none")


def test_card_keys_map_to_their_applet_algorithm() -> None:
    ec_key = ec.generate_private_key(ec.SECP384R1()).public_key()
    rsa_key = rsa.generate_private_key(public_exponent=65537, key_size=2048).public_key()

    assert algorithm_for_key(ec_key) is SignatureAlgorithm.ES384
    assert algorithm_for_key(rsa_key) is SignatureAlgorithm.RS256
    with pytest.raises(ValueError, match="no eID signature algorithm"):
        algorithm_for_key(ec.generate_private_key(ec.SECP256K1()).public_key())
