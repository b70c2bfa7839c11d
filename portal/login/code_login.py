"""Login with a code key: username + password first, then the key's own code.

Each code key plugs its second step in ``SECOND_STEPS`` (kind -> how to ask for the code and
how to check it); the pages never branch on key names.

A login is two units of work, one per page: ``submit_password`` (the password, and the login
attempt it opens) and ``submit_code`` (the code, the attempt finished and the session opened,
committed together: one commit, so the spent code and the session are durable at once). The
password-only key completes its login in a unit of its own, ``finish_password_login``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from functools import cache

from sqlalchemy import bindparam
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from foundation.db import session_scope
from foundation.models.account import Account, AccountStatus
from identity.assurance import LevelOfAssurance
from identity.keys.conditional_update import first_row
from identity.keys.kinds import KeyKind
from identity.paper_token import registered_identity
from identity.password import (
    DEFAULT_HASHER_SETTINGS,
    PasswordHasherSettings,
    check_credentials,
    finish_login,
    pending_login,
    pending_person,
    start_login,
)
from identity.registry import default_registry
from identity.sessions import LoginIdentity
from portal.accounts.routing import home_of
from portal.login.completion import complete_login
from portal.login.second_steps import SECOND_STEPS, CodePrompt


@dataclass(frozen=True, slots=True)
class PasswordPassed:
    national_number: str
    attempt_id: str  # empty for the password-only key: the login is complete
    prompt: CodePrompt | None


# What a login needs of the account (see identity.keys.conditional_update).
ACCOUNT_FOR_LOGIN = select(
    col(Account.surname), col(Account.first_names), col(Account.birth_date), col(Account.status)
).where(col(Account.national_number) == bindparam("national_number"))


class NoIdentityError(LookupError):
    """The key belongs to nobody the portal knows (no account, no registered person)."""


def identity_of(db: Session, national_number: str) -> LoginIdentity:
    return _identity_and_home(db, national_number)[0]


def _identity_and_home(db: Session, national_number: str) -> tuple[LoginIdentity, str]:
    """Who the person is and the first page they see, from one plain read of their account."""
    found = first_row(db, ACCOUNT_FOR_LOGIN, national_number=national_number)
    if found is not None:
        identity = LoginIdentity(
            national_number, found.surname, found.first_names, found.birth_date
        )
        return identity, home_of(AccountStatus(found.status))
    for finder in IDENTITY_FINDERS:
        registered = finder(db, national_number)
        if registered is not None:
            return registered, home_of(None)
    raise NoIdentityError(national_number)


# People without an account yet but known otherwise (registered at a registration office).
IDENTITY_FINDERS: list[Callable[[Session, str], LoginIdentity | None]] = [registered_identity]


@cache  # the registry is the same for the life of the process; every login asks
def level_of(kind: str) -> LevelOfAssurance:
    return default_registry().get(kind).descriptor.level


def check_password_step(
    db: Session,
    *,
    kind: str,
    username: str,
    password: str,
    now: datetime,
    settings: PasswordHasherSettings = DEFAULT_HASHER_SETTINGS,
) -> PasswordPassed:
    national_number = check_credentials(
        db, username=username, password=password, now=now, settings=settings
    )
    if kind == KeyKind.PASSWORD:
        return PasswordPassed(national_number, "", None)
    attempt_id = start_login(db, national_number=national_number, key_kind=kind, now=now)
    prompt = SECOND_STEPS[kind].prepare(db, attempt_id, national_number, now)
    return PasswordPassed(national_number, attempt_id, prompt)


def check_code_step(db: Session, *, kind: str, attempt_id: str, code: str, now: datetime) -> str:
    """Checks the code of a pending login and closes it; returns the person's national number."""
    national_number = pending_person(db, attempt_id=attempt_id, key_kind=kind, now=now)
    SECOND_STEPS[kind].verify(db, attempt_id, national_number, code, now)
    finish_login(db, attempt_id=attempt_id, key_kind=kind, now=now)
    return national_number


def complete_code_login(db: Session, *, kind: str, national_number: str, now: datetime) -> str:
    """Opens the session of a login whose key passed; returns the URL that hands over the cookie."""
    identity, home = _identity_and_home(db, national_number)
    return complete_login(
        db, identity=identity, key_kind=kind, level=level_of(kind), now=now, next_path=home
    )


def submit_password(
    *,
    kind: str,
    username: str,
    password: str,
    now: datetime,
    settings: PasswordHasherSettings = DEFAULT_HASHER_SETTINGS,
    bind: Engine | None = None,
) -> PasswordPassed:
    """The password page's unit of work (a failure is counted and committed before the error)."""
    with session_scope(bind) as db:
        return check_password_step(
            db, kind=kind, username=username, password=password, now=now, settings=settings
        )


def finish_password_login(
    *, kind: str, national_number: str, now: datetime, bind: Engine | None = None
) -> str:
    """The password-only key: its login completes right after the password, in a unit of its own."""
    with session_scope(bind) as db:
        return complete_code_login(db, kind=kind, national_number=national_number, now=now)


def submit_code(
    *, kind: str, attempt_id: str, code: str, now: datetime, bind: Engine | None = None
) -> str:
    """The code page's unit of work: the code checked, the attempt finished and the session
    opened, all committed together before the URL is returned (a wrong code's count is committed
    on its own before the error, see ``identity.keys.lockout``)."""
    with session_scope(bind) as db:
        national_number = check_code_step(db, kind=kind, attempt_id=attempt_id, code=code, now=now)
        return complete_code_login(db, kind=kind, national_number=national_number, now=now)


def resend_code(db: Session, *, kind: str, attempt_id: str, now: datetime) -> CodePrompt:
    attempt = pending_login(db, attempt_id=attempt_id, key_kind=kind, now=now)
    resend = SECOND_STEPS[kind].resend
    if resend is None:
        raise LookupError(f"{kind} codes cannot be sent again")
    return resend(db, attempt_id, attempt.national_number, now)
