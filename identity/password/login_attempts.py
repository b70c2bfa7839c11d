"""The login attempt carries the person from the password step to the code step.

It is created once the username and password are right, lives 10 minutes, and is finished once,
after the code; the page keeps only its id, server-side.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable
from datetime import datetime, timedelta

from sqlalchemy import bindparam
from sqlmodel import Session, col, delete, insert, select, update

from foundation.clock import aware, require_aware
from foundation.models.digital_keys import LoginAttempt
from identity.keys.conditional_update import conditional_update, first_row, insert_row
from identity.keys.errors import LoginAttemptExpiredError
from identity.keys.records import ensure_usable

LOGIN_ATTEMPT_LIFETIME = timedelta(minutes=10)
NEW_ATTEMPT = insert(LoginAttempt)
_PENDING = (
    col(LoginAttempt.id) == bindparam("attempt_id"),
    col(LoginAttempt.key_kind) == bindparam("kind"),
    col(LoginAttempt.completed_at).is_(None),
    col(LoginAttempt.expires_at) > bindparam("now"),
)
PERSON_OF_PENDING_ATTEMPT = select(col(LoginAttempt.national_number)).where(*_PENDING)
# Conditional: two requests racing with the same attempt cannot both finish it.
FINISH_ATTEMPT = update(LoginAttempt).where(*_PENDING).values(completed_at=bindparam("now"))


def start_login(
    db: Session,
    *,
    national_number: str,
    key_kind: str,
    now: datetime,
    token: Callable[[int], str] = secrets.token_hex,
) -> str:
    """After the password: refused at once if the person has no usable key of that kind.

    Returns the attempt's id (the row is written in the caller's unit of work)."""
    require_aware(now)
    ensure_usable(db, national_number=national_number, kind=key_kind)
    attempt_id = token(32)
    insert_row(
        db,
        NEW_ATTEMPT,
        id=attempt_id,
        national_number=national_number,
        key_kind=key_kind,
        created_at=now,
        expires_at=now + LOGIN_ATTEMPT_LIFETIME,
        completed_at=None,
    )
    return attempt_id


def pending_login(db: Session, *, attempt_id: str, key_kind: str, now: datetime) -> LoginAttempt:
    """The unfinished, unexpired attempt (for the code step to know whose code it checks)."""
    require_aware(now)
    attempt = db.get(LoginAttempt, attempt_id)
    if (
        attempt is None
        or attempt.key_kind != key_kind
        or attempt.completed_at is not None
        or now >= aware(attempt.expires_at)
    ):
        raise LoginAttemptExpiredError(attempt_id[:8])
    return attempt


def pending_person(db: Session, *, attempt_id: str, key_kind: str, now: datetime) -> str:
    """The national number of an unfinished, unexpired attempt: whose code the code step checks
    (``pending_login`` without loading the row)."""
    require_aware(now)
    found = first_row(db, PERSON_OF_PENDING_ATTEMPT, attempt_id=attempt_id, kind=key_kind, now=now)
    if found is None:
        raise LoginAttemptExpiredError(attempt_id[:8])
    return str(found[0])


def finish_login(db: Session, *, attempt_id: str, key_kind: str, now: datetime) -> None:
    """Marks the attempt used; a second finish, one after 10 minutes or for another key is refused.

    One conditional UPDATE: of two requests racing with the same attempt, one only finishes it.
    """
    require_aware(now)
    changed = conditional_update(db, FINISH_ATTEMPT, attempt_id=attempt_id, kind=key_kind, now=now)
    if changed != 1:
        raise LoginAttemptExpiredError(attempt_id[:8])


def purge_login_attempts(db: Session, *, now: datetime) -> int:
    """Removes attempts past their lifetime (finished or not); returns how many."""
    # No in-Python evaluation of loaded rows: SQLite hands their times back naive.
    result = db.exec(
        delete(LoginAttempt)
        .where(col(LoginAttempt.expires_at) <= now)
        .execution_options(synchronize_session="fetch")
    )
    return int(result.rowcount)
