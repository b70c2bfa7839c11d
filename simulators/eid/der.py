"""Just enough DER to write the PKCS#15 directory files of the card."""

from __future__ import annotations


def tlv(tag: int, *values: bytes) -> bytes:
    value = b"".join(values)
    length = len(value)
    if length < 0x80:
        encoded = bytes([length])
    else:
        size = (length.bit_length() + 7) // 8
        encoded = bytes([0x80 | size]) + length.to_bytes(size, "big")
    return bytes([tag]) + encoded + value


def sequence(*values: bytes) -> bytes:
    return tlv(0x30, *values)


def integer(value: int) -> bytes:
    size = value.bit_length() // 8 + 1  # room for the sign bit
    return tlv(0x02, value.to_bytes(size, "big"))


def octet_string(value: bytes) -> bytes:
    return tlv(0x04, value)


def utf8_string(value: str) -> bytes:
    return tlv(0x0C, value.encode())


def boolean(value: bool) -> bytes:
    return tlv(0x01, b"\xff" if value else b"\x00")


def enumerated(value: int) -> bytes:
    return tlv(0x0A, bytes([value]))


def bit_string(bits: set[int], size: int) -> bytes:
    """Named bits (bit 0 is the leftmost), ``size`` bits in all."""
    value = bytearray((size + 7) // 8)
    for bit in bits:
        value[bit // 8] |= 0x80 >> (bit % 8)
    while len(value) > 1 and value[-1] == 0:
        value.pop()
    used = max(bits) + 1 if bits else 0
    unused = (8 - used % 8) % 8 if bits else 0
    return tlv(0x03, bytes([unused]), bytes(value))
