"""Setting, checking, unlocking and deleting a person's username and password.

Functions take the caller's database session and the clock as ``now``; a failed check is counted
and committed at once (see ``identity.keys.lockout``), everything else stays in the caller's unit of
work together with the e-mail that tells the person.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import NoReturn

import sqlalchemy as sa
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import bindparam
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from foundation.clock import aware, require_aware
from foundation.contacts import find_account
from foundation.models.digital_keys import Credential
from foundation.models.session import UserSession
from identity.keys.conditional_update import first_row
from identity.keys.kinds import KeyKind
from identity.keys.lockout import (
    ensure_not_locked,
    record_failure,
    record_success,
    unlock,
)
from identity.keys.mails import notify_key_added, notify_password_changed
from identity.keys.records import remove_key
from identity.password import unknown_usernames
from identity.password.errors import (
    CredentialsExpiredError,
    InvalidCredentialsError,
    PasswordLockedError,
    UsernameTakenError,
)
from identity.password.expiry import DORMANT_AFTER
from identity.password.hashing import (
    DEFAULT_HASHER_SETTINGS,
    PasswordHasherSettings,
    dummy_hash,
    hashing_place,
    password_hasher,
)
from identity.password.policy import (
    check_password,
    checked_username,
    normalized_password,
    normalized_username,
)
from identity.sessions import require_recent_strong_login, revoke_others
from identity.throttling.database_store import DatabaseThrottleStore

CREDENTIAL_BY_USERNAME = select(Credential).where(col(Credential.username) == bindparam("username"))
# Built once, read as a plain row: every login runs it (see identity.keys.conditional_update).
CREDENTIAL_STATE_BY_USERNAME = sa.select(
    col(Credential.national_number),
    col(Credential.password_hash),
    col(Credential.expires_at),
    col(Credential.consecutive_failures),
    col(Credential.locked_at),
).where(col(Credential.username) == bindparam("username"))


def set_credentials(
    db: Session,
    *,
    national_number: str,
    username: str,
    password: str,
    now: datetime,
    expires_in: timedelta = DORMANT_AFTER,
    settings: PasswordHasherSettings = DEFAULT_HASHER_SETTINGS,
) -> Credential:
    """Creates the person's username and password, or replaces them (which also unlocks them).

    They expire after two years without use, never for their age alone (``expiry``): forced
    periodic changes make passwords weaker (NIST SP 800-63B 5.1.1.2, ASVS 6.2.10).
    """
    require_aware(now)
    name = checked_username(username)
    account = find_account(db, national_number)
    # A guesser tries the person's own names and address first.
    own = (account.surname, account.first_names, account.email) if account is not None else ()
    check_password(password, username=name, personal=[w for w in own if w])
    holder = db.exec(CREDENTIAL_BY_USERNAME, params={"username": name}).first()
    if holder is not None and holder.national_number != national_number:
        raise UsernameTakenError(name)
    with hashing_place():
        password_hash = password_hasher(settings).hash(normalized_password(password))
    expires_at = now + expires_in
    row = db.get(Credential, national_number)
    if row is None:
        row = Credential(
            national_number=national_number,
            username=name,
            password_hash=password_hash,
            created_at=now,
            expires_at=expires_at,
        )
        notify_key_added(db, national_number=national_number, kind=KeyKind.PASSWORD, now=now)
    else:
        row.username = name
        row.password_hash = password_hash
        row.expires_at, row.expiry_notice_for = expires_at, None
        unlock(db, row)
        notify_password_changed(db, national_number=national_number, now=now)
    db.add(row)
    try:
        db.flush()
    except IntegrityError:  # another person took the name between our check and this write
        db.rollback()
        raise UsernameTakenError(name) from None
    return row


def set_own_credentials(
    db: Session,
    *,
    session: UserSession,
    username: str,
    password: str,
    now: datetime,
    settings: PasswordHasherSettings = DEFAULT_HASHER_SETTINGS,
) -> Credential:
    """Mes clés numériques: the session's person sets their username and password, which wants
    a recent strong login (``StrongLoginRequiredError``) like adding any key."""
    national_number = require_recent_strong_login(session, now=now)
    changing = db.get(Credential, national_number) is not None
    row = set_credentials(
        db,
        national_number=national_number,
        username=username,
        password=password,
        now=now,
        settings=settings,
    )
    if changing:  # a new password shuts out whoever knew the old one
        revoke_others(db, national_number, keep=session.id, now=now)
    return row


def username_of(db: Session, national_number: str) -> str | None:
    """The person's username, None when they have no username + password yet."""
    row = db.get(Credential, national_number)
    return row.username if row is not None else None


def delete_credentials(db: Session, *, national_number: str, now: datetime) -> None:
    remove_key(db, national_number=national_number, kind=KeyKind.PASSWORD, now=now)


def unlock_credentials(db: Session, *, national_number: str, now: datetime) -> Credential | None:
    """After an eID login: the failure count starts again from zero (None if no credentials)."""
    require_aware(now)
    row = db.get(Credential, national_number)
    if row is not None:
        unlock(db, row)
    return row


def check_credentials(
    db: Session,
    *,
    username: str,
    password: str,
    now: datetime,
    settings: PasswordHasherSettings = DEFAULT_HASHER_SETTINGS,
) -> str:
    """The national number of the holder; the same error and the same work for an unknown username
    as for a wrong password (one argon2 verification, the counting statements, one commit), and
    the same "locked" after 100 failures (``unknown_usernames``)."""
    require_aware(now)
    hasher = password_hasher(settings)
    password = normalized_password(password)
    name = normalized_username(username)
    found = first_row(db, CREDENTIAL_STATE_BY_USERNAME, username=name)
    if found is None:
        _refuse_unknown(db, hasher, dummy_hash(settings), name, password, now)
    national_number: str = found.national_number
    if found.locked_at is not None:
        _verify(hasher, dummy_hash(settings), password)  # a locked key tells nothing, even then
        ensure_not_locked(_credential(db, national_number, name), PasswordLockedError)
    if not _verify(hasher, found.password_hash, password):
        if record_failure(db, _credential(db, national_number, name), now=now):
            raise PasswordLockedError(national_number)
        raise InvalidCredentialsError(name)
    if found.expires_at is not None and now >= aware(found.expires_at):
        raise CredentialsExpiredError(national_number)
    if found.consecutive_failures or hasher.check_needs_rehash(found.password_hash):
        row = _credential(db, national_number, name)
        record_success(db, row)
        if hasher.check_needs_rehash(row.password_hash):
            with hashing_place():
                row.password_hash = hasher.hash(password)
            db.add(row)
    return national_number


def _credential(db: Session, national_number: str, name: str) -> Credential:
    """The row, for the rarer paths that change it (read as plain columns on the usual one)."""
    row = db.get(Credential, national_number)
    if row is None:  # deleted since it was read
        raise InvalidCredentialsError(name)
    return row


def _verify(hasher: PasswordHasher, password_hash: str, password: str) -> bool:
    try:
        with hashing_place():
            return hasher.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def _refuse_unknown(
    db: Session, hasher: PasswordHasher, dummy: str, name: str, password: str, now: datetime
) -> NoReturn:
    # The work of a real failure (a read, one argon2 verification, the counting statements and
    # one commit), and its answers: "incorrect", then "locked" from the 100th failure on.
    store = DatabaseThrottleStore(db)
    locked = unknown_usernames.is_locked(store, name, now=now)
    _verify(hasher, dummy, password)
    if locked:
        raise PasswordLockedError("unknown username")
    if unknown_usernames.count_failure(store, name, now=now):
        raise PasswordLockedError("unknown username")
    raise InvalidCredentialsError(name)
