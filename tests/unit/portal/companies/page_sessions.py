"""People on the pages of "Ma gestion des rôles eGov" as units of work see them: a database file
with the whole schema, and a live session (with an active account) as after a login."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime
from pathlib import Path

from sqlalchemy.engine import Engine
from sqlmodel import Session, SQLModel, select

import foundation.models  # noqa: F401 - registers every table
from foundation.contacts import find_account
from foundation.db import make_engine
from foundation.models.account import Account, AccountStatus
from foundation.models.companies import RoleAssignment
from identity.assurance import LevelOfAssurance
from identity.sessions import LoginIdentity, open_session, redeem_ticket
from tests.unit.portal.companies.conftest import NOW, Person


@contextmanager
def database_file(folder: Path) -> Iterator[Engine]:
    engine = make_engine(f"sqlite:///{folder / 'portal.db'}")
    SQLModel.metadata.create_all(engine)
    yield engine
    engine.dispose()


def log_in(
    engine: Engine,
    person: Person,
    level: LevelOfAssurance = LevelOfAssurance.HIGH,
    *,
    at: datetime = NOW,
) -> str:
    """A live session whose ticket was traded for the cookie; the person's active account."""
    with Session(engine) as db:
        if find_account(db, person.national_number) is None:
            db.add(
                Account(
                    national_number=person.national_number,
                    surname=person.surname,
                    first_names=person.first_names,
                    birth_date=date(1970, 1, 1),
                    email=person.email,
                    status=AccountStatus.ACTIVE,
                    created_at=at,
                )
            )
        identity = LoginIdentity(
            person.national_number, person.surname, person.first_names, date(1970, 1, 1)
        )
        kind = "eid" if level is LevelOfAssurance.HIGH else "password"
        session_id, ticket = open_session(
            db, identity=identity, key_kind=kind, level=level, now=at, browser_binding="b" * 64
        )
        assert redeem_ticket(db, ticket, browser_binding="b" * 64, now=at) is not None
        db.commit()
    return session_id


def statuses(engine: Engine) -> list[str]:
    with Session(engine) as db:
        return [a.status for a in db.exec(select(RoleAssignment)).all()]
