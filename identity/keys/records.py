"""A person's key rows: finding the usable one, the store of the keys kept as a row, and removing
a key of any kind (the registry says how it is kept and whether it may go).

Username + password is the first factor of every code key (their login asks it before the code):
removing it takes the person's code keys with it, in the same unit of work and with one e-mail
naming them all, so that no key is left ACTIVE that could no longer log in. The page names those
keys in its confirmation and hands the list back; the service refuses when the person's keys
changed since (``KeysGoingWithChangedError``), so nothing is removed that was not named."""

from __future__ import annotations

from collections.abc import Collection
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy import bindparam
from sqlalchemy.engine import Row
from sqlmodel import Session, col, delete, select

from foundation.clock import aware
from foundation.models.digital_keys import DigitalKeyRecord, LoginAttempt
from foundation.models.session import UserSession
from identity.key_protocol import Enrolment, KeyView, KeyViewStatus, LoginPage, SecondStep, Wizard
from identity.keys.conditional_update import first_row
from identity.keys.errors import (
    KeyLockedError,
    KeyNotEnrolledError,
    KeyNotRemovableError,
    KeysGoingWithChangedError,
)
from identity.keys.lockout import ensure_not_locked
from identity.keys.mails import notify_key_removed, notify_keys_removed_together
from identity.registry import DigitalKey, KeyDescriptor, KeyRegistry, UnknownKeyError, or_default
from identity.sessions import require_recent_strong_login, revoke_others

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


class RecordStore:
    """Keys kept as a ``digital_key`` row of their kind (every key but the eID and the password)."""

    def __init__(self, kind: str) -> None:
        self.kind = kind

    def view(self, db: Session, national_number: str) -> KeyView | None:
        row = find_key(db, national_number=national_number, kind=self.kind)
        if row is None:
            return None
        return key_view(self.kind, row.locked_at, row.created_at, row.expires_at)

    def remove(self, db: Session, national_number: str) -> None:
        row = find_key(db, national_number=national_number, kind=self.kind)
        if row is None:
            raise KeyNotEnrolledError(f"{national_number} has no {self.kind} key")
        db.delete(row)
        end_unfinished_logins(db, national_number=national_number, kind=self.kind)


class RecordKey:
    """A key kept as a ``digital_key`` row, and removable; each key adds the wizard, enrolment
    and second step it has (none by default)."""

    removable = True
    wizard: Wizard | None = None
    enrolment: Enrolment | None = None
    second_step: SecondStep | None = None

    def __init__(self, descriptor: KeyDescriptor) -> None:
        self.descriptor = descriptor
        self.store = RecordStore(descriptor.kind)


def key_view(
    kind: str, locked_at: datetime | None, created_at: datetime, expires_at: datetime | None
) -> KeyView:
    return KeyView(
        kind=kind,
        status=KeyViewStatus.LOCKED if locked_at is not None else KeyViewStatus.ACTIVE,
        since=aware(created_at),
        expires=aware(expires_at) if expires_at is not None else None,
    )


def end_unfinished_logins(db: Session, *, national_number: str, kind: str | None) -> None:
    """Ends the person's logins half-way through the key (through every key when None)."""
    unfinished = delete(LoginAttempt).where(
        col(LoginAttempt.national_number) == national_number,
        col(LoginAttempt.completed_at).is_(None),
    )
    if kind is not None:
        unfinished = unfinished.where(col(LoginAttempt.key_kind) == kind)
    db.exec(unfinished)


def needs_password(key: DigitalKey) -> bool:
    """A code key: its login asks username + password, then its own code."""
    return key.descriptor.login_page is LoginPage.CODE and key.second_step is not None


def is_password(key: DigitalKey) -> bool:
    """Username + password itself: it logs in on the code page without a code of its own."""
    return key.descriptor.login_page is LoginPage.CODE and key.second_step is None


def keys_going_with(
    db: Session, *, national_number: str, kind: str, registry: KeyRegistry | None = None
) -> list[str]:
    """The person's keys that removing ``kind`` takes with it, in the key chooser's order: their
    code keys for username + password (they cannot log in without it), none for any other key."""
    registry = or_default(registry)
    try:
        key = registry.get(kind)
    except UnknownKeyError:
        return []
    if not is_password(key):
        return []
    return [
        other.descriptor.kind
        for other in registry.ordered()
        if needs_password(other) and other.store.view(db, national_number) is not None
    ]


def remove_key(
    db: Session,
    *,
    national_number: str,
    kind: str,
    now: datetime,
    registry: KeyRegistry | None = None,
) -> list[str]:
    """Removes the key and the keys that go with it (``keys_going_with``), ends the logins
    half-way through them, and tells the person by one e-mail; returns the kinds removed.

    No check of who asks: ``remove_own_key`` is the one a page calls.
    """
    registry = or_default(registry)
    try:
        key = registry.get(kind)
    except UnknownKeyError:
        raise KeyNotEnrolledError(f"{national_number} has no {kind} key") from None
    if not key.removable:
        raise KeyNotRemovableError(national_number)
    going = keys_going_with(db, national_number=national_number, kind=kind, registry=registry)
    key.store.remove(db, national_number)
    for other in going:
        registry.get(other).store.remove(db, national_number)
    if going:
        notify_keys_removed_together(
            db, national_number=national_number, kind=kind, going_with=going, now=now
        )
    else:
        notify_key_removed(db, national_number=national_number, kind=kind, now=now)
    return [kind, *going]


def remove_own_key(
    db: Session,
    *,
    session: UserSession,
    kind: str,
    now: datetime,
    going_with: Collection[str] = (),
    registry: KeyRegistry | None = None,
) -> list[str]:
    """Mes clés numériques: the session's person removes one of their keys, which wants a
    recent strong login (``StrongLoginRequiredError``). ``going_with`` is what the confirmation
    named as going with it; when the person's keys say otherwise (a key added or removed
    meanwhile, or a forged event naming none), nothing is removed
    (``KeysGoingWithChangedError``)."""
    national_number = require_recent_strong_login(session, now=now)
    going = keys_going_with(db, national_number=national_number, kind=kind, registry=registry)
    if set(going) != set(going_with):
        raise KeysGoingWithChangedError(f"{kind}: named {sorted(going_with)}, holds {going}")
    removed = remove_key(db, national_number=national_number, kind=kind, now=now, registry=registry)
    revoke_others(db, national_number, keep=session.id, now=now)
    return removed
