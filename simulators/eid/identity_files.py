"""Writes the identity and address files (tag, length, value) as the card holds them.

Tags: "ID and Address file contents" v5 (BOSA, in Fedict/eid-mw doc/sdk/documentation/Applet 1.8
eID Cards). A Belgian citizen's card carries 01-11; applet 1.8 cards add 1A, the SHA-384 of the
basic key file 4040 (the tags 12-19 and 1B-1F are for foreigners' cards).
"""

from __future__ import annotations

import hashlib
from datetime import date

from simulators.personas.loader import Persona

MONTHS = {
    "fr": ("JAN", "FEV", "MARS", "AVR", "MAI", "JUIN", "JUIL", "AOUT", "SEPT", "OCT", "NOV", "DEC"),
    "nl": ("JAN", "FEB", "MAAR", "APR", "MEI", "JUN", "JUL", "AUG", "SEP", "OKT", "NOV", "DEC"),
    "de": ("JAN", "FEB", "MÄR", "APR", "MAI", "JUN", "JUL", "AUG", "SEP", "OKT", "NOV", "DEZ"),
}


def encode_length(length: int) -> bytes:
    """A BELPIC length: FF for every full 255, then the remainder."""
    return b"\xff" * (length // 255) + bytes([length % 255])


def encode_fields(fields: list[tuple[int, bytes]]) -> bytes:
    return b"".join(bytes([tag]) + encode_length(len(value)) + value for tag, value in fields)


def _card_date(day: date) -> bytes:
    return day.strftime("%d.%m.%Y").encode()


def birth_date_text(day: date, language: str) -> str:
    return f"{day.day:02d} {MONTHS[language][day.month - 1]} {day.year}"


def photo_digest(photo: bytes, *, applet_version: int) -> bytes:
    # Cards of applet 1.8 hash with SHA-384; older ones (here) with SHA-256.
    algorithm = hashlib.sha384 if applet_version >= 0x18 else hashlib.sha256
    return algorithm(photo).digest()


BASIC_KEY_DIGEST_TAG = 0x1A


def basic_key_digest(basic_key_file: bytes) -> bytes:
    return hashlib.sha384(basic_key_file).digest()


def identity_file(
    persona: Persona, photo: bytes, *, applet_version: int, basic_key_file: bytes | None = None
) -> bytes:
    """``basic_key_file``: the content of file 4040 on cards that have one (applet 1.8)."""
    card = persona.card
    text = [
        (0x01, card.card_number),
        (0x03, _card_date(card.valid_from).decode()),
        (0x04, _card_date(card.valid_until).decode()),
        (0x05, card.issuing_municipality),
        (0x06, persona.national_number),
        (0x07, persona.surname),
        (0x08, persona.given_names),
        (0x09, persona.third_name_initial),
        (0x0A, persona.nationality),
        (0x0B, persona.birth_place),
        (0x0C, birth_date_text(persona.birth_date, card.language)),
        (0x0D, persona.sex),
        (0x0E, persona.noble_condition),
        (0x0F, persona.document_type),
        (0x10, persona.special_status),
    ]
    fields = [(tag, value.encode()) for tag, value in text]
    fields.insert(1, (0x02, card.chip_number))
    fields.append((0x11, photo_digest(photo, applet_version=applet_version)))
    if basic_key_file is not None:
        fields.append((BASIC_KEY_DIGEST_TAG, basic_key_digest(basic_key_file)))
    return encode_fields(fields)


def address_file(persona: Persona) -> bytes:
    address = persona.address
    return encode_fields(
        [
            (0x01, address.street.encode()),
            (0x02, address.zip_code.encode()),
            (0x03, address.municipality.encode()),
        ]
    )
