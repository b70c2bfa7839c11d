"""The SMS code as a digital key (substantial, like the mobile app): its wizard, its enrolment,
its login code. The SMS gateway is handed to it, so tests give it a fake one."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from sqlmodel import Session

from identity.assurance import LevelOfAssurance
from identity.key_protocol import LoginPage
from identity.keys.kinds import KeyKind
from identity.keys.records import RecordStore
from identity.one_time_code.sent_code_key import (
    SentCodeEnrolment,
    SentCodeSecondStep,
    sent_code_wizard,
)
from identity.registry import KeyDescriptor, KeyGroup
from identity.sms_code.sender import SmsSender, configured_sender
from identity.sms_code.service import send_login_code, start_enrolment

SMS_CODE_KEY = KeyDescriptor(
    kind=KeyKind.SMS_CODE,
    group=KeyGroup.CODE_AND_PASSWORD,
    level=LevelOfAssurance.SUBSTANTIAL,
    order=3,
    login_page=LoginPage.CODE,
    mail_name="le code de sécurité envoyé par SMS",
)

SMS_CODE_WIZARD = sent_code_wizard(KeyKind.SMS_CODE, texts="sms", input_type="tel")


class SmsCodeKey:
    descriptor = SMS_CODE_KEY
    wizard = SMS_CODE_WIZARD
    removable = True

    def __init__(self, sender: Callable[[], SmsSender] = configured_sender) -> None:
        """``sender`` is asked at each SMS, so a gateway configured later is the one used."""

        def registration_code(db: Session, national_number: str, phone: str, now: datetime) -> str:
            return start_enrolment(
                db, sender=sender(), national_number=national_number, phone=phone, now=now
            )

        def login_code(db: Session, attempt_id: str, now: datetime) -> str:
            return send_login_code(db, sender=sender(), attempt_id=attempt_id, now=now)

        self.store = RecordStore(KeyKind.SMS_CODE)
        self.enrolment = SentCodeEnrolment(KeyKind.SMS_CODE, registration_code)
        self.second_step = SentCodeSecondStep(
            KeyKind.SMS_CODE, "codelogin.prompt.sms_code", login_code
        )
