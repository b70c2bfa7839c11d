"""An enrolled authenticator app for the TOTP tests, and the code it shows at a given time."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Session

from foundation.models.digital_keys import DigitalKeyRecord
from identity.totp import confirm_enrolment, new_secret, secret_bytes, totp
from tests.unit.identity.key_holder import NATIONAL_NUMBER, NOW

SECRET = new_secret(lambda n: bytes(range(100, 100 + n)))


def code_at(moment: datetime, secret: str = SECRET) -> str:
    return totp(secret_bytes(secret), moment)


def enrol(
    db: Session, *, national_number: str = NATIONAL_NUMBER, at: datetime = NOW
) -> DigitalKeyRecord:
    row = confirm_enrolment(
        db, national_number=national_number, secret=SECRET, first_code=code_at(at), now=at
    )
    db.commit()
    return row
