"""The PKCS#15 directory files of the BELPIC card (EF.DIR, ODF, TokenInfo, AODF, PrKDF, CDF).

They follow what a PKCS#15 reader such as OpenSC walks: EF.DIR names the application and its
path, the ODF points to the other directory files by absolute path, the AODF describes the PIN
(reference 01), the PrKDF the two keys (references 82 and 83), the CDF the certificates.
"""

from __future__ import annotations

from dataclasses import dataclass

from simulators.eid.card_keys import AUTHENTICATION_KEY_REFERENCE, NON_REPUDIATION_KEY_REFERENCE
from simulators.eid.der import (
    bit_string,
    boolean,
    enumerated,
    integer,
    octet_string,
    sequence,
    tlv,
    utf8_string,
)

PKCS15_AID = bytes.fromhex("A000000177504B43532D3135")
DF00_PATH = bytes.fromhex("3F00DF00")
PIN_AUTH_ID = b"\x01"

# PKCS#15 KeyUsageFlags bit numbers
_SIGN, _NON_REPUDIATION = 2, 9
# PinFlags bit numbers
_LOCAL, _INITIALIZED, _NEEDS_PADDING = 1, 4, 5
_PRIVATE, _MODIFIABLE = 0, 1


@dataclass(frozen=True, slots=True)
class CertificateEntry:
    label: str
    identifier: bytes
    file_id: int
    authority: bool = False


CERTIFICATES = (
    CertificateEntry("Authentication", b"\x02", 0x5038),
    CertificateEntry("Signature", b"\x03", 0x5039),
    CertificateEntry("CA", b"\x04", 0x503A, authority=True),
    CertificateEntry("Root", b"\x06", 0x503B, authority=True),
)


def _path(path: bytes) -> bytes:
    return sequence(octet_string(path))


def _file_path(file_id: int) -> bytes:
    return _path(DF00_PATH + file_id.to_bytes(2, "big"))


def ef_dir() -> bytes:
    return tlv(0x61, tlv(0x4F, PKCS15_AID), tlv(0x50, b"BELPIC"), tlv(0x51, DF00_PATH))


def object_directory() -> bytes:
    return b"".join(
        (
            tlv(0xA0, _file_path(0x5035)),  # private keys
            tlv(0xA4, _file_path(0x5037)),  # certificates
            tlv(0xA8, _file_path(0x5034)),  # authentication objects
        )
    )


def token_info(serial_number: bytes) -> bytes:
    return sequence(
        integer(0),
        octet_string(serial_number),
        utf8_string("Mon Espace eID simulator"),
        tlv(0x80, b"BELPIC"),
        bit_string({0}, 4),  # read-only token
    )


def authentication_objects() -> bytes:
    pin_attributes = sequence(
        bit_string({_LOCAL, _INITIALIZED, _NEEDS_PADDING}, 12),
        enumerated(0),  # bcd
        integer(4),  # min length
        integer(8),  # stored length
        integer(12),  # max length
        tlv(0x80, b"\x01"),  # pin reference
        octet_string(b"\xff"),  # pad char
    )
    return sequence(
        sequence(utf8_string("Basic PIN"), bit_string({_MODIFIABLE}, 2)),
        sequence(octet_string(PIN_AUTH_ID)),
        tlv(0xA1, pin_attributes),
    )


def private_keys(*, rsa_modulus_bits: int | None) -> bytes:
    """``rsa_modulus_bits`` None means EC keys (applet 1.8)."""
    keys = (
        ("Authentication", b"\x02", {_SIGN}, AUTHENTICATION_KEY_REFERENCE),
        ("Signature", b"\x03", {_SIGN, _NON_REPUDIATION}, NON_REPUDIATION_KEY_REFERENCE),
    )
    entries = []
    for label, identifier, usage, reference in keys:
        common = sequence(utf8_string(label), bit_string({_PRIVATE}, 2), octet_string(PIN_AUTH_ID))
        key_attributes = sequence(
            octet_string(identifier), bit_string(usage, 10), integer(reference)
        )
        if rsa_modulus_bits is not None:
            specific = tlv(0xA1, sequence(_path(DF00_PATH), integer(rsa_modulus_bits)))
            entries.append(sequence(common, key_attributes, specific))
        else:
            specific = tlv(0xA1, sequence(_path(DF00_PATH)))
            entries.append(tlv(0xA0, common, key_attributes, specific))
    return b"".join(entries)


def certificates() -> bytes:
    entries = []
    for entry in CERTIFICATES:
        attributes = octet_string(entry.identifier)
        if entry.authority:
            attributes += boolean(True)
        entries.append(
            sequence(
                sequence(utf8_string(entry.label)),
                sequence(attributes),
                tlv(0xA1, sequence(_file_path(entry.file_id))),
            )
        )
    return b"".join(entries)
