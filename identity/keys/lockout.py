"""The lockout rule every key shares: 100 consecutive failures lock the key; a success resets.

A failure is counted with an atomic UPDATE and committed at once: the caller usually rolls its unit
of work back when the key refuses, and that rollback must not give the guess back. Committing also
writes whatever else the caller had pending, so record failures before doing other work.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import and_, inspect
from sqlmodel import Session, col, update

from foundation.models.digital_keys import Credential, DigitalKeyRecord, KeyStatus
from identity.keys.errors import KeyLockedError

MAX_CONSECUTIVE_FAILURES = 100

LockableKey = Credential | DigitalKeyRecord


def is_locked(row: LockableKey) -> bool:
    return row.locked_at is not None


def ensure_not_locked(row: LockableKey, error: type[KeyLockedError] = KeyLockedError) -> None:
    if is_locked(row):
        kind = row.kind if isinstance(row, DigitalKeyRecord) else ""
        raise error(f"{type(row).__name__} of {row.national_number} is locked", key_kind=kind)


def record_failure(db: Session, row: LockableKey, *, now: datetime) -> bool:
    """Counts one failure, locks the key at the limit, commits; True when the key is now locked."""
    count_failure(db, type(row), _primary_key_clause(row), now=now)
    db.refresh(row)
    return is_locked(row)


def count_failure(db: Session, model: type[LockableKey], where: Any, *, now: datetime) -> None:
    """The statements of one failure on the rows ``where`` selects, committed at once.

    (An unknown username's failures are counted apart: identity.password.unknown_usernames.)
    """
    db.exec(
        update(model).where(where).values(consecutive_failures=col(model.consecutive_failures) + 1)
    )
    locked_values: dict[str, Any] = {"locked_at": now}
    if model is DigitalKeyRecord:
        locked_values["status"] = KeyStatus.LOCKED
    db.exec(
        update(model)
        .where(
            where,
            col(model.consecutive_failures) >= MAX_CONSECUTIVE_FAILURES,
            col(model.locked_at).is_(None),
        )
        .values(**locked_values)
    )
    db.commit()


def record_success(db: Session, row: LockableKey) -> None:
    """Resets the failure count (written only when there is something to reset)."""
    if row.consecutive_failures:
        row.consecutive_failures = 0
        db.add(row)


def unlock(db: Session, row: LockableKey) -> None:
    row.consecutive_failures = 0
    row.locked_at = None
    if isinstance(row, DigitalKeyRecord):
        row.status = KeyStatus.ACTIVE
    db.add(row)


def _primary_key_clause(row: LockableKey) -> Any:
    state = inspect(row)
    identity = state.identity
    if identity is None:
        raise ValueError("the key row must be saved before its failures are counted")
    return and_(
        *(column == value for column, value in zip(state.mapper.primary_key, identity, strict=True))
    )
