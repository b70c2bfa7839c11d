"""Fixtures for the code keys: a fixed clock, a person with an account, login attempts.

The conftest.py of each code key's test folder imports the fixtures it needs from here.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import UTC, date, datetime

import pytest
from sqlmodel import Session, select

import foundation.models.digital_keys
import foundation.models.one_time_code
import foundation.models.paper_token  # noqa: F401
from foundation.models.account import Account, AccountStatus
from foundation.models.digital_keys import DigitalKeyRecord, KeyStatus
from foundation.models.outbox import OutboxMessage
from identity.password.login_attempts import start_login

NOW = datetime(2026, 11, 22, 7, 0, 0, tzinfo=UTC)
NATIONAL_NUMBER = "85073003328"
OTHER_NATIONAL_NUMBER = "90020199762"
ACCOUNT_EMAIL = "marouan_ey@hotmail.com"


@pytest.fixture
def account(db: Session) -> Account:
    row = Account(
        national_number=NATIONAL_NUMBER,
        surname="El Yakoubi",
        first_names="Marouan",
        birth_date=date(1985, 7, 30),
        email=ACCOUNT_EMAIL,
        status=AccountStatus.ACTIVE,
        created_at=datetime(2026, 1, 5, 9, 0, tzinfo=UTC),
    )
    db.add(row)
    db.commit()
    return row


def add_key(
    db: Session, *, kind: str, destination: str | None, national_number: str = NATIONAL_NUMBER
) -> DigitalKeyRecord:
    row = DigitalKeyRecord(
        national_number=national_number,
        kind=kind,
        status=KeyStatus.ACTIVE,
        created_at=datetime(2026, 2, 1, tzinfo=UTC),
        destination=destination,
    )
    db.add(row)
    db.commit()
    return row


StartAttempt = Callable[..., str]


@pytest.fixture
def start_attempt(db: Session) -> StartAttempt:
    """What the password step does: a pending login attempt for a key kind; returns its id."""
    counter = iter(range(1, 1000))

    def start(kind: str, *, national_number: str = NATIONAL_NUMBER, now: datetime = NOW) -> str:
        attempt_id = start_login(
            db,
            national_number=national_number,
            key_kind=kind,
            now=now,
            token=lambda _n: f"attempt-{next(counter)}",
        )
        db.commit()
        return attempt_id

    return start


def outbox(db: Session) -> list[OutboxMessage]:
    return list(db.exec(select(OutboxMessage)).all())


def code_in(text: str, label: str) -> str:
    """The code a mail gives after ``label :``."""
    found = re.search(re.escape(label) + r" : ([0-9A-Z ]+)\n", text)
    assert found is not None, text
    return found.group(1).strip()


def sequence(*values: int) -> Callable[[int], int]:
    """A random source that answers the given values in turn (each below its bound)."""
    answers = iter(values)

    def draw(bound: int) -> int:
        value = next(answers)
        assert 0 <= value < bound
        return value

    return draw
