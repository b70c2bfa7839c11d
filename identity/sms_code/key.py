"""The SMS code as a digital key (substantial, like the mobile app): its wizard, its enrolment,
its login code. The SMS gateway is handed to it, so tests give it a fake one."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from sqlmodel import Session

from identity.assurance import LevelOfAssurance
from identity.key_protocol import LoginPage
from identity.keys.kinds import KeyKind
from identity.one_time_code.flows import Deliver
from identity.one_time_code.sent_code_key import SentCodeKey, sent_code_wizard
from identity.registry import KeyDescriptor, KeyGroup
from identity.sms_code.sender import SmsSender, configured_sender
from identity.sms_code.service import SMS_CODES, texter

SMS_CODE_KEY = KeyDescriptor(
    kind=KeyKind.SMS_CODE,
    group=KeyGroup.CODE_AND_PASSWORD,
    level=LevelOfAssurance.SUBSTANTIAL,
    order=3,
    login_page=LoginPage.CODE,
)

# ASVS 6.6.1: an SMS code is offered beside stronger keys, with its risks said where it is chosen.
SMS_CODE_WIZARD = sent_code_wizard(
    KeyKind.SMS_CODE, texts="sms", input_type="tel", warning_key="sms.destination.risk"
)


class SmsCodeKey(SentCodeKey):
    def __init__(self, sender: Callable[[], SmsSender] = configured_sender) -> None:
        """``sender`` is asked at each SMS, so a gateway configured later is the one used."""

        def delivery(db: Session, now: datetime) -> Deliver:
            return texter(sender())

        super().__init__(
            SMS_CODE_KEY, SMS_CODE_WIZARD, SMS_CODES, "codelogin.prompt.sms_code", delivery
        )
