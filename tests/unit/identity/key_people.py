"""A person with an account, and their sessions, for the tests of what adding or removing a key
asks: a fresh eID login, an eID login grown old, a login with a lower key."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta

from sqlmodel import Session, select

from foundation.models.account import Account, AccountStatus
from foundation.models.outbox import OutboxMessage
from foundation.models.session import UserSession
from identity.assurance import LevelOfAssurance
from identity.sessions import RECENT_LOGIN, LoginIdentity, open_session

NOW = datetime(2026, 11, 22, 9, 0, tzinfo=UTC)
PERSON = LoginIdentity("85073003328", "Dupont", "Marie", date(1985, 7, 30))
EMAIL = "marie.dupont@example.be"


def add_account(db: Session) -> Account:
    row = Account(
        national_number=PERSON.national_number,
        surname=PERSON.surname,
        first_names=PERSON.first_names,
        birth_date=PERSON.birth_date,
        email=EMAIL,
        status=AccountStatus.ACTIVE,
        created_at=datetime(2026, 1, 5, 9, 0, tzinfo=UTC),
    )
    db.add(row)
    db.commit()
    return row


def login(
    db: Session,
    *,
    level: LevelOfAssurance = LevelOfAssurance.HIGH,
    key_kind: str = "eid",
    at: datetime = NOW,
) -> UserSession:
    session_id, _ = open_session(db, identity=PERSON, key_kind=key_kind, level=level, now=at)
    row = db.get(UserSession, session_id)
    assert row is not None
    return row


def fresh_eid_login(db: Session) -> UserSession:
    return login(db)


def old_eid_login(db: Session) -> UserSession:
    """An eID login one minute too old for adding or removing a key."""
    return login(db, at=NOW - RECENT_LOGIN - timedelta(minutes=1))


def app_login(db: Session) -> UserSession:
    """A fresh login with the mobile app: substantial, not strong."""
    return login(db, level=LevelOfAssurance.SUBSTANTIAL, key_kind="totp")


def outbox(db: Session) -> list[OutboxMessage]:
    return list(db.exec(select(OutboxMessage)).all())


def six_digits_in(text: str) -> str:
    found = re.search(r"\b(\d{6})\b", text)
    assert found is not None, text
    return found.group(1)
