"""Phone numbers as the simulators keep them: E.164 (``+32470123456``), however typed.

Shared by the SMS gateway and the itsme phone, so that ``+32 470 12 34 56``, ``0470/12.34.56`` and
``0032470123456`` all reach the same inbox and the same phone.
"""

from __future__ import annotations

import re

BELGIUM = "32"
_SEPARATORS = re.compile(r"[\s./\-()]")
_E164 = re.compile(r"\+[1-9]\d{7,14}")


class PhoneNumberError(ValueError):
    pass


def normalise_phone(value: str) -> str:
    """``value`` in E.164; a national number (``0470…``) is taken as Belgian.

    Raises PhoneNumberError for anything that is not a phone number.
    """
    text = value.strip()
    # "+32 (0)470 …": the trunk zero in brackets is not dialled from abroad.
    text = text.replace("(0)", "")
    digits = _SEPARATORS.sub("", text)
    if digits.startswith("00"):
        digits = "+" + digits[2:]
    elif digits.startswith("0"):
        digits = "+" + BELGIUM + digits[1:]
    if not _E164.fullmatch(digits):
        raise PhoneNumberError(f"not a phone number: {value!r}")
    return digits


def phone_or_none(value: object) -> str | None:
    """``value`` in E.164 when it is a string holding a phone number, else None."""
    if not isinstance(value, str):
        return None
    try:
        return normalise_phone(value)
    except PhoneNumberError:
        return None


def display_phone(number: str) -> str:
    """A number for people: Belgian mobiles as ``+32 470 12 34 56``, others unchanged."""
    if number.startswith("+324") and len(number) == 12:
        n = number[3:]
        return f"+32 {n[:3]} {n[3:5]} {n[5:7]} {n[7:]}"
    return number
