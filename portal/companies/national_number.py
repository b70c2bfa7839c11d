"""Belgian national register numbers as people type them on the portal's forms.

Eleven digits: YYMMDD, a 3-digit serial, 2 check digits = 97 - (the first nine mod 97), the nine
prefixed with a 2 for people born in 2000 or later. Shown ``85.07.30-033.28``. The check is the
one the paper token already uses for BIS numbers (``identity.bis_numbers``), so both agree.
"""

from __future__ import annotations

import re

from identity.bis_numbers import check_digits

FIELD = "national_number"
_SEPARATORS = re.compile(r"[\s.\-]")


class NationalNumberError(ValueError):
    """A typed national number that is not one; ``field`` names the form field at fault."""

    field = FIELD

    def __init__(self, typed: str) -> None:
        super().__init__(f"{type(self).__name__}: {typed!r}")
        self.typed = typed


class NationalNumberMissingError(NationalNumberError):
    """Enter the national register number (for example 85.07.30-033.28)."""


class NationalNumberFormatError(NationalNumberError):
    """A national register number has 11 digits, for example 85.07.30-033.28."""


class NationalNumberCheckError(NationalNumberError):
    """Eleven digits whose check digits do not match: most often a typing mistake."""


def parse_national_number(typed: str) -> str:
    """The eleven digits of ``typed``; raises a ``NationalNumberError`` subclass if wrong."""
    digits = _SEPARATORS.sub("", typed)
    if not digits:
        raise NationalNumberMissingError(typed)
    if not (digits.isascii() and digits.isdigit() and len(digits) == 11):
        raise NationalNumberFormatError(typed)
    first_nine, check = digits[:9], digits[9:]
    # The check digits also tell the century: only one of the two usually matches.
    if check not in (
        check_digits(first_nine, born_2000_or_later=False),
        check_digits(first_nine, born_2000_or_later=True),
    ):
        raise NationalNumberCheckError(typed)
    return digits


def is_valid_national_number(typed: str) -> bool:
    try:
        parse_national_number(typed)
    except NationalNumberError:
        return False
    return True


def format_national_number(number: str) -> str:
    """``85.07.30-033.28`` for any form ``parse_national_number`` accepts."""
    d = parse_national_number(number)
    return f"{d[:2]}.{d[2:4]}.{d[4:6]}-{d[6:9]}.{d[9:]}"
