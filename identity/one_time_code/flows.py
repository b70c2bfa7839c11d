"""Enrolment and login of the keys that send a one-time code (e-mail code, SMS code).

Each key package wraps these with its own destination checks, mask and delivery. The delivery runs
after the code is written in the caller's unit of work, so a delivery error (raised) rolls the
code back with it.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Protocol

from sqlmodel import Session

from foundation.models.digital_keys import DigitalKeyRecord, KeyStatus, LoginAttempt
from identity.keys.errors import KeyAlreadyEnrolledError, KeyLockedError
from identity.keys.lockout import is_locked, record_failure, record_success, unlock
from identity.keys.mails import notify_key_added
from identity.keys.records import find_key, usable_key
from identity.one_time_code import errors
from identity.one_time_code.codes import Channel, check_code, issue_code
from identity.password.login_attempts import pending_login


class Deliver(Protocol):
    def __call__(self, *, destination: str, code: str, enrolment: bool) -> None:
        """Sends the code to the destination (an enrolment code or a login code)."""


def enrolment_purpose(kind: str) -> str:
    return f"{kind}.enrol"


def login_purpose(kind: str) -> str:
    return f"{kind}.login"


def start_enrolment(
    db: Session,
    *,
    kind: str,
    channel: Channel,
    national_number: str,
    destination: str,
    now: datetime,
    random: Callable[[int], int],
    deliver: Deliver,
) -> None:
    """Sends a registration code to the destination (checked by the caller)."""
    existing = find_key(db, national_number=national_number, kind=kind)
    if existing is not None and not is_locked(existing):
        raise KeyAlreadyEnrolledError(f"{national_number} already has a {kind} key")
    code = issue_code(
        db,
        purpose=enrolment_purpose(kind),
        national_number=national_number,
        attempt_id=None,
        channel=channel,
        destination=destination,
        now=now,
        random=random,
    )
    deliver(destination=destination, code=code, enrolment=True)


def confirm_enrolment(
    db: Session, *, kind: str, national_number: str, code: str, now: datetime
) -> DigitalKeyRecord:
    """The registration code received: the key is ACTIVE with that destination.

    A locked key of the kind is unlocked by a new enrolment (the path the lockout message names).
    """
    sent = check_code(
        db,
        purpose=enrolment_purpose(kind),
        national_number=national_number,
        attempt_id=None,
        code=code,
        now=now,
    )
    key = find_key(db, national_number=national_number, kind=kind)
    if key is not None and not is_locked(key):
        raise KeyAlreadyEnrolledError(f"{national_number} already has a {kind} key")
    if key is None:
        key = DigitalKeyRecord(
            national_number=national_number,
            kind=kind,
            status=KeyStatus.ACTIVE,
            created_at=now,
            destination=sent.destination,
        )
    else:
        unlock(db, key)
        key.destination = sent.destination
    db.add(key)
    notify_key_added(db, national_number=national_number, kind=kind, now=now)
    db.flush()
    return key


def send_login_code(
    db: Session,
    *,
    kind: str,
    channel: Channel,
    attempt_id: str,
    now: datetime,
    random: Callable[[int], int],
    deliver: Deliver,
) -> str:
    """Sends a login code to the key's destination and returns that destination."""
    attempt = pending_login(db, attempt_id=attempt_id, key_kind=kind, now=now)
    key = _key_with_destination(db, attempt, kind)
    assert key.destination is not None
    code = issue_code(
        db,
        purpose=login_purpose(kind),
        national_number=attempt.national_number,
        attempt_id=attempt.id,
        channel=channel,
        destination=key.destination,
        now=now,
        random=random,
    )
    deliver(destination=key.destination, code=code, enrolment=False)
    return key.destination


def verify_login_code(
    db: Session, *, kind: str, attempt_id: str, code: str, now: datetime
) -> LoginAttempt:
    """Checks the code sent for this pending attempt and returns the attempt.

    The attempt stays open: the caller finishes it (``identity.password.finish_login``) in the
    same unit of work. A wrong code counts against the code (5 tries) and against the key (100 in
    a row lock it).
    """
    attempt = pending_login(db, attempt_id=attempt_id, key_kind=kind, now=now)
    key = _key_with_destination(db, attempt, kind)
    try:
        check_code(
            db,
            purpose=login_purpose(kind),
            national_number=attempt.national_number,
            attempt_id=attempt.id,
            code=code,
            now=now,
        )
    except (errors.WrongCodeError, errors.TooManyAttemptsError) as error:
        if record_failure(db, key, now=now):
            raise KeyLockedError(
                f"{kind} key of {key.national_number} locked", key_kind=kind
            ) from error
        raise
    record_success(db, key)
    return attempt


def _key_with_destination(db: Session, attempt: LoginAttempt, kind: str) -> DigitalKeyRecord:
    key = usable_key(db, national_number=attempt.national_number, kind=kind)
    if not key.destination:
        raise errors.NoDestinationError(f"{kind} key of {attempt.national_number}")
    return key
