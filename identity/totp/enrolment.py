"""Adding the authenticator app: a fresh secret shown to the person, then their first code.

The secret lives server-side (the page's backend-only state) until the first code proves that the
app holds it; only then is it stored, encrypted and bound to the person's row, and the key active.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable
from datetime import datetime

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session

from foundation.clock import require_aware
from foundation.models.digital_keys import DigitalKeyRecord, KeyStatus
from identity.keys.errors import InvalidCodeError, KeyAlreadyEnrolledError
from identity.keys.kinds import KeyKind
from identity.keys.mails import notify_key_added
from identity.keys.records import find_key
from identity.totp.matching import matching_steps, normalized_code
from identity.totp.secret import new_secret, sealed_secret, secret_bytes


def start_enrolment(*, random_bytes: Callable[[int], bytes] = secrets.token_bytes) -> str:
    """The secret for the QR code; keep it server-side until ``confirm_enrolment``."""
    return new_secret(random_bytes)


def confirm_enrolment(
    db: Session, *, national_number: str, secret: str, first_code: str, now: datetime
) -> DigitalKeyRecord:
    """Stores the secret once the app's first code is right; a locked key is replaced.

    The first code's step counts as used, so it cannot also serve to log in.
    """
    require_aware(now)
    row = find_key(db, national_number=national_number, kind=KeyKind.TOTP)
    if row is not None and row.status != KeyStatus.LOCKED:
        raise KeyAlreadyEnrolledError(national_number)
    steps = matching_steps(secret_bytes(secret), normalized_code(first_code), now=now)
    if not steps:
        raise InvalidCodeError(national_number)
    if row is None:
        row = DigitalKeyRecord(national_number=national_number, kind=KeyKind.TOTP, created_at=now)
    row.secret = sealed_secret(secret, national_number=national_number)
    row.status = KeyStatus.ACTIVE
    row.created_at = now
    row.consecutive_failures = 0
    row.locked_at = None
    row.last_totp_step = max(steps)
    db.add(row)
    try:
        db.flush()
    except IntegrityError:  # the same person confirming twice at once
        db.rollback()
        raise KeyAlreadyEnrolledError(national_number) from None
    notify_key_added(db, national_number=national_number, kind=KeyKind.TOTP, now=now)
    return row
