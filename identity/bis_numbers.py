"""BIS numbers: the register number of people who are not in the National Register.

Eleven digits like a national number, YYMMDD + a 3-digit sequence + 2 check digits, with the birth
month increased by 40 (the sex being known) so that a BIS number never equals a national number.
Check digits: 97 - (first nine digits mod 97), the nine digits prefixed with a 2 for births from
2000 on.

Made for the people a registration office registers (paper token) and for the European persons
who log in with their own country's eID (eIDAS): ``free_bis_number`` looks in both registers.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable
from datetime import date

from sqlmodel import Session, col, select

from foundation.models.eidas import EuropeanPerson
from foundation.models.paper_token import RegisteredPerson

BIS_MONTH_OFFSET = 40


def check_digits(first_nine: str, *, born_2000_or_later: bool) -> str:
    base = int(("2" if born_2000_or_later else "") + first_nine)
    return f"{97 - base % 97:02d}"


def make_bis_number(birth_date: date, sequence: int) -> str:
    if not 1 <= sequence <= 997:
        raise ValueError(f"sequence out of range: {sequence}")
    month = birth_date.month + BIS_MONTH_OFFSET
    first_nine = f"{birth_date.year % 100:02d}{month:02d}{birth_date.day:02d}{sequence:03d}"
    return first_nine + check_digits(first_nine, born_2000_or_later=birth_date.year >= 2000)


def random_bis_number(birth_date: date, random: Callable[[int], int] = secrets.randbelow) -> str:
    return make_bis_number(birth_date, 1 + random(997))


def is_valid_bis_number(number: str) -> bool:
    if len(number) != 11 or not number.isascii() or not number.isdigit():
        return False
    first_nine, check = number[:9], number[9:]
    month = int(number[2:4])
    if not BIS_MONTH_OFFSET + 1 <= month <= BIS_MONTH_OFFSET + 12:
        return False
    return check in (
        check_digits(first_nine, born_2000_or_later=False),
        check_digits(first_nine, born_2000_or_later=True),
    )


def bis_number_taken(db: Session, number: str) -> bool:
    registered = select(RegisteredPerson.id).where(col(RegisteredPerson.bis_number) == number)
    european = select(EuropeanPerson.id).where(col(EuropeanPerson.register_number) == number)
    return db.exec(registered).first() is not None or db.exec(european).first() is not None


def free_bis_number(
    db: Session, birth_date: date, random: Callable[[int], int] = secrets.randbelow
) -> str:
    """A BIS number nobody of either register holds (997 per birth date)."""
    for _ in range(50):
        number = random_bis_number(birth_date, random)
        if not bis_number_taken(db, number):
            return number
    raise RuntimeError(f"no free BIS number found for {birth_date}")
