"""The SMS code key: like the e-mail code, with a Belgian mobile number and the SMS gateway.

The SMS is handed to the gateway after the code is written in the caller's unit of work; when the
gateway refuses, ``SmsDeliveryError`` is raised and the caller's rollback drops the code (it does
not count as a sent code).
"""

from __future__ import annotations

import secrets
from collections.abc import Callable
from datetime import datetime

from sqlmodel import Session

from foundation.models.digital_keys import DigitalKeyRecord, LoginAttempt
from identity.keys.kinds import KeyKind
from identity.one_time_code import flows
from identity.one_time_code.codes import Channel
from identity.sms_code.phone import mask_mobile, normalise_mobile
from identity.sms_code.sender import SmsSender

KIND = KeyKind.SMS_CODE


def login_text(code: str) -> str:
    return (
        f"Mon Espace : votre code de sécurité est {code}. Valable 10 minutes. "
        "Ne le communiquez à personne."
    )


def registration_text(code: str) -> str:
    return (
        f"Mon Espace : votre code d'enregistrement est {code}. Valable 10 minutes. "
        "Ne le communiquez à personne."
    )


def _texter(sender: SmsSender) -> flows.Deliver:
    def deliver(*, destination: str, code: str, enrolment: bool) -> None:
        text = registration_text(code) if enrolment else login_text(code)
        sender.send(to=destination, text=text)

    return deliver


def start_enrolment(
    db: Session,
    *,
    sender: SmsSender,
    national_number: str,
    phone: str,
    now: datetime,
    random: Callable[[int], int] = secrets.randbelow,
) -> str:
    """Sends a registration code by SMS; returns the number as kept (``+32470123456``)."""
    number = normalise_mobile(phone)
    flows.start_enrolment(
        db,
        kind=KIND,
        channel=Channel.SMS,
        national_number=national_number,
        destination=number,
        now=now,
        random=random,
        deliver=_texter(sender),
    )
    return number


def confirm_enrolment(
    db: Session, *, national_number: str, code: str, now: datetime
) -> DigitalKeyRecord:
    """The registration code entered: the key is ACTIVE, with the number the code went to."""
    return flows.confirm_enrolment(
        db, kind=KIND, national_number=national_number, code=code, now=now
    )


def send_login_code(
    db: Session,
    *,
    sender: SmsSender,
    attempt_id: str,
    now: datetime,
    random: Callable[[int], int] = secrets.randbelow,
) -> str:
    """Sends a security code by SMS; returns the number masked (``+32 4** ** ** 56``)."""
    number = flows.send_login_code(
        db,
        kind=KIND,
        channel=Channel.SMS,
        attempt_id=attempt_id,
        now=now,
        random=random,
        deliver=_texter(sender),
    )
    return mask_mobile(number)


def verify_login_code(db: Session, *, attempt_id: str, code: str, now: datetime) -> LoginAttempt:
    """The security code entered: returns the pending attempt (the caller finishes it)."""
    return flows.verify_login_code(db, kind=KIND, attempt_id=attempt_id, code=code, now=now)
