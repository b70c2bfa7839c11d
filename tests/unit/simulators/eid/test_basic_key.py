"""Applet 1.8's basic key: file 4040, its hash in the identity file (tag 1A), and INTERNAL
AUTHENTICATE; applet 1.7 cards have none of them."""

from __future__ import annotations

import hashlib

import pytest
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, utils

from identity.eid.tlv import parse_fields
from simulators.eid.belpic_card import BelpicCard
from tests.unit.simulators.eid.test_belpic_card import send, verify

CHALLENGE = bytes(range(48))
# SubjectPublicKeyInfo of a P-384 key, as the card content document shows file 4040.
SPKI_P384_PREFIX = bytes.fromhex("30 76 30 10 06 07 2A8648CE3D0201 06 05 2B81040022 03 62 00 04")


def read(card: BelpicCard, path: str) -> bytes:
    assert send(card, f"00 A4 08 0C {len(bytes.fromhex(path)):02X} {path}")[1] == 0x9000
    content = b""
    while True:
        offset = f"{len(content) >> 8:02X} {len(content) & 0xFF:02X}"
        data, status = send(card, f"00 B0 {offset} F0")
        if status >> 8 == 0x6C:  # the rest is shorter: ask again for what is left
            data, status = send(card, f"00 B0 {offset} {status & 0xFF:02X}")
        if status != 0x9000:
            return content
        content += data


def test_file_4040_is_the_basic_public_key_and_the_identity_file_carries_its_hash(
    ec_card: BelpicCard,
) -> None:
    basic_key_file = read(ec_card, "DF01 4040")
    assert len(basic_key_file) == 120
    assert basic_key_file.startswith(SPKI_P384_PREFIX)
    public_key = serialization.load_der_public_key(basic_key_file)
    assert isinstance(public_key, ec.EllipticCurvePublicKey)
    assert public_key.curve.name == "secp384r1"
    fields = parse_fields(read(ec_card, "DF01 4031"))
    assert fields[0x1A] == hashlib.sha384(basic_key_file).digest()
    assert max(fields) == 0x1A


def test_internal_authenticate_signs_the_challenge_with_the_basic_key(ec_card: BelpicCard) -> None:
    public_key = serialization.load_der_public_key(read(ec_card, "DF01 4040"))
    assert isinstance(public_key, ec.EllipticCurvePublicKey)
    # No PIN: a reader proves the card genuine before anything else.
    answer, status = send(ec_card, "00 88 02 81 32 94 30" + CHALLENGE.hex())
    assert status == 0x9000
    assert len(answer) == 96  # raw r‖s
    der = utils.encode_dss_signature(
        int.from_bytes(answer[:48], "big"), int.from_bytes(answer[48:], "big")
    )
    public_key.verify(der, CHALLENGE, ec.ECDSA(utils.Prehashed(hashes.SHA384())))
    # With Le as well (case 4), and with the length written 81 30.
    assert send(ec_card, "00 88 02 81 32 94 30" + CHALLENGE.hex() + "00")[1] == 0x9000
    assert send(ec_card, "00 88 02 81 33 94 81 30" + CHALLENGE.hex())[1] == 0x9000


@pytest.mark.parametrize(
    ("command", "status"),
    [
        ("00 88 02 82 32 94 30" + CHALLENGE.hex(), 0x6A88),  # not the basic key
        ("00 88 01 81 32 94 30" + CHALLENGE.hex(), 0x6B00),  # SHA-256 with a P-384 key
        ("00 88 02 81 32 95 30" + CHALLENGE.hex(), 0x6A80),  # wrong tag
        ("00 88 02 81 22 94 20" + CHALLENGE[:32].hex(), 0x6A80),  # 32-byte challenge
        ("00 88 02 81 32 94 31" + CHALLENGE.hex(), 0x6A80),  # length beyond the data
        ("00 88 02 81", 0x6A80),  # no data
    ],
)
def test_internal_authenticate_refusals(ec_card: BelpicCard, command: str, status: int) -> None:
    assert send(ec_card, command)[1] == status


def test_internal_authenticate_clears_the_security_environment(ec_card: BelpicCard) -> None:
    assert verify(ec_card, "1234") == 0x9000
    assert send(ec_card, "00 22 41 B6 05 04 80 01 84 82")[1] == 0x9000
    assert send(ec_card, "00 88 02 81 32 94 30" + CHALLENGE.hex())[1] == 0x9000
    assert send(ec_card, "00 2A 9E 9A 20" + "55" * 32 + "00")[1] == 0x6985


def test_applet_1_7_has_no_basic_key(rsa_card: BelpicCard) -> None:
    assert send(rsa_card, "00 A4 08 0C 04 DF01 4040")[1] == 0x6A82
    assert send(rsa_card, "00 88 02 81 32 94 30" + CHALLENGE.hex())[1] == 0x6D00
    fields = parse_fields(read(rsa_card, "DF01 4031"))
    assert sorted(fields) == list(range(0x01, 0x12))
