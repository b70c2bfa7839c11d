"""BIS numbers are free across both registers: people a registration office registered (paper
token) and European persons (eIDAS)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime

from sqlmodel import Session

from foundation.models.eidas import EuropeanPerson
from foundation.models.paper_token import RegisteredPerson
from identity.bis_numbers import free_bis_number, is_valid_bis_number, make_bis_number

BIRTH = date(1990, 7, 9)
NOW = datetime(2026, 11, 30, tzinfo=UTC)


def sequences(*values: int) -> Iterator[int]:
    yield from values


def test_a_number_either_register_holds_is_skipped(db: Session) -> None:
    db.add(
        RegisteredPerson(
            bis_number=make_bis_number(BIRTH, 1),
            surname="A",
            first_names="A",
            birth_date=BIRTH,
            document_type="passport",
            document_number="X1",
            email="a@example.org",
            officer_id="o",
            created_at=NOW,
        )
    )
    db.add(
        EuropeanPerson(
            person_identifier="IT/BE/1",
            register_number=make_bis_number(BIRTH, 2),
            country="IT",
            family_name="B",
            given_name="B",
            birth_date=BIRTH,
            created_at=NOW,
        )
    )
    db.flush()
    picks = sequences(0, 1, 2)  # random(997) + 1: sequences 1, 2, then 3
    number = free_bis_number(db, BIRTH, lambda _: next(picks))
    assert number == make_bis_number(BIRTH, 3)
    assert is_valid_bis_number(number)
