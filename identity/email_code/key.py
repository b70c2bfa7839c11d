"""The e-mail code as a digital key: its wizard, its enrolment, its login code.

Level of assurance: DESIGN ranks the e-mail code "the lowest of the code keys", below the mobile
app, the SMS code and the paper token (substantial). With three levels (low, substantial, high)
the only level below substantial is LOW, the level of username + password alone: the code is sent
to a mailbox that is usually reached with a password, so it adds little beyond one.
"""

from __future__ import annotations

from identity.assurance import LevelOfAssurance
from identity.email_code.service import EMAIL_CODES, mailer
from identity.key_protocol import LoginPage
from identity.keys.kinds import KeyKind
from identity.one_time_code.sent_code_key import SentCodeKey, sent_code_wizard
from identity.registry import KeyDescriptor, KeyGroup

EMAIL_CODE_KEY = KeyDescriptor(
    kind=KeyKind.EMAIL_CODE,
    group=KeyGroup.CODE_AND_PASSWORD,
    level=LevelOfAssurance.LOW,
    order=1,
    login_page=LoginPage.CODE,
)

EMAIL_CODE_WIZARD = sent_code_wizard(
    KeyKind.EMAIL_CODE, texts="email", input_type="email", prefill_account_email=True
)


class EmailCodeKey(SentCodeKey):
    def __init__(self) -> None:
        super().__init__(
            EMAIL_CODE_KEY, EMAIL_CODE_WIZARD, EMAIL_CODES, "codelogin.prompt.email_code", mailer
        )
