"""What the pages of Mes clés numériques do for the person on them: each action is one unit of
work that starts with the visit's check (``portal.visits``: a live session, an active account,
the level of ``Gate.MY_KEYS``, which is any: see ``portal.levels``), then asks the key registry;
adding or removing a key also wants a recent strong login, checked by the key's own services.
Pages hand over the session id their cookie names, nothing else of the person."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from datetime import datetime

from sqlalchemy.engine import Engine

from foundation.models.account import AccountStatus
from identity.key_protocol import EnrolmentStarted
from identity.keys.records import remove_own_key
from identity.registry import KeyRegistry
from portal.keys import wizard
from portal.keys.my_keys import KeyGroupRows, my_keys
from portal.keys.wizard import WizardOpening
from portal.levels import Gate
from portal.visits import entered

ACTIVE = (AccountStatus.ACTIVE,)


@dataclasses.dataclass(frozen=True)
class MyKeysPage:
    email: str
    strong_login: bool
    groups: list[KeyGroupRows]
    full_name: str = ""  # "Bienvenue, <name>" (seed 004 §2b)


@dataclasses.dataclass(frozen=True)
class WizardPage:
    email: str
    opening: WizardOpening


def show_my_keys(
    session_id: str | None,
    *,
    now: datetime,
    registry: KeyRegistry | None = None,
    bind: Engine | None = None,
) -> MyKeysPage:
    with entered(session_id, now=now, accepted=ACTIVE, needs=Gate.MY_KEYS, bind=bind) as inside:
        overview = my_keys(inside.db, session=inside.session_row, now=now, registry=registry)
        email = inside.known_account.email
        person = inside.visit.identity
    full_name = f"{person.first_names} {person.surname}"
    return MyKeysPage(email, overview.strong_login, overview.groups, full_name)


def remove_key(
    session_id: str | None,
    *,
    kind: str,
    now: datetime,
    going_with: Sequence[str] = (),
    registry: KeyRegistry | None = None,
    bind: Engine | None = None,
) -> list[str]:
    """Removes the key and those its confirmation named as going with it (username + password
    takes the code keys); returns the kinds removed."""
    with entered(session_id, now=now, accepted=ACTIVE, needs=Gate.MY_KEYS, bind=bind) as inside:
        return remove_own_key(
            inside.db,
            session=inside.session_row,
            kind=kind,
            now=now,
            going_with=going_with,
            registry=registry,
        )


def open_wizard(
    session_id: str | None,
    *,
    kind: str,
    now: datetime,
    registry: KeyRegistry | None = None,
    bind: Engine | None = None,
) -> WizardPage:
    with entered(session_id, now=now, accepted=ACTIVE, needs=Gate.MY_KEYS, bind=bind) as inside:
        email = inside.known_account.email
        opening = wizard.open_wizard(
            inside.db,
            kind=kind,
            session=inside.session_row,
            account_email=email,
            now=now,
            registry=registry,
        )
    return WizardPage(email, opening)


def send_registration_code(
    session_id: str | None,
    *,
    kind: str,
    destination: str,
    now: datetime,
    registry: KeyRegistry | None = None,
    bind: Engine | None = None,
) -> EnrolmentStarted:
    with entered(session_id, now=now, accepted=ACTIVE, needs=Gate.MY_KEYS, bind=bind) as inside:
        return wizard.send_registration_code(
            inside.db,
            kind=kind,
            session=inside.session_row,
            destination=destination,
            now=now,
            registry=registry,
        )


def confirm_enrolment(
    session_id: str | None,
    *,
    kind: str,
    code: str,
    secret: str,
    now: datetime,
    registry: KeyRegistry | None = None,
    bind: Engine | None = None,
) -> None:
    with entered(session_id, now=now, accepted=ACTIVE, needs=Gate.MY_KEYS, bind=bind) as inside:
        wizard.confirm_enrolment(
            inside.db,
            kind=kind,
            session=inside.session_row,
            code=code,
            secret=secret,
            now=now,
            registry=registry,
        )


def save_credentials(
    session_id: str | None,
    *,
    username: str,
    password: str,
    now: datetime,
    bind: Engine | None = None,
) -> None:
    with entered(session_id, now=now, accepted=ACTIVE, needs=Gate.MY_KEYS, bind=bind) as inside:
        wizard.save_credentials(
            inside.db, session=inside.session_row, username=username, password=password, now=now
        )
