"""The authenticator app (TOTP) as a digital key: its wizard, its enrolment, its login code."""

from __future__ import annotations

import secrets
from collections.abc import Callable
from datetime import datetime

from sqlmodel import Session

from identity.assurance import LevelOfAssurance
from identity.key_protocol import (
    CONFIRMATION_STEP,
    CREDENTIALS_STEP,
    CodeNotResendableError,
    CodePrompt,
    EnrolmentRequest,
    EnrolmentStarted,
    LoginPage,
    Wizard,
    WizardStep,
    WizardStepName,
)
from identity.keys.kinds import KeyKind
from identity.keys.records import RecordKey
from identity.registry import KeyDescriptor, KeyGroup
from identity.sessions import require_recent_strong_login
from identity.totp.enrolment import confirm_enrolment, start_enrolment
from identity.totp.provisioning import enrolment_screen
from identity.totp.verification import verify

TOTP_KEY = KeyDescriptor(
    kind=KeyKind.TOTP,
    group=KeyGroup.CODE_AND_PASSWORD,
    level=LevelOfAssurance.SUBSTANTIAL,
    order=2,
    login_page=LoginPage.CODE,
)

# Seed 004 §2e, "Activer une application mobile" in 5 steps.
TOTP_WIZARD = Wizard(
    title_key="totp.title",
    steps=(
        WizardStep(WizardStepName.CONTACT, "totp.step.contact"),
        WizardStep(WizardStepName.INSTALL, "totp.step.install"),
        WizardStep(WizardStepName.ACTIVATE, "totp.step.activate"),
        CREDENTIALS_STEP,
        CONFIRMATION_STEP,
    ),
    done_title_key="totp.done.title",
    done_text_key="totp.done.text",
    starts_on_open=True,
)


class TotpEnrolment:
    """A fresh secret shown as the wizard opens, stored once the app's first code proves it."""

    def __init__(self, random_bytes: Callable[[int], bytes] = secrets.token_bytes) -> None:
        self._random_bytes = random_bytes

    def start(self, db: Session, request: EnrolmentRequest) -> EnrolmentStarted:
        require_recent_strong_login(request.session, now=request.now)
        secret = start_enrolment(random_bytes=self._random_bytes)
        screen = enrolment_screen(secret, account_name=request.account_name)
        return EnrolmentStarted(secret=secret, qr_src=screen.qr_src, secret_text=screen.secret_text)

    def confirm(self, db: Session, request: EnrolmentRequest) -> None:
        national_number = require_recent_strong_login(request.session, now=request.now)
        confirm_enrolment(
            db,
            national_number=national_number,
            secret=request.secret,
            first_code=request.code,
            now=request.now,
        )


class TotpSecondStep:
    """The app computes the code: nothing is sent, the code of the moment is checked."""

    def prepare(
        self, db: Session, *, attempt_id: str, national_number: str, now: datetime
    ) -> CodePrompt:
        return CodePrompt("codelogin.prompt.totp")

    def verify(
        self, db: Session, *, attempt_id: str, national_number: str, code: str, now: datetime
    ) -> None:
        verify(db, national_number=national_number, code=code, now=now)

    def resend(
        self, db: Session, *, attempt_id: str, national_number: str, now: datetime
    ) -> CodePrompt:
        raise CodeNotResendableError("the app computes its codes: none is sent")


class TotpKey(RecordKey):
    wizard = TOTP_WIZARD

    def __init__(self) -> None:
        super().__init__(TOTP_KEY)
        self.enrolment = TotpEnrolment()
        self.second_step = TotpSecondStep()
