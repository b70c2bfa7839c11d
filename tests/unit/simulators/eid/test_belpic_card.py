"""The card OS answered APDU by APDU, as the BELPIC applet does."""

from __future__ import annotations

import pytest

from identity.eid.apdu import pin_block
from simulators.eid.belpic_card import BelpicCard
from simulators.eid.file_system import DedicatedFile, ElementaryFile


def send(card: BelpicCard, command: str) -> tuple[bytes, int]:
    answer = card.execute(bytes.fromhex(command.replace(" ", "")))
    return answer[:-2], int.from_bytes(answer[-2:], "big")


def verify(card: BelpicCard, pin: str) -> int:
    return send(card, "00 20 00 01 08" + pin_block(pin).hex())[1]


def test_get_card_data_tells_the_applet_version_and_life_cycle(
    rsa_card: BelpicCard, ec_card: BelpicCard
) -> None:
    data, status = send(rsa_card, "80 E4 00 00 1C")
    assert status == 0x9000
    assert len(data) == 28
    assert data[21] == 0x17
    assert data[27] == 0x0F
    assert data[:16] == rsa_card.content.chip_number
    data, status = send(ec_card, "80 E4 00 00 1C")
    assert data[21] == 0x18
    data, status = send(ec_card, "80 E4 00 01 1F")
    assert status == 0x9000
    assert len(data) == 31
    assert data[28] == 3
    assert send(rsa_card, "80 E4 00 01 1F")[1] == 0x6A86  # not on applet 1.7


def test_atrs_of_both_generations(rsa_card: BelpicCard, ec_card: BelpicCard) -> None:
    assert rsa_card.atr.hex(" ").upper() == "3B 98 13 40 0A A5 03 01 01 01 AD 13 11"
    assert ec_card.atr.hex(" ").upper().startswith("3B 7F 96 00 00 80 31 80 65 B0 85")


@pytest.mark.parametrize(
    "select",
    [
        "00 A4 08 0C 04 DF01 4031",  # by path without the MF
        "00 A4 08 0C 06 3F00 DF01 4031",  # with it, as OpenSC sends
        "00 A4 02 0C 02 DF01",  # by file id, step by step
    ],
)
def test_select_then_read_binary_by_chunks(rsa_card: BelpicCard, select: str) -> None:
    assert send(rsa_card, select)[1] == 0x9000
    if select.startswith("00 A4 02"):
        assert send(rsa_card, "00 A4 02 0C 02 4031")[1] == 0x9000
    id_files = rsa_card.content.master_file.children[0xDF01]
    assert isinstance(id_files, DedicatedFile)
    identity = id_files.children[0x4031]
    assert isinstance(identity, ElementaryFile)
    content = identity.content
    first, status = send(rsa_card, "00 B0 00 00 10")
    assert status == 0x9000
    assert first == content[:16]
    _, status = send(rsa_card, "00 B0 00 10 FC")  # 252 bytes: more than is left
    assert status == 0x6C00 | (len(content) - 16)
    rest, status = send(rsa_card, f"00 B0 00 10 {len(content) - 16:02X}")
    assert status == 0x9000
    assert first + rest == content
    assert send(rsa_card, f"00 B0 {len(content):04X} 01")[1] == 0x6B00  # past the end


def test_select_errors(rsa_card: BelpicCard) -> None:
    assert send(rsa_card, "00 A4 08 0C 04 DF01 9999")[1] == 0x6A82
    assert send(rsa_card, "00 A4 04 0C 0C A000000177504B43532D3135")[1] == 0x9000  # PKCS#15 DF
    assert send(rsa_card, "00 A4 04 0C 03 A00000")[1] == 0x6A82
    assert send(rsa_card, "00 A4 08 0C 03 DF0140")[1] == 0x6700  # odd path
    assert send(rsa_card, "00 A4 07 0C 02 DF01")[1] == 0x6A86
    assert send(rsa_card, "00 A4 02 0C 02 DF01")[1] == 0x9000
    assert send(rsa_card, "00 B0 00 00 10")[1] == 0x6986  # a DF is not readable


def test_pin_status_tries_blocking_and_reset(rsa_card: BelpicCard) -> None:
    assert send(rsa_card, "00 20 00 01")[1] == 0x63C3
    assert verify(rsa_card, "0000") == 0x63C2
    assert send(rsa_card, "00 20 00 01")[1] == 0x63C2  # the query spent nothing
    assert verify(rsa_card, "1234") == 0x9000
    assert send(rsa_card, "00 20 00 01")[1] == 0x63C3
    for expected in (0x63C2, 0x63C1, 0x6983):
        assert verify(rsa_card, "9999") == expected
    assert verify(rsa_card, "1234") == 0x6983
    assert send(rsa_card, "00 20 00 01")[1] == 0x6983


def test_a_malformed_pin_block_spends_no_try(rsa_card: BelpicCard) -> None:
    assert send(rsa_card, "00 20 00 01 08 1412 34FF FFFF FFFF")[1] == 0x6A80
    assert send(rsa_card, "00 20 00 01 08 241A 34FF FFFF FFFF")[1] == 0x6A80
    assert send(rsa_card, "00 20 00 02 08 2412 34FF FFFF FFFF")[1] == 0x6A88
    assert send(rsa_card, "00 20 00 01")[1] == 0x63C3


def test_applet_1_7_signs_through_get_response(rsa_card: BelpicCard) -> None:
    assert send(rsa_card, "00 22 41 B6 05 04 80 08 84 82")[1] == 0x9000
    assert send(rsa_card, "00 2A 9E 9A 20" + "11" * 32 + "00")[1] == 0x6982
    assert verify(rsa_card, "1234") == 0x9000
    data, status = send(rsa_card, "00 2A 9E 9A 20" + "11" * 32 + "00")
    assert data == b""
    assert status == 0x6100
    part, status = send(rsa_card, "00 C0 00 00 80")
    assert len(part) == 128
    assert status == 0x6180
    rest, status = send(rsa_card, "00 C0 00 00 80")
    assert len(rest) == 128
    assert status == 0x9000
    assert send(rsa_card, "00 C0 00 00 80")[1] == 0x6985  # nothing left


def test_applet_1_8_signs_with_raw_ecdsa(ec_card: BelpicCard) -> None:
    assert send(ec_card, "00 22 41 B6 05 04 80 03 84 82")[1] == 0x6A80  # no such algorithm
    assert send(ec_card, "00 22 41 B6 05 04 80 02 84 82")[1] == 0x9000
    assert verify(ec_card, "1234") == 0x9000
    data, status = send(ec_card, "00 2A 9E 9A 30" + "22" * 48 + "00")
    assert status == 0x9000
    assert len(data) == 96
    assert send(ec_card, "00 2A 9E 9A 20" + "22" * 32 + "00")[1] == 0x6700  # not SHA-384


def test_non_repudiation_needs_verify_right_before(ec_card: BelpicCard) -> None:
    digest = "00 2A 9E 9A 20" + "33" * 32 + "00"
    assert verify(ec_card, "1234") == 0x9000
    assert send(ec_card, "00 22 41 B6 05 04 80 01 84 83")[1] == 0x9000
    assert send(ec_card, digest)[1] == 0x9000  # VERIFY, MSE SET, PSO
    assert send(ec_card, digest)[1] == 0x6982  # a second signature needs the PIN again
    assert verify(ec_card, "1234") == 0x9000
    send(ec_card, "80 E4 00 00 1C")  # any command in between
    assert send(ec_card, digest)[1] == 0x6982
    # The authentication key keeps working for the whole session.
    assert send(ec_card, "00 22 41 B6 05 04 80 01 84 82")[1] == 0x9000
    assert send(ec_card, digest)[1] == 0x9000
    assert send(ec_card, digest)[1] == 0x9000


def test_log_off_and_reset_forget_the_pin(ec_card: BelpicCard) -> None:
    digest = "00 2A 9E 9A 20" + "44" * 32 + "00"
    assert verify(ec_card, "1234") == 0x9000
    assert send(ec_card, "00 22 41 B6 05 04 80 01 84 82")[1] == 0x9000
    assert send(ec_card, "80 E6 00 00")[1] == 0x9000
    assert send(ec_card, digest)[1] == 0x6985  # the environment went too
    assert send(ec_card, "00 22 41 B6 05 04 80 01 84 82")[1] == 0x9000
    assert send(ec_card, digest)[1] == 0x6982
    assert verify(ec_card, "1234") == 0x9000
    ec_card.reset()
    assert send(ec_card, "00 22 41 B6 05 04 80 01 84 82")[1] == 0x9000
    assert send(ec_card, digest)[1] == 0x6982


@pytest.mark.parametrize(
    ("command", "status"),
    [
        ("00 FF 00 00", 0x6D00),  # unknown instruction
        ("80 A4 08 0C 02 DF01", 0x6E00),  # ISO command with the proprietary class
        ("00 E4 00 00 1C", 0x6E00),  # proprietary command with the ISO class
        ("00 A4", 0x6700),  # too short
        ("00 A4 08 0C 05 DF01", 0x6700),  # Lc longer than the data
        ("00 A4 08 0C 00 00 02 DF01", 0x6700),  # extended length
        ("00 22 41 B6 05 04 80 01 84 99", 0x6A88),  # no such key
        ("00 22 41 A4 05 04 80 01 84 82", 0x6A86),
        ("00 2A 9E 9A 01 00 00", 0x6985),  # no security environment
    ],
)
def test_wrong_commands_get_the_right_status_words(
    rsa_card: BelpicCard, command: str, status: int
) -> None:
    assert send(rsa_card, command)[1] == status


def test_rsa_signatures_verify_for_every_algorithm_reference(rsa_card: BelpicCard) -> None:
    import hashlib

    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.asymmetric import padding, rsa, utils

    signer = rsa_card.content.signers[0x82]
    public_key = signer.key.public_key()  # type: ignore[attr-defined]
    assert isinstance(public_key, rsa.RSAPublicKey)
    message = b"dossier 42"
    sha1 = hashlib.sha1(message, usedforsecurity=False).digest()
    sha256 = hashlib.sha256(message).digest()
    cases = [
        (0x02, sha1, hashes.SHA1()),  # the card builds the DigestInfo, raw RSA path
        (0x08, sha256, hashes.SHA256()),
        (0x01, bytes.fromhex("3031300d060960864801650304020105000420") + sha256, hashes.SHA256()),
    ]
    for reference, data, algorithm in cases:
        digest = data[-algorithm.digest_size :]
        signature = signer.sign(reference, data)
        public_key.verify(signature, digest, padding.PKCS1v15(), utils.Prehashed(algorithm))
