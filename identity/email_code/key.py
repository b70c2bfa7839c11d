"""The e-mail code as a digital key: its wizard, its enrolment, its login code.

Level of assurance: DESIGN ranks the e-mail code "the lowest of the code keys", below the mobile
app, the SMS code and the paper token (substantial). With three levels (low, substantial, high)
the only level below substantial is LOW, the level of username + password alone: the code is sent
to a mailbox that is usually reached with a password, so it adds little beyond one.
"""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Session

from identity.assurance import LevelOfAssurance
from identity.email_code.service import send_login_code, start_enrolment
from identity.key_protocol import LoginPage
from identity.keys.kinds import KeyKind
from identity.keys.records import RecordStore
from identity.one_time_code.sent_code_key import (
    SentCodeEnrolment,
    SentCodeSecondStep,
    sent_code_wizard,
)
from identity.registry import KeyDescriptor, KeyGroup

EMAIL_CODE_KEY = KeyDescriptor(
    kind=KeyKind.EMAIL_CODE,
    group=KeyGroup.CODE_AND_PASSWORD,
    level=LevelOfAssurance.LOW,
    order=1,
    login_page=LoginPage.CODE,
    mail_name="le code de sécurité envoyé par e-mail",
)

EMAIL_CODE_WIZARD = sent_code_wizard(
    KeyKind.EMAIL_CODE, texts="email", input_type="email", prefill_account_email=True
)


def _registration_code(db: Session, national_number: str, destination: str, now: datetime) -> str:
    return start_enrolment(db, national_number=national_number, email=destination, now=now)


def _login_code(db: Session, attempt_id: str, now: datetime) -> str:
    return send_login_code(db, attempt_id=attempt_id, now=now)


class EmailCodeKey:
    descriptor = EMAIL_CODE_KEY
    wizard = EMAIL_CODE_WIZARD
    removable = True

    def __init__(self) -> None:
        self.store = RecordStore(KeyKind.EMAIL_CODE)
        self.enrolment = SentCodeEnrolment(KeyKind.EMAIL_CODE, _registration_code)
        self.second_step = SentCodeSecondStep(
            KeyKind.EMAIL_CODE, "codelogin.prompt.email_code", _login_code
        )
