"""Login with a code key: username + password first, then the key's own code.

Each code key plugs its second step in ``SECOND_STEPS`` (kind -> how to ask for the code and
how to check it); the pages never branch on key names.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session

from identity.assurance import LevelOfAssurance
from identity.keys.kinds import KeyKind
from identity.paper_token import registered_identity
from identity.password import check_credentials, finish_login, pending_login, start_login
from identity.registry import default_registry
from identity.sessions import LoginIdentity
from monespace_app.models.account import Account
from monespace_app.services.accounts import find_account
from monespace_app.services.second_steps import SECOND_STEPS, CodePrompt


@dataclass(frozen=True, slots=True)
class PasswordPassed:
    national_number: str
    attempt_id: str  # empty for the password-only key: the login is complete
    prompt: CodePrompt | None


class NoIdentityError(LookupError):
    """The key belongs to nobody the portal knows (no account, no registered person)."""


def identity_of(db: Session, national_number: str) -> LoginIdentity:
    account: Account | None = find_account(db, national_number)
    if account is not None:
        return LoginIdentity(
            national_number, account.surname, account.first_names, account.birth_date
        )
    for finder in IDENTITY_FINDERS:
        found = finder(db, national_number)
        if found is not None:
            return found
    raise NoIdentityError(national_number)


# People without an account yet but known otherwise (registered at a registration office).
IDENTITY_FINDERS: list[Callable[[Session, str], LoginIdentity | None]] = [registered_identity]


def level_of(kind: str) -> LevelOfAssurance:
    return default_registry().get(kind).descriptor.level


def check_password_step(
    db: Session, *, kind: str, username: str, password: str, now: datetime
) -> PasswordPassed:
    national_number = check_credentials(db, username=username, password=password, now=now)
    if kind == KeyKind.PASSWORD:
        return PasswordPassed(national_number, "", None)
    attempt = start_login(db, national_number=national_number, key_kind=kind, now=now)
    db.flush()
    prompt = SECOND_STEPS[kind].prepare(db, attempt.id, national_number, now)
    return PasswordPassed(national_number, attempt.id, prompt)


def check_code_step(db: Session, *, kind: str, attempt_id: str, code: str, now: datetime) -> str:
    """Checks the code of a pending login and closes it; returns the person's national number."""
    attempt = pending_login(db, attempt_id=attempt_id, key_kind=kind, now=now)
    SECOND_STEPS[kind].verify(db, attempt_id, attempt.national_number, code, now)
    finish_login(db, attempt_id=attempt_id, key_kind=kind, now=now)
    return attempt.national_number


def resend_code(db: Session, *, kind: str, attempt_id: str, now: datetime) -> CodePrompt:
    attempt = pending_login(db, attempt_id=attempt_id, key_kind=kind, now=now)
    resend = SECOND_STEPS[kind].resend
    if resend is None:
        raise LookupError(f"{kind} codes cannot be sent again")
    return resend(db, attempt_id, attempt.national_number, now)
