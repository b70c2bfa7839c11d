"""Belgian company numbers (numéro d'entreprise, BCE/KBO): read as typed, checked, shown.

Ten digits, the first 0 or 1; the last two are 97 - (the first eight mod 97). Shown
``0845.059.050``. People type them with dots or spaces, with the VAT prefix ``BE``, or as the
nine digits of the numbers issued before 2005, which took a leading 0 when they grew to ten.
"""

from __future__ import annotations

import re

FIELD = "company_number"
_SEPARATORS = re.compile(r"[\s.]")


class CompanyNumberError(ValueError):
    """A typed company number that is not one; ``field`` names the form field at fault."""

    field = FIELD

    def __init__(self, typed: str) -> None:
        super().__init__(f"{type(self).__name__}: {typed!r}")
        self.typed = typed


class CompanyNumberMissingError(CompanyNumberError):
    """Enter the company number (for example 0845.059.050)."""


class CompanyNumberFormatError(CompanyNumberError):
    """A company number has 10 digits, for example 0845.059.050."""


class CompanyNumberStartError(CompanyNumberError):
    """A company number starts with 0 or 1."""


class CompanyNumberCheckError(CompanyNumberError):
    """Ten well-formed digits whose check digits do not match: most often a typing mistake."""


def check_digits(first_eight: str) -> str:
    return f"{97 - int(first_eight) % 97:02d}"


def parse_company_number(typed: str) -> str:
    """The ten digits of ``typed``; raises the ``CompanyNumberError`` saying what is wrong."""
    text = _SEPARATORS.sub("", typed)
    if text[:2].upper() == "BE":
        text = text[2:]
    if not text:
        raise CompanyNumberMissingError(typed)
    # isascii: str.isdigit also accepts other scripts' digits, which int() would then read.
    if not (text.isascii() and text.isdigit() and len(text) in (9, 10)):
        raise CompanyNumberFormatError(typed)
    number = text.zfill(10)
    if number[0] not in "01":
        raise CompanyNumberStartError(typed)
    if number[8:] != check_digits(number[:8]):
        raise CompanyNumberCheckError(typed)
    return number


def is_valid_company_number(typed: str) -> bool:
    try:
        parse_company_number(typed)
    except CompanyNumberError:
        return False
    return True


def format_company_number(number: str) -> str:
    """``0845.059.050`` for any form ``parse_company_number`` accepts."""
    digits = parse_company_number(number)
    return f"{digits[:4]}.{digits[4:7]}.{digits[7:]}"
