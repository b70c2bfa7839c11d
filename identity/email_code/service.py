"""The e-mail code key: enrolment after an eID login, and the code sent at each login.

Enrolment (the page checks that the person is logged in with the eID): the address is confirmed,
a registration code goes to it, the code entered activates the key ("L'adresse e-mail est
activée !") with that address. Login: after username + password (a ``LoginAttempt`` of kind
``email_code`` exists), a code goes to the key's address, shown masked; the code entered completes
the attempt. Mail goes through the outbox, in the caller's unit of work.
"""

from __future__ import annotations

from datetime import datetime
from functools import partial
from secrets import randbelow

from sqlmodel import Session

from foundation.contacts import language_of
from foundation.email_address import is_email_address
from foundation.mail_outbox import enqueue
from foundation.mail_templates import mail_language
from identity.email_code.mails import login_code_mail, registration_code_mail
from identity.keys.errors import DigitalKeyError
from identity.keys.kinds import KeyKind
from identity.one_time_code import flows
from identity.one_time_code.codes import Channel
from identity.one_time_code.flows import Random


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


def mailer(db: Session, now: datetime) -> flows.Deliver:
    """The codes go through the outbox, in the caller's unit of work, in the person's language
    (their account's; the portal's default for someone who has none)."""

    def deliver(*, destination: str, code: str, enrolment: bool, national_number: str) -> None:
        build = registration_code_mail if enrolment else login_code_mail
        language = mail_language(language_of(db, national_number))
        enqueue(db, build(to=destination, language=language, code=code), now=now)

    return deliver


EMAIL_CODES = flows.SentCodes(KeyKind.EMAIL_CODE, Channel.EMAIL, checked_email, mask_email)

# The registration code entered: the key is ACTIVE, with the address the code went to.
confirm_enrolment = partial(flows.confirm_enrolment, kind=EMAIL_CODES.kind)
# The security code entered: returns the pending attempt (the caller finishes it).
verify_login_code = partial(flows.verify_login_code, kind=EMAIL_CODES.kind)


def start_enrolment(
    db: Session, *, national_number: str, email: str, now: datetime, random: Random = randbelow
) -> str:
    """Sends a registration code to the address; returns the address as kept (trimmed)."""
    deliver = mailer(db, now)
    return flows.start_enrolment(
        db,
        EMAIL_CODES,
        national_number=national_number,
        destination=email,
        now=now,
        deliver=deliver,
        random=random,
    )


def send_login_code(
    db: Session, *, attempt_id: str, now: datetime, random: Random = randbelow
) -> str:
    """Sends a security code to the key's address; returns it masked (``m*****@hotmail.com``)."""
    deliver = mailer(db, now)
    return flows.send_login_code(
        db, EMAIL_CODES, attempt_id=attempt_id, now=now, deliver=deliver, random=random
    )
