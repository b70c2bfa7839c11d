"""Logging in with the authenticator app: the code of the current step (±1), once per step.

A wrong code counts as a failure (100 in a row lock the key); a right code of an already used step
is a replay, refused without counting; the accepted step is written with a conditional UPDATE so
that two requests racing with the same code cannot both pass.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import bindparam
from sqlmodel import Session, col, or_, update

from foundation.clock import require_aware
from foundation.models.digital_keys import DigitalKeyRecord
from identity.keys.conditional_update import conditional_update, mark_written_if_loaded
from identity.keys.errors import InvalidCodeError, KeyLockedError, ReplayedCodeError
from identity.keys.kinds import KeyKind
from identity.keys.lockout import record_failure
from identity.keys.records import usable_key, usable_key_secret
from identity.totp.matching import matching_steps, normalized_code
from identity.totp.secret import opened_secret

# Only a step later than the last accepted one may be written: a racing twin finds none.
ACCEPT_STEP = (
    update(DigitalKeyRecord)
    .where(
        col(DigitalKeyRecord.id) == bindparam("key_id"),
        or_(
            col(DigitalKeyRecord.last_totp_step).is_(None),
            col(DigitalKeyRecord.last_totp_step) < bindparam("step"),
        ),
    )
    .values(last_totp_step=bindparam("step"), consecutive_failures=0)
)


def verify(db: Session, *, national_number: str, code: str, now: datetime) -> int:
    """Accepts the code or raises; returns the time step it was accepted for."""
    require_aware(now)
    row = usable_key_secret(db, national_number=national_number, kind=KeyKind.TOTP)
    typed = normalized_code(code)
    if row.secret is None:
        raise ValueError(f"the totp key of {national_number} has no secret")
    key = opened_secret(row.secret, national_number=row.national_number)
    steps = matching_steps(key, typed, now=now)
    if not steps:
        counted = usable_key(db, national_number=national_number, kind=KeyKind.TOTP)
        if record_failure(db, counted, now=now):
            raise KeyLockedError(national_number)
        raise InvalidCodeError(national_number)
    last = row.last_totp_step
    fresh = [step for step in steps if last is None or step > last]
    if not fresh:
        raise ReplayedCodeError(national_number)
    step = max(fresh)
    changed = conditional_update(db, ACCEPT_STEP, key_id=row.id, step=step)
    if changed != 1:
        raise ReplayedCodeError(national_number)
    mark_written_if_loaded(
        db, DigitalKeyRecord, row.id, last_totp_step=step, consecutive_failures=0
    )
    return step
