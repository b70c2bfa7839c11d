"""People on the portal's pages for the tests of visits and of what pages do: a database file
with the whole schema, a live session as after a login, an account in a given state."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime
from pathlib import Path

from sqlalchemy.engine import Engine
from sqlmodel import Session, SQLModel

import foundation.models  # noqa: F401 - registers every table
from foundation.db import make_engine
from foundation.models.account import Account, AccountStatus
from foundation.models.session import UserSession
from identity.assurance import LevelOfAssurance
from identity.sessions import LoginIdentity, open_session

NOW = datetime(2026, 11, 22, 9, 0, tzinfo=UTC)
NAIMA = LoginIdentity("85010112345", "Mremi", "Naïma Fatima", date(1985, 1, 1))


@contextmanager
def portal_database(folder: Path) -> Iterator[Engine]:
    """A SQLite file, as the portal runs on: each unit of work opens its own connection."""
    engine = make_engine(f"sqlite:///{folder / 'portal.db'}")
    SQLModel.metadata.create_all(engine)
    yield engine
    engine.dispose()


def log_in(
    engine: Engine,
    level: LevelOfAssurance = LevelOfAssurance.HIGH,
    *,
    at: datetime = NOW,
    identity: LoginIdentity = NAIMA,
    key_kind: str = "eid",
) -> str:
    """A live session whose ticket was already traded for the cookie; returns its id."""
    with Session(engine) as db:
        session_id, _ = open_session(db, identity=identity, key_kind=key_kind, level=level, now=at)
        row = db.get(UserSession, session_id)
        assert row is not None
        row.ticket_hash = None
        db.commit()
    return session_id


def open_account(
    engine: Engine,
    status: AccountStatus,
    *,
    identity: LoginIdentity = NAIMA,
    email: str = "naima@example.be",
    pending_email: str | None = None,
    deletion_requested_at: datetime | None = None,
    language: str = "fr",
) -> None:
    with Session(engine) as db:
        db.add(
            Account(
                national_number=identity.national_number,
                surname=identity.surname,
                first_names=identity.first_names.split(" ")[0],
                birth_date=identity.birth_date,
                email=email,
                status=status,
                created_at=NOW,
                pending_email=pending_email,
                deletion_requested_at=deletion_requested_at,
                language=language,
            )
        )
        db.commit()
