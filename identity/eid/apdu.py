"""The BELPIC commands the reader sends (ISO 7816-4 short APDUs)."""

from __future__ import annotations

from enum import IntEnum

from identity.eid.errors import InvalidPinFormatError

READ_CHUNK = 252  # what the official middleware reads per READ BINARY
BELPIC_AID = bytes.fromhex("A0 00 00 00 30 29 05 70 00 AD 13 10 01 01 FF")
PIN_REFERENCE = 0x01


class StatusWord(IntEnum):
    OK = 0x9000
    WRONG_LENGTH = 0x6700
    SECURITY_STATUS_NOT_SATISFIED = 0x6982
    AUTHENTICATION_METHOD_BLOCKED = 0x6983
    WRONG_DATA = 0x6A80
    FILE_NOT_FOUND = 0x6A82
    WRONG_PARAMETERS_OFFSET = 0x6B00


class KeyReference(IntEnum):
    BASIC = 0x81
    AUTHENTICATION = 0x82
    NON_REPUDIATION = 0x83


def select_path(path: bytes) -> bytes:
    """SELECT by path from the MF (without 3F00), no FCI."""
    return bytes([0x00, 0xA4, 0x08, 0x0C, len(path)]) + path


def select_aid(aid: bytes) -> bytes:
    return bytes([0x00, 0xA4, 0x04, 0x0C, len(aid)]) + aid


def read_binary(offset: int, length: int) -> bytes:
    return bytes([0x00, 0xB0, offset >> 8, offset & 0xFF, length & 0xFF])


def get_card_data() -> bytes:
    return bytes.fromhex("80E400001C")


def get_response(length: int) -> bytes:
    return bytes([0x00, 0xC0, 0x00, 0x00, length & 0xFF])


def log_off() -> bytes:
    return bytes.fromhex("80E60000")


def pin_status() -> bytes:
    """VERIFY without data: the card answers the tries left and spends none."""
    return bytes([0x00, 0x20, 0x00, PIN_REFERENCE])


def verify_pin(pin: str) -> bytes:
    return bytes([0x00, 0x20, 0x00, PIN_REFERENCE, 0x08]) + pin_block(pin)


def pin_block(pin: str) -> bytes:
    """ISO 9564 format 2: ``2`` + length, BCD digits, F padding (1234 → 24 12 34 FF…)."""
    if not 4 <= len(pin) <= 12 or not pin.isascii() or not pin.isdigit():
        raise InvalidPinFormatError()
    nibbles = [int(c) for c in pin] + [0xF] * (14 - len(pin))
    return bytes([0x20 | len(pin)]) + bytes(
        (nibbles[i] << 4) | nibbles[i + 1] for i in range(0, 14, 2)
    )


def change_pin(old: str, new: str) -> bytes:
    """CHANGE REFERENCE DATA ``00 24 00 01 10`` + old PIN block + new PIN block."""
    return bytes([0x00, 0x24, 0x00, PIN_REFERENCE, 0x10]) + pin_block(old) + pin_block(new)


def reset_retry_counter(puk: str, new_pin: str | None) -> bytes:
    """RESET RETRY COUNTER (ISO 7816-4): ``00 2C 00 01 10`` + PUK block + new PIN block, or
    ``00 2C 01 01 08`` + PUK block to keep the PIN."""
    if new_pin is None:
        return bytes([0x00, 0x2C, 0x01, PIN_REFERENCE, 0x08]) + pin_block(puk)
    return bytes([0x00, 0x2C, 0x00, PIN_REFERENCE, 0x10]) + pin_block(puk) + pin_block(new_pin)


def internal_authenticate(challenge: bytes, *, algorithm: int = 0x02) -> bytes:
    """INTERNAL AUTHENTICATE with the basic key: ``00 88 02 81 Lc 94 len challenge``
    (02: ECDSA SHA-2-384, the scheme of a P-384 basic key); no Le, as the official
    middleware sends it."""
    data = bytes([0x94, len(challenge)]) + challenge
    return bytes([0x00, 0x88, algorithm, KeyReference.BASIC, len(data)]) + data


def manage_security_environment(algorithm: int, key: KeyReference) -> bytes:
    return bytes([0x00, 0x22, 0x41, 0xB6, 0x05, 0x04, 0x80, algorithm, 0x84, key])


def perform_signature(data: bytes) -> bytes:
    return bytes([0x00, 0x2A, 0x9E, 0x9A, len(data)]) + data + b"\x00"
