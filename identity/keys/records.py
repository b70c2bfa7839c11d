"""A person's key rows: finding the usable one, and removing a key of any kind."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy import bindparam
from sqlalchemy.engine import Row
from sqlmodel import Session, col, delete, select

from foundation.models.digital_keys import Credential, DigitalKeyRecord, LoginAttempt
from identity.keys.conditional_update import first_row
from identity.keys.errors import KeyLockedError, KeyNotEnrolledError, KeyNotRemovableError
from identity.keys.kinds import KeyKind
from identity.keys.lockout import ensure_not_locked
from identity.keys.mails import notify_key_removed

_OF_PERSON_AND_KIND = (
    col(DigitalKeyRecord.national_number) == bindparam("national_number"),
    col(DigitalKeyRecord.kind) == bindparam("kind"),
)
# Built once: the login path runs them on every login (see identity.keys.conditional_update).
KEY_OF_PERSON = select(DigitalKeyRecord).where(*_OF_PERSON_AND_KIND)
KEY_STATE_OF_PERSON = select(col(DigitalKeyRecord.id), col(DigitalKeyRecord.locked_at)).where(
    *_OF_PERSON_AND_KIND
)
KEY_SECRET_OF_PERSON = sa.select(
    col(DigitalKeyRecord.id),
    col(DigitalKeyRecord.national_number),
    col(DigitalKeyRecord.locked_at),
    col(DigitalKeyRecord.secret),
    col(DigitalKeyRecord.last_totp_step),
).where(*_OF_PERSON_AND_KIND)


def find_key(db: Session, *, national_number: str, kind: str) -> DigitalKeyRecord | None:
    return db.exec(KEY_OF_PERSON, params={"national_number": national_number, "kind": kind}).first()


def usable_key(db: Session, *, national_number: str, kind: str) -> DigitalKeyRecord:
    """The person's key of that kind, refused when absent or locked."""
    row = find_key(db, national_number=national_number, kind=kind)
    if row is None:
        raise KeyNotEnrolledError(f"{national_number} has no {kind} key")
    ensure_not_locked(row, KeyLockedError)
    return row


def ensure_usable(db: Session, *, national_number: str, kind: str) -> None:
    """Refuses when the person has no usable key of that kind, without loading the row."""
    found = first_row(db, KEY_STATE_OF_PERSON, national_number=national_number, kind=kind)
    _refuse_unusable(found, national_number, kind)


def usable_key_secret(db: Session, *, national_number: str, kind: str) -> Row[Any]:
    """The id, secret and last accepted TOTP step of the person's usable key, as a plain row (what
    checking a code reads; the ORM row, ``usable_key``, is for changing it); refused when absent
    or locked."""
    found = first_row(db, KEY_SECRET_OF_PERSON, national_number=national_number, kind=kind)
    return _refuse_unusable(found, national_number, kind)


def _refuse_unusable(found: Row[Any] | None, national_number: str, kind: str) -> Row[Any]:
    if found is None:
        raise KeyNotEnrolledError(f"{national_number} has no {kind} key")
    if found.locked_at is not None:
        raise KeyLockedError(f"the {kind} key of {national_number} is locked", key_kind=kind)
    return found


def remove_key(db: Session, *, national_number: str, kind: str, now: datetime) -> None:
    """Removes the key, ends the logins half-way through it, and tells the person by e-mail.

    Removing the password removes the first factor of every code key, so every unfinished login
    of the person ends with it.
    """
    if kind == KeyKind.EID:
        raise KeyNotRemovableError(national_number)
    row: Credential | DigitalKeyRecord | None
    if kind == KeyKind.PASSWORD:
        row = db.get(Credential, national_number)
    else:
        row = find_key(db, national_number=national_number, kind=kind)
    if row is None:
        raise KeyNotEnrolledError(f"{national_number} has no {kind} key")
    db.delete(row)
    unfinished = delete(LoginAttempt).where(
        col(LoginAttempt.national_number) == national_number,
        col(LoginAttempt.completed_at).is_(None),
    )
    if kind != KeyKind.PASSWORD:
        unfinished = unfinished.where(col(LoginAttempt.key_kind) == kind)
    db.exec(unfinished)
    notify_key_removed(db, national_number=national_number, kind=kind, now=now)
