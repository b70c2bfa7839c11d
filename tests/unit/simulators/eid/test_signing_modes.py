"""Every signature scheme each generation offers in MSE SET, checked with the key's public half:
applet 1.7 PKCS#1 v1.5 and RSASSA-PSS (10 SHA-1, 20 SHA-256); applet 1.8 ECDSA with the hash
named (SHA-2, SHA-3) or not (40)."""

from __future__ import annotations

import hashlib

import pytest
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec, padding, utils

from simulators.eid.belpic_card import BelpicCard
from simulators.eid.card_keys import RsaSigner
from tests.unit.simulators.eid.test_belpic_card import send, verify

MESSAGE = b"dossier 42"


def sign(card: BelpicCard, algorithm: int, key: int, digest: bytes) -> tuple[bytes, int]:
    """MSE SET, then PSO; an applet 1.7 card's answer fetched through GET RESPONSE."""
    mse = send(card, f"00 22 41 B6 05 04 80 {algorithm:02X} 84 {key:02X}")[1]
    if mse != 0x9000:
        return b"", mse
    if key == 0x83:
        assert verify(card, "1234") == 0x9000
    data, status = send(card, f"00 2A 9E 9A {len(digest):02X}{digest.hex()}00")
    while status >> 8 == 0x61:
        more, status = send(card, f"00 C0 00 00 {status & 0xFF:02X}")
        data += more
    return data, status


@pytest.mark.parametrize("key", [0x82, 0x83])
@pytest.mark.parametrize(
    ("reference", "algorithm"), [(0x10, hashes.SHA1()), (0x20, hashes.SHA256())]
)
def test_applet_1_7_signs_rsassa_pss(
    rsa_card: BelpicCard, key: int, reference: int, algorithm: hashes.HashAlgorithm
) -> None:
    assert verify(rsa_card, "1234") == 0x9000
    hasher = hashes.Hash(algorithm)
    hasher.update(MESSAGE)
    digest = hasher.finalize()
    signature, status = sign(rsa_card, reference, key, digest)
    assert status == 0x9000
    signer = rsa_card.content.signers[key]
    assert isinstance(signer, RsaSigner)
    public_key = signer.key.public_key()
    # Salt as long as the digest, MGF1 with the same hash (manual §1.7).
    pss = padding.PSS(mgf=padding.MGF1(algorithm), salt_length=algorithm.digest_size)
    public_key.verify(signature, MESSAGE, pss, algorithm)
    with pytest.raises(InvalidSignature):  # not a PKCS#1 v1.5 signature
        public_key.verify(signature, MESSAGE, padding.PKCS1v15(), algorithm)
    assert sign(rsa_card, reference, 0x82, digest + b"\x00")[1] == 0x6700


def test_applet_1_7_refuses_the_ecdsa_references(rsa_card: BelpicCard) -> None:
    assert sign(rsa_card, 0x40, 0x82, bytes(32))[1] == 0x6A80


EC_CASES = [
    (0x01, "sha256"),
    (0x02, "sha384"),
    (0x04, "sha512"),
    (0x08, "sha3_256"),
    (0x10, "sha3_384"),
    (0x20, "sha3_512"),
    (0x40, "sha1"),
    (0x40, "sha224"),
    (0x40, "sha256"),
    (0x40, "sha384"),
    (0x40, "sha512"),
]
# ECDSA signs a digest's bytes whatever the hash: the check takes any hash of the same size.
SAME_SIZE: dict[int, hashes.HashAlgorithm] = {
    20: hashes.SHA1(),
    28: hashes.SHA224(),
    32: hashes.SHA256(),
    48: hashes.SHA384(),
    64: hashes.SHA512(),
}


@pytest.mark.parametrize(("reference", "hash_name"), EC_CASES)
def test_applet_1_8_signs_ecdsa_over_each_digest(
    ec_card: BelpicCard, reference: int, hash_name: str
) -> None:
    assert verify(ec_card, "1234") == 0x9000
    digest = hashlib.new(hash_name, MESSAGE).digest()
    signature, status = sign(ec_card, reference, 0x82, digest)
    assert status == 0x9000
    assert len(signature) == 96
    key = ec_card.content.signers[0x82].key  # type: ignore[attr-defined]
    public_key = key.public_key()
    assert isinstance(public_key, ec.EllipticCurvePublicKey)
    der = utils.encode_dss_signature(
        int.from_bytes(signature[:48], "big"), int.from_bytes(signature[48:], "big")
    )
    public_key.verify(der, digest, ec.ECDSA(utils.Prehashed(SAME_SIZE[len(digest)])))


def test_applet_1_8_checks_the_digest_length(ec_card: BelpicCard) -> None:
    assert verify(ec_card, "1234") == 0x9000
    assert sign(ec_card, 0x40, 0x82, bytes(40))[1] == 0x6700  # no hash is 40 bytes long
    assert sign(ec_card, 0x10, 0x82, bytes(32))[1] == 0x6700  # SHA3-384 is 48 bytes
    assert sign(ec_card, 0x80, 0x82, bytes(32))[1] == 0x6A80  # RFU
