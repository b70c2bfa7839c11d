"""The e-mail code key: enrolment after an eID login, and the code sent at each login.

Enrolment (the page checks that the person is logged in with the eID): the address is confirmed,
a registration code goes to it, the code entered activates the key ("L'adresse e-mail est
activée !") with that address. Login: after username + password (a ``LoginAttempt`` of kind
``email_code`` exists), a code goes to the key's address, shown masked; the code entered completes
the attempt. Mail goes through the outbox, in the caller's unit of work.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable
from datetime import datetime

from sqlmodel import Session

from foundation.email_address import is_email_address
from foundation.mail_outbox import enqueue
from foundation.models.digital_keys import DigitalKeyRecord, LoginAttempt
from identity.email_code.mails import login_code_mail, registration_code_mail
from identity.keys.errors import DigitalKeyError
from identity.keys.kinds import KeyKind
from identity.one_time_code import flows
from identity.one_time_code.codes import Channel

KIND = KeyKind.EMAIL_CODE


class InvalidEmailError(DigitalKeyError):
    """This e-mail address is not valid."""


def checked_email(email: str) -> str:
    address = email.strip()
    if not is_email_address(address):
        raise InvalidEmailError(f"not an e-mail address: {address!r}")
    return address


def mask_email(email: str) -> str:
    """``marouan_ey@hotmail.com`` → ``m*****@hotmail.com`` (always five stars)."""
    local, _, domain = email.rpartition("@")
    return f"{local[:1]}*****@{domain}"


def _mailer(db: Session, now: datetime) -> flows.Deliver:
    def deliver(*, destination: str, code: str, enrolment: bool) -> None:
        build = registration_code_mail if enrolment else login_code_mail
        enqueue(db, build(to=destination, code=code), now=now)

    return deliver


def start_enrolment(
    db: Session,
    *,
    national_number: str,
    email: str,
    now: datetime,
    random: Callable[[int], int] = secrets.randbelow,
) -> str:
    """Sends a registration code to the address; returns the address as kept (trimmed).

    Asking again sends a new code (the previous one stops working), at most once a minute and
    five times an hour.
    """
    address = checked_email(email)
    flows.start_enrolment(
        db,
        kind=KIND,
        channel=Channel.EMAIL,
        national_number=national_number,
        destination=address,
        now=now,
        random=random,
        deliver=_mailer(db, now),
    )
    return address


def confirm_enrolment(
    db: Session, *, national_number: str, code: str, now: datetime
) -> DigitalKeyRecord:
    """The registration code entered: the key is ACTIVE, with the address the code went to."""
    return flows.confirm_enrolment(
        db, kind=KIND, national_number=national_number, code=code, now=now
    )


def send_login_code(
    db: Session,
    *,
    attempt_id: str,
    now: datetime,
    random: Callable[[int], int] = secrets.randbelow,
) -> str:
    """Sends a security code to the key's address; returns it masked (``m*****@hotmail.com``)."""
    address = flows.send_login_code(
        db,
        kind=KIND,
        channel=Channel.EMAIL,
        attempt_id=attempt_id,
        now=now,
        random=random,
        deliver=_mailer(db, now),
    )
    return mask_email(address)


def verify_login_code(db: Session, *, attempt_id: str, code: str, now: datetime) -> LoginAttempt:
    """The security code entered: returns the pending attempt (the caller finishes it)."""
    return flows.verify_login_code(db, kind=KIND, attempt_id=attempt_id, code=code, now=now)
