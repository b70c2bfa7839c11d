"""Belgian mobile numbers: +32 4xx xx xx xx (written +32…, 0032… or 04…), kept as +32470123456."""

from __future__ import annotations

import re

from identity.keys.errors import DigitalKeyError

_MOBILE = re.compile(r"4[5-9]\d{7}")  # 045x..049x: the Belgian mobile ranges
_SEPARATORS = str.maketrans("", "", " .-/()\u00a0\t")


class InvalidMobileNumberError(DigitalKeyError):
    """This is not a Belgian mobile number."""


def normalise_mobile(number: str) -> str:
    """``0470 12.34.56``, ``+32 (0)470 12 34 56``, ``0032470123456`` → ``+32470123456``."""
    digits = number.translate(_SEPARATORS)
    if digits.startswith("+32"):
        rest = digits[3:]
    elif digits.startswith("0032"):
        rest = digits[4:]
    elif digits.startswith("0"):
        rest = digits[1:]
    else:
        raise InvalidMobileNumberError(f"not a Belgian mobile number: {number!r}")
    if rest.startswith("0") and digits.startswith(("+32", "0032")):
        rest = rest[1:]  # the trunk 0 people keep after the country code: +32 (0)470…
    if not rest.isascii() or not _MOBILE.fullmatch(rest):
        raise InvalidMobileNumberError(f"not a Belgian mobile number: {number!r}")
    return f"+32{rest}"


def mask_mobile(number: str) -> str:
    """``+32470123456`` → ``+32 4** ** ** 56``."""
    rest = normalise_mobile(number)[3:]
    return f"+32 {rest[0]}** ** ** {rest[-2:]}"
