"""Fixtures for the password, the app and the rules every key shares: a fixed clock, a cheap
argon2 cost, a person with an account (not the one of code_people.py).

The conftest.py of password/, keys/ and totp/ imports the ``account`` fixture from here.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from sqlmodel import Session, select

import foundation.models.digital_keys  # noqa: F401 - registers the key tables
from foundation.models.account import Account, AccountStatus
from foundation.models.outbox import OutboxMessage
from identity.password.hashing import PasswordHasherSettings

NOW = datetime(2026, 11, 22, 7, 0, 0, tzinfo=UTC)
NATIONAL_NUMBER = "85073003328"
OTHER_NATIONAL_NUMBER = "90020199762"
EMAIL = "marie.dupont@example.be"
# Tests need the behaviour of argon2id, not its cost.
FAST = PasswordHasherSettings(time_cost=1, memory_cost_kib=8, parallelism=1)


@pytest.fixture
def account(db: Session) -> Account:
    row = Account(
        national_number=NATIONAL_NUMBER,
        surname="Dupont",
        first_names="Marie",
        birth_date=date(1985, 7, 30),
        email=EMAIL,
        status=AccountStatus.ACTIVE,
        created_at=datetime(2026, 1, 5, 9, 0, tzinfo=UTC),
    )
    db.add(row)
    db.commit()
    return row


def outbox(db: Session) -> list[OutboxMessage]:
    return list(db.exec(select(OutboxMessage)).all())
