"""One field's value: read as typed, checked against its type and limits, written one way.

Cleaned formats, by type (the empty string is "no value" for every type):

- text, textarea: the text, stripped; email: the address, stripped;
- phone: ``+`` and digits, Belgian numbers with ``+32`` (``0470 12 34 56`` → ``+32470123456``);
- number: a whole number (``38``); amount: euros with two decimals and a dot (``1 250,5`` →
  ``1250.50``); date: ISO ``YYYY-MM-DD`` (``DD/MM/YYYY`` accepted);
- choice, radio: the chosen choice's ``value``; checkbox: ``"true"`` when ticked, else ``""``;
- iban: capitals and digits without spaces (``BE68539007547034``);
- national_number: 11 digits; company_number: 10 digits; postal_code: 4 digits;
- file: attachment ids joined by commas (``a1b2,c3d4``).
"""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal

from foundation.email_address import is_email_address
from foundation.well_formed_text import well_formed
from portal.companies.company_number import CompanyNumberError, parse_company_number
from portal.companies.national_number import NationalNumberError, parse_national_number
from portal.dossiers.forms import problems
from portal.dossiers.forms.model import CHECKED, DateBound, Field, FieldType
from portal.dossiers.forms.problems import FieldProblem

DEFAULT_MAX_LENGTH = {FieldType.TEXT: 200, FieldType.TEXTAREA: 4000}
_SPACES = re.compile(r"[\s\u00a0\u202f]")
_PHONE_SEPARATORS = re.compile(r"[\s\u00a0.\-/()]")
_ATTACHMENT_ID = re.compile(r"[A-Za-z0-9_-]{1,64}")
_CENT = Decimal("0.01")
# Lengths of the IBANs of Belgium and its neighbours; other countries: 15 to 34 characters.
_IBAN_LENGTHS = {"BE": 16, "NL": 18, "LU": 20, "FR": 27, "DE": 22, "GB": 22, "ES": 24, "IT": 27}


def is_empty(field: Field, value: str) -> bool:
    if field.type is FieldType.FILE:
        return not attachment_ids(value)
    return value.strip() == ""


def attachment_ids(value: str) -> list[str]:
    """The ids a file field's value lists (``"a1, b2"`` → ``["a1", "b2"]``)."""
    return [part.strip() for part in value.split(",") if part.strip()]


def normalise(field: Field, raw: str) -> str | FieldProblem:
    """The value as the cleaned form keeps it, or what is wrong with its format."""
    value = well_formed(raw).strip()
    if is_empty(field, value):
        return ""
    match field.type:
        case FieldType.TEXT | FieldType.TEXTAREA:
            return _words(field, value)
        case FieldType.EMAIL:
            return value if is_email_address(value) else FieldProblem(problems.EMAIL)
        case FieldType.PHONE:
            return _phone(value)
        case FieldType.NUMBER:
            return _number(value)
        case FieldType.AMOUNT:
            return _amount(value)
        case FieldType.DATE:
            return _date(value)
        case FieldType.CHOICE | FieldType.RADIO:
            known = any(choice.value == value for choice in field.choices)
            return value if known else FieldProblem(problems.CHOICE)
        case FieldType.CHECKBOX:
            return _checkbox(value)
        case FieldType.IBAN:
            return _iban(value)
        case FieldType.NATIONAL_NUMBER:
            try:
                return parse_national_number(value)
            except NationalNumberError:
                return FieldProblem(problems.NATIONAL_NUMBER)
        case FieldType.COMPANY_NUMBER:
            try:
                return parse_company_number(value)
            except CompanyNumberError:
                return FieldProblem(problems.COMPANY_NUMBER)
        case FieldType.POSTAL_CODE:
            ok = re.fullmatch(r"[1-9][0-9]{3}", value) is not None
            return value if ok else FieldProblem(problems.POSTAL_CODE)
        case FieldType.FILE:
            return _files(field, value)


def check_limits(field: Field, value: str, *, today: date) -> FieldProblem | None:
    """The field's ``min``/``max`` for a cleaned, non-empty value of a number, amount or date."""
    if field.type is FieldType.DATE:
        day = date.fromisoformat(value)
        low, high = _day(field.minimum, today), _day(field.maximum, today)
        if low is not None and day < low:
            return FieldProblem(problems.TOO_EARLY, {"min": low.strftime("%d/%m/%Y")})
        if high is not None and day > high:
            return FieldProblem(problems.TOO_LATE, {"max": high.strftime("%d/%m/%Y")})
        return None
    if field.type in (FieldType.NUMBER, FieldType.AMOUNT):
        amount = Decimal(value)
        places = _CENT if field.type is FieldType.AMOUNT else Decimal(1)
        if isinstance(field.minimum, Decimal) and amount < field.minimum:
            return FieldProblem(problems.TOO_SMALL, {"min": str(field.minimum.quantize(places))})
        if isinstance(field.maximum, Decimal) and amount > field.maximum:
            return FieldProblem(problems.TOO_LARGE, {"max": str(field.maximum.quantize(places))})
    return None


def _day(bound: object, today: date) -> date | None:
    return bound.on(today) if isinstance(bound, DateBound) else None


def _words(field: Field, value: str) -> str | FieldProblem:
    limit = field.max_length or DEFAULT_MAX_LENGTH[field.type]
    return value if len(value) <= limit else FieldProblem(problems.TOO_LONG, {"max": str(limit)})


def _phone(value: str) -> str | FieldProblem:
    digits = _PHONE_SEPARATORS.sub("", value)
    if digits.startswith("00"):
        digits = "+" + digits[2:]
    if digits.startswith("+32"):
        digits = "0" + digits[3:].removeprefix("0")  # +32 (0)2…: the trunk 0 people keep
    if digits.startswith("0") and not digits.startswith("00"):
        national = digits[1:]
        # Belgian numbers: 8 digits after the trunk 0 (landlines), 9 for mobiles (04…).
        if national.isascii() and national.isdigit() and len(national) in (8, 9):
            return "+32" + national
        return FieldProblem(problems.PHONE)
    rest = digits[1:]
    if digits.startswith("+") and rest.isascii() and rest.isdigit() and 8 <= len(rest) <= 15:
        return digits
    return FieldProblem(problems.PHONE)


def _number(value: str) -> str | FieldProblem:
    text = _SPACES.sub("", value)
    if re.fullmatch(r"-?[0-9]{1,12}", text) is None:
        return FieldProblem(problems.NUMBER)
    return str(int(text))


def _amount(value: str) -> str | FieldProblem:
    text = _SPACES.sub("", value).removesuffix("€").removeprefix("€")
    if "," in text and "." in text:
        # Both: the last one is the decimal mark, the other groups thousands (1.250,50).
        decimal_mark = "," if text.rfind(",") > text.rfind(".") else "."
        thousands = "." if decimal_mark == "," else ","
        if re.fullmatch(rf"[0-9]{{1,3}}(\{thousands}[0-9]{{3}})*\{decimal_mark}[0-9]{{1,2}}", text):
            text = text.replace(thousands, "").replace(decimal_mark, ".")
        else:
            return FieldProblem(problems.AMOUNT)
    else:
        text = text.replace(",", ".")
    if re.fullmatch(r"[0-9]{1,12}(\.[0-9]{1,2})?", text) is None:
        return FieldProblem(problems.AMOUNT)
    return str(Decimal(text).quantize(_CENT))


def parse_date(value: str) -> date | None:
    """``YYYY-MM-DD`` or ``DD/MM/YYYY`` (one-digit day and month too); None if neither."""
    iso = re.fullmatch(r"([0-9]{4})-([0-9]{2})-([0-9]{2})", value)
    belgian = re.fullmatch(r"([0-9]{1,2})/([0-9]{1,2})/([0-9]{4})", value)
    if iso is not None:
        year, month, day = (int(part) for part in iso.groups())
    elif belgian is not None:
        day, month, year = (int(part) for part in belgian.groups())
    else:
        return None
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _date(value: str) -> str | FieldProblem:
    day = parse_date(value)
    return day.isoformat() if day is not None else FieldProblem(problems.DATE_FORMAT)


def _checkbox(value: str) -> str | FieldProblem:
    if value == CHECKED:
        return CHECKED
    return "" if value == "false" else FieldProblem(problems.CHECKBOX)


def _iban(value: str) -> str | FieldProblem:
    text = _SPACES.sub("", value).upper()
    if re.fullmatch(r"[A-Z]{2}[0-9]{2}[A-Z0-9]{11,30}", text) is None:
        return FieldProblem(problems.IBAN)
    if len(text) != _IBAN_LENGTHS.get(text[:2], len(text)):
        return FieldProblem(problems.IBAN)
    # ISO 13616: the first four characters moved to the end, letters as 10..35, mod 97 is 1.
    rearranged = text[4:] + text[:4]
    number = "".join(str(int(character, 36)) for character in rearranged)
    return text if int(number) % 97 == 1 else FieldProblem(problems.IBAN)


def _files(field: Field, value: str) -> str | FieldProblem:
    ids = attachment_ids(value)
    if not all(_ATTACHMENT_ID.fullmatch(one) for one in ids) or len(set(ids)) != len(ids):
        return FieldProblem(problems.FILES)
    if len(ids) > field.max_files:
        return FieldProblem(problems.TOO_MANY_FILES, {"max": str(field.max_files)})
    return ",".join(ids)
