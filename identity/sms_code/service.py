"""The SMS code key: like the e-mail code, with a Belgian mobile number and the SMS gateway.

The SMS is handed to the gateway after the code is written in the caller's unit of work; when the
gateway refuses, ``SmsDeliveryError`` is raised and the caller's rollback drops the code (it does
not count as a sent code).
"""

from __future__ import annotations

import secrets
from datetime import datetime
from functools import partial

from sqlmodel import Session

from identity.keys.kinds import KeyKind
from identity.one_time_code import flows
from identity.one_time_code.codes import Channel
from identity.sms_code.phone import mask_mobile, normalise_mobile
from identity.sms_code.sender import SmsSender


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


def texter(sender: SmsSender) -> flows.Deliver:
    def deliver(*, destination: str, code: str, enrolment: bool, national_number: str) -> None:
        text = registration_text(code) if enrolment else login_text(code)
        sender.send(to=destination, text=text)

    return deliver


SMS_CODES = flows.SentCodes(KeyKind.SMS_CODE, Channel.SMS, normalise_mobile, mask_mobile)

# The registration code entered: the key is ACTIVE, with the number the code went to.
confirm_enrolment = partial(flows.confirm_enrolment, kind=SMS_CODES.kind)
# The security code entered: returns the pending attempt (the caller finishes it).
verify_login_code = partial(flows.verify_login_code, kind=SMS_CODES.kind)


def start_enrolment(
    db: Session,
    *,
    sender: SmsSender,
    national_number: str,
    phone: str,
    now: datetime,
    random: flows.Random = secrets.randbelow,
) -> str:
    """Sends a registration code by SMS; returns the number as kept (``+32470123456``)."""
    return flows.start_enrolment(
        db,
        SMS_CODES,
        national_number=national_number,
        destination=phone,
        now=now,
        deliver=texter(sender),
        random=random,
    )


def send_login_code(
    db: Session,
    *,
    sender: SmsSender,
    attempt_id: str,
    now: datetime,
    random: flows.Random = secrets.randbelow,
) -> str:
    """Sends a security code by SMS; returns the number masked (``+32 4** ** ** 56``)."""
    return flows.send_login_code(
        db, SMS_CODES, attempt_id=attempt_id, now=now, deliver=texter(sender), random=random
    )
