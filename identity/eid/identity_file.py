"""Parsed identity and address files of a Belgian eID card."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from identity.eid.errors import CardDataError
from identity.eid.tlv import parse_fields

# Birth dates are written with the month abbreviated in the card's language.
_MONTHS = {
    **dict.fromkeys(("JAN", "JANV"), 1),
    **dict.fromkeys(("FEV", "FÉV", "FEB"), 2),
    **dict.fromkeys(("MARS", "MAAR", "MÄR", "MAR", "MRT"), 3),
    **dict.fromkeys(("AVR", "APR"), 4),
    **dict.fromkeys(("MAI", "MEI"), 5),
    **dict.fromkeys(("JUIN", "JUN"), 6),
    **dict.fromkeys(("JUIL", "JUL"), 7),
    **dict.fromkeys(("AOUT", "AOÛT", "AUG"), 8),
    **dict.fromkeys(("SEPT", "SEP"), 9),
    **dict.fromkeys(("OCT", "OKT"), 10),
    "NOV": 11,
    **dict.fromkeys(("DEC", "DÉC", "DEZ"), 12),
}
_SEXES = {"F": "F", "V": "F", "W": "F", "M": "M"}
_DAY = re.compile(r"[0-9]{1,2}")
_YEAR = re.compile(r"[0-9]{4}")


@dataclass(frozen=True, slots=True)
class Identity:
    card_number: str
    chip_number: bytes
    card_valid_from: date
    card_valid_until: date
    issuing_municipality: str
    national_number: str
    surname: str
    given_names: str
    third_name_initial: str
    nationality: str
    birth_place: str
    birth_date: date
    sex: str  # "F" or "M", whatever the card's language
    noble_condition: str
    document_type: str
    special_status: str
    photo_digest: bytes
    # Applet 1.8 (tag 1A): SHA-384 of the card's basic public key file 4040; empty before.
    basic_key_digest: bytes = b""

    @property
    def first_name(self) -> str:
        return self.given_names.split(" ")[0] if self.given_names else ""

    def expired_on(self, today: date) -> bool:
        return today > self.card_valid_until


@dataclass(frozen=True, slots=True)
class Address:
    street: str
    zip_code: str
    municipality: str


def _text(fields: dict[int, bytes], tag: int, *, required: bool = True) -> str:
    value = fields.get(tag)
    if value is None:
        if required:
            raise CardDataError(f"tag {tag:02X} missing")
        return ""
    try:
        return value.decode("utf-8").strip()
    except UnicodeDecodeError as error:
        raise CardDataError(f"tag {tag:02X} is not UTF-8") from error


def parse_card_date(text: str) -> date:
    """``DD.MM.YYYY`` (validity dates)."""
    match = re.fullmatch(r"(\d{2})\.(\d{2})\.(\d{4})", text)
    if match is None:
        raise CardDataError(f"bad date {text!r}")
    day, month, year = (int(g) for g in match.groups())
    return _date(year, month, day, text)


def parse_birth_date(text: str) -> date:
    """``DD mmmm YYYY`` with a localised month (``14 MARS 1986``, ``14 MAAR 1986``)."""
    parts = [p for p in re.split(r"[ .]+", text.strip().upper()) if p]
    # ASCII digits only: str.isdigit also takes "²" or "⑦", which int() then refuses.
    if len(parts) != 3 or not _DAY.fullmatch(parts[0]) or not _YEAR.fullmatch(parts[2]):
        raise CardDataError(f"bad birth date {text!r}")
    month = _MONTHS.get(parts[1])
    if month is None:
        raise CardDataError(f"unknown month in {text!r}")
    return _date(int(parts[2]), month, int(parts[0]), text)


def _date(year: int, month: int, day: int, text: str) -> date:
    try:
        return date(year, month, day)
    except ValueError as error:
        raise CardDataError(f"impossible date {text!r}") from error


def parse_identity(data: bytes) -> Identity:
    fields = parse_fields(data)
    sex = _text(fields, 0x0D)
    if sex not in _SEXES:
        raise CardDataError(f"unknown sex {sex!r}")
    national_number = _text(fields, 0x06)
    if len(national_number) != 11 or not national_number.isdigit():
        raise CardDataError("bad national number")
    return Identity(
        card_number=_text(fields, 0x01),
        chip_number=fields.get(0x02, b""),
        card_valid_from=parse_card_date(_text(fields, 0x03)),
        card_valid_until=parse_card_date(_text(fields, 0x04)),
        issuing_municipality=_text(fields, 0x05),
        national_number=national_number,
        surname=_text(fields, 0x07),
        given_names=_text(fields, 0x08),
        third_name_initial=_text(fields, 0x09, required=False),
        nationality=_text(fields, 0x0A),
        birth_place=_text(fields, 0x0B),
        birth_date=parse_birth_date(_text(fields, 0x0C)),
        sex=_SEXES[sex],
        noble_condition=_text(fields, 0x0E, required=False),
        document_type=_text(fields, 0x0F, required=False),
        special_status=_text(fields, 0x10, required=False),
        photo_digest=fields.get(0x11, b""),
        basic_key_digest=fields.get(0x1A, b""),
    )


def parse_address(data: bytes) -> Address:
    fields = parse_fields(data)
    return Address(
        street=_text(fields, 0x01),
        zip_code=_text(fields, 0x02),
        municipality=_text(fields, 0x03),
    )
