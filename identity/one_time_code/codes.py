"""Random 6-digit codes sent by e-mail or SMS, shared by the e-mail and SMS code keys.

A code is bound to one scope: (purpose, national number, login attempt), the attempt being None
for an enrolment. Only the newest code of a scope works; it is valid ``CODE_LIFETIME``, may be
mistyped ``MAX_CHECKS - 1`` times, and works once. Sending is throttled: one code per
``RESEND_INTERVAL``, at most ``SEND_LIMIT`` codes per login attempt (per ``ENROLMENT_WINDOW`` for
an enrolment).

Codes are stored as an HMAC of (salt, code) under a key of the server, with a salt of their own,
and compared in constant time (``identity.one_time_code.hashing``).
A wrong code is counted at once: ``check_code`` commits the session before raising, so a caller
that rolls its unit of work back on the error cannot give the attempt back.
"""

from __future__ import annotations

import math
import secrets
from collections.abc import Callable, Sequence
from datetime import datetime, timedelta
from enum import StrEnum
from typing import NoReturn

from sqlmodel import Session, col, delete, select, update

from foundation.clock import aware
from foundation.models.one_time_code import OneTimeCode
from identity.one_time_code import errors
from identity.one_time_code.hashing import code_hash, matches, new_salt

CODE_LENGTH = 6
CODE_LIFETIME = timedelta(minutes=10)
MAX_CHECKS = 5
RESEND_INTERVAL = timedelta(seconds=60)
SEND_LIMIT = 5
ENROLMENT_WINDOW = timedelta(hours=1)


class Channel(StrEnum):
    EMAIL = "email"
    SMS = "sms"


def issue_code(
    db: Session,
    *,
    purpose: str,
    national_number: str,
    attempt_id: str | None,
    channel: Channel,
    destination: str,
    now: datetime,
    random: Callable[[int], int] = secrets.randbelow,
) -> str:
    """Stores a new code (hashed) in the caller's unit of work and returns it in clear, to send.

    Earlier codes of the same scope stop working.
    """
    sent = _scope(db, purpose, national_number, attempt_id)
    counted = (
        sent
        if attempt_id is not None
        else [row for row in sent if aware(row.created_at) > now - ENROLMENT_WINDOW]
    )
    if len(counted) >= SEND_LIMIT:
        raise errors.SendLimitError(f"{len(counted)} codes already sent for {purpose}")
    if sent:
        wait = aware(sent[-1].created_at) + RESEND_INTERVAL - now
        if wait > timedelta(0):
            raise errors.CodeResendTooSoonError(math.ceil(wait.total_seconds()))
    for row in sent:
        if row.used_at is None and row.voided_at is None:
            row.voided_at = now
            db.add(row)
    code = f"{random(10**CODE_LENGTH):0{CODE_LENGTH}d}"
    salt = new_salt()
    db.add(
        OneTimeCode(
            purpose=purpose,
            national_number=national_number,
            attempt_id=attempt_id,
            channel=str(channel),
            destination=destination,
            salt=salt,
            code_hash=code_hash(salt, code),
            created_at=now,
            expires_at=now + CODE_LIFETIME,
        )
    )
    db.flush()
    return code


def check_code(
    db: Session,
    *,
    purpose: str,
    national_number: str,
    attempt_id: str | None,
    code: str,
    now: datetime,
) -> OneTimeCode:
    """Accepts the newest code of the scope once; returns its row (channel, destination).

    Raises ``CodeFormatError`` (not counted), ``NoCodeError``, ``CodeAlreadyUsedError``,
    ``TooManyAttemptsError``, ``OneTimeCodeExpiredError`` or ``WrongCodeError``.
    """
    entered = normalise_code(code)
    sent = _scope(db, purpose, national_number, attempt_id)
    if not sent:
        raise errors.NoCodeError(f"no {purpose} code for this scope")
    row = sent[-1]
    if row.used_at is not None:
        raise errors.CodeAlreadyUsedError(f"{purpose} code {row.id} already used")
    if row.voided_at is not None or row.failed_checks >= MAX_CHECKS:
        raise errors.TooManyAttemptsError(f"{purpose} code {row.id} is void")
    if now >= aware(row.expires_at):
        raise errors.OneTimeCodeExpiredError(f"{purpose} code {row.id} expired")
    if not matches(row.salt, row.code_hash, entered):
        _count_failure(db, row, now)
    taken = db.exec(
        update(OneTimeCode)
        .where(
            col(OneTimeCode.id) == row.id,
            col(OneTimeCode.used_at).is_(None),
            col(OneTimeCode.voided_at).is_(None),
        )
        .values(used_at=now)
    )
    if taken.rowcount != 1:
        raise errors.CodeAlreadyUsedError(f"{purpose} code {row.id} taken concurrently")
    db.refresh(row)
    return row


def purge_codes(db: Session, *, now: datetime) -> int:
    """Removes codes expired for more than ``ENROLMENT_WINDOW`` (no longer needed for the send
    limits); returns how many. For a periodic job."""
    result = db.exec(
        delete(OneTimeCode)
        .where(col(OneTimeCode.expires_at) <= now - ENROLMENT_WINDOW)
        .execution_options(synchronize_session="fetch")
    )
    return int(result.rowcount)


def normalise_code(code: str) -> str:
    """The digits typed, spaces and dashes left out; ``CodeFormatError`` if not 6 digits."""
    entered = "".join(c for c in code if c not in " -\u00a0\t")
    if len(entered) != CODE_LENGTH or not entered.isascii() or not entered.isdigit():
        raise errors.CodeFormatError("code is not 6 digits")
    return entered


def _count_failure(db: Session, row: OneTimeCode, now: datetime) -> NoReturn:
    db.exec(
        update(OneTimeCode)
        .where(col(OneTimeCode.id) == row.id)
        .values(failed_checks=col(OneTimeCode.failed_checks) + 1)
    )
    db.refresh(row)
    if row.failed_checks >= MAX_CHECKS:
        row.voided_at = now
        db.add(row)
    failed = row.failed_checks
    db.commit()
    if failed >= MAX_CHECKS:
        raise errors.TooManyAttemptsError(f"code {row.id}: {failed} wrong entries")
    raise errors.WrongCodeError(MAX_CHECKS - failed)


def _scope(
    db: Session, purpose: str, national_number: str, attempt_id: str | None
) -> Sequence[OneTimeCode]:
    query = select(OneTimeCode).where(
        OneTimeCode.purpose == purpose, OneTimeCode.national_number == national_number
    )
    query = query.where(
        col(OneTimeCode.attempt_id).is_(None)
        if attempt_id is None
        else col(OneTimeCode.attempt_id) == attempt_id
    )
    return db.exec(query.order_by(col(OneTimeCode.id))).all()
