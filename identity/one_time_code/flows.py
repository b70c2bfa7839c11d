"""Enrolment and login of the keys that send a one-time code (e-mail code, SMS code).

Each key package describes its codes once (``SentCodes``: kind, channel, destination kept and
masked) and hands its delivery in. The delivery runs after the code is written in the caller's
unit of work, so a delivery error (raised) rolls the code back with it.

Besides the limits of one login attempt or enrolment (``codes``), a person gets at most
``codes_sent_per_person_per_hour`` codes by each channel (settings), whatever the attempts:
without it, whoever knows a password could have the person's phone flooded with SMS by starting
login after login (``TooManyCodesSentError``).
"""

from __future__ import annotations

import secrets
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Protocol

from sqlmodel import Session

from foundation.models.digital_keys import DigitalKeyRecord, KeyStatus, LoginAttempt
from foundation.settings import get_settings
from identity.keys.errors import KeyAlreadyEnrolledError, KeyLockedError
from identity.keys.lockout import is_locked, record_failure, record_success, unlock
from identity.keys.mails import notify_key_added
from identity.keys.records import find_key, usable_key
from identity.one_time_code import errors
from identity.one_time_code.codes import Channel, check_code, issue_code
from identity.password.login_attempts import pending_login
from identity.throttling import Limit, TooManyCodesSentError, take, throttle_store


class Deliver(Protocol):
    def __call__(
        self, *, destination: str, code: str, enrolment: bool, national_number: str
    ) -> None:
        """Sends the code to the destination (an enrolment code or a login code) of the person
        ``national_number`` (an e-mail is written in their language)."""


Random = Callable[[int], int]  # secrets.randbelow, or a test's fixed sequence
# db, now -> how the key sends its codes in that unit of work (the outbox, an SMS gateway)
DeliveryFor = Callable[[Session, datetime], Deliver]


@dataclass(frozen=True, slots=True)
class SentCodes:
    """The codes of one key: its kind, the channel they go by, the destination typed as kept
    (trimmed, normalised; ``keep`` raises when it is none) and as a login page shows it."""

    kind: str
    channel: Channel
    keep: Callable[[str], str]
    mask: Callable[[str], str]


def enrolment_purpose(kind: str) -> str:
    return f"{kind}.enrol"


def login_purpose(kind: str) -> str:
    return f"{kind}.login"


def start_enrolment(
    db: Session,
    codes: SentCodes,
    *,
    national_number: str,
    destination: str,
    now: datetime,
    deliver: Deliver,
    random: Random = secrets.randbelow,
    replacing: bool = False,
) -> str:
    """Sends a registration code to the destination; returns the destination as kept.

    Asking again sends a new code (the previous one stops working), at most once a minute and
    five times an hour. ``replacing``: the key the person may hold already is to be replaced
    (a first key from a registration office's activation code, the office having checked who
    they are: a recovery); otherwise an active key is refused.
    """
    kept = codes.keep(destination)
    existing = find_key(db, national_number=national_number, kind=codes.kind)
    if existing is not None and not is_locked(existing) and not replacing:
        raise KeyAlreadyEnrolledError(f"{national_number} already has a {codes.kind} key")
    _send_counted(
        db,
        codes,
        deliver,
        purpose=enrolment_purpose(codes.kind),
        national_number=national_number,
        attempt_id=None,
        destination=kept,
        now=now,
        random=random,
    )
    return kept


def confirm_enrolment(
    db: Session,
    *,
    kind: str,
    national_number: str,
    code: str,
    now: datetime,
    replacing: bool = False,
) -> DigitalKeyRecord:
    """The registration code received: the key is ACTIVE with that destination.

    A locked key of the kind is unlocked by a new enrolment (the path the lockout message names);
    an active one is refused, unless ``replacing`` (see ``start_enrolment``).
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
    if key is not None and not is_locked(key) and not replacing:
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
        if replacing:  # a new key in all but its row: "Depuis le" starts again
            key.created_at = now
    db.add(key)
    notify_key_added(db, national_number=national_number, kind=kind, now=now)
    db.flush()
    return key


def send_login_code(
    db: Session,
    codes: SentCodes,
    *,
    attempt_id: str,
    now: datetime,
    deliver: Deliver,
    random: Random = secrets.randbelow,
) -> str:
    """Sends a login code to the key's destination and returns that destination, masked."""
    attempt = pending_login(db, attempt_id=attempt_id, key_kind=codes.kind, now=now)
    key = _key_with_destination(db, attempt, codes.kind)
    assert key.destination is not None
    _send_counted(
        db,
        codes,
        deliver,
        purpose=login_purpose(codes.kind),
        national_number=attempt.national_number,
        attempt_id=attempt.id,
        destination=key.destination,
        now=now,
        random=random,
    )
    return codes.mask(key.destination)


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


def sends_per_hour(channel: Channel) -> Limit:
    hourly = get_settings().codes_sent_per_person_per_hour
    return Limit(f"codes.{channel.value}.person", hourly, timedelta(hours=1))


def _send_counted(
    db: Session,
    codes: SentCodes,
    deliver: Deliver,
    *,
    purpose: str,
    national_number: str,
    attempt_id: str | None,
    destination: str,
    now: datetime,
    random: Random,
) -> None:
    """Issues and delivers a code, counted against the person's codes of the hour first.

    Taking the count commits, so it comes before the code is written: a refused send writes no
    code and voids none. A send refused by the attempt's own limits, or whose delivery fails,
    does not count (the code written is rolled back first, as the caller would).
    """
    store = throttle_store(db)
    hourly = sends_per_hour(codes.channel)
    sent = take(store, hourly, subject=national_number, now=now, error=TooManyCodesSentError)
    try:
        code = issue_code(
            db,
            purpose=purpose,
            national_number=national_number,
            attempt_id=attempt_id,
            channel=codes.channel,
            destination=destination,
            now=now,
            random=random,
        )
        deliver(
            destination=destination,
            code=code,
            enrolment=attempt_id is None,
            national_number=national_number,
        )
    except Exception:
        db.rollback()
        store.give_back(sent)
        db.commit()
        raise


def _key_with_destination(db: Session, attempt: LoginAttempt, kind: str) -> DigitalKeyRecord:
    key = usable_key(db, national_number=attempt.national_number, kind=kind)
    if not key.destination:
        raise errors.NoDestinationError(f"{kind} key of {attempt.national_number}")
    return key
