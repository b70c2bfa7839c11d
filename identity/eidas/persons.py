"""European persons: the eIDAS PersonIdentifier a node asserts, mapped to the register number
the portal knows the person by. At the first login a BIS number is made for them (they are not
in the National Register); the same identifier later finds the same number, so the same account.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable
from datetime import datetime

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from foundation.models.eidas import EuropeanPerson
from identity.bis_numbers import free_bis_number
from identity.eidas.european_identity import EuropeanIdentity
from identity.sessions import LoginIdentity


def find_european_person(db: Session, person_identifier: str) -> EuropeanPerson | None:
    query = select(EuropeanPerson).where(col(EuropeanPerson.person_identifier) == person_identifier)
    return db.exec(query).first()


def register_number_of(
    db: Session,
    identity: EuropeanIdentity,
    *,
    now: datetime,
    random: Callable[[int], int] = secrets.randbelow,
) -> str:
    """The person's register number, a new BIS number at their first login."""
    known = find_european_person(db, identity.person_identifier)
    if known is not None:
        return known.register_number
    person = EuropeanPerson(
        person_identifier=identity.person_identifier,
        register_number=free_bis_number(db, identity.birth_date, random),
        country=identity.country,
        family_name=identity.family_name,
        given_name=identity.given_name,
        birth_date=identity.birth_date,
        created_at=now,
    )
    try:
        with db.begin_nested():
            db.add(person)
    except IntegrityError:
        # The same person's first login finishing at the same moment in another backend.
        raced = find_european_person(db, identity.person_identifier)
        if raced is None:
            raise
        return raced.register_number
    return person.register_number


def login_identity(
    db: Session,
    identity: EuropeanIdentity,
    *,
    now: datetime,
    random: Callable[[int], int] = secrets.randbelow,
) -> LoginIdentity:
    """Who logs in, as every key hands it to the session: names and birth date as asserted."""
    return LoginIdentity(
        national_number=register_number_of(db, identity, now=now, random=random),
        surname=identity.family_name,
        first_names=identity.given_name,
        birth_date=identity.birth_date,
    )
