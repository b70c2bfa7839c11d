"""The parts of a key whose codes are sent to an address of the person's (e-mail, SMS): its
enrolment from Mes clés and its login step, given how the key sends a code."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from sqlmodel import Session

from identity.key_protocol import (
    CONFIRMATION_STEP,
    CREDENTIALS_STEP,
    CodePrompt,
    DestinationField,
    EnrolmentRequest,
    EnrolmentStarted,
    Wizard,
    WizardStep,
    WizardStepName,
)
from identity.one_time_code import flows
from identity.sessions import require_recent_strong_login

# db, national number, destination typed, now -> the destination as kept
SendRegistrationCode = Callable[[Session, str, str, datetime], str]
# db, login attempt, now -> the destination, masked
SendLoginCode = Callable[[Session, str, datetime], str]


def sent_code_wizard(
    kind: str, *, texts: str, input_type: str, prefill_account_email: bool = False
) -> Wizard:
    """The destination, the registration code sent to it, username + password, done; ``texts``
    is the prefix of the key's catalogue keys (``email`` -> ``email.title``...)."""
    return Wizard(
        title_key=f"{texts}.title",
        steps=(
            WizardStep(WizardStepName.DESTINATION, f"{texts}.step.destination"),
            WizardStep(WizardStepName.CODE, "enrol.step.code"),
            CREDENTIALS_STEP,
            CONFIRMATION_STEP,
        ),
        done_title_key=f"{texts}.done.title",
        done_text_key=f"{texts}.done.text",
        destination=DestinationField(
            f"{texts}.destination.text",
            f"{texts}.destination.field",
            input_type,
            prefill_account_email=prefill_account_email,
        ),
        code_text_key=f"enrol.code.text.{kind}",
    )


class SentCodeEnrolment:
    """A registration code goes to the destination typed; the code entered activates the key."""

    def __init__(self, kind: str, send: SendRegistrationCode) -> None:
        self._kind, self._send = kind, send

    def start(self, db: Session, request: EnrolmentRequest) -> EnrolmentStarted:
        national_number = require_recent_strong_login(request.session, now=request.now)
        return EnrolmentStarted(
            destination=self._send(db, national_number, request.destination, request.now)
        )

    def confirm(self, db: Session, request: EnrolmentRequest) -> None:
        national_number = require_recent_strong_login(request.session, now=request.now)
        flows.confirm_enrolment(
            db, kind=self._kind, national_number=national_number, code=request.code, now=request.now
        )


class SentCodeSecondStep:
    """A security code goes to the key's destination, shown masked; it can be sent again."""

    def __init__(self, kind: str, prompt_key: str, send: SendLoginCode) -> None:
        self._kind, self._prompt_key, self._send = kind, prompt_key, send

    def prepare(
        self, db: Session, *, attempt_id: str, national_number: str, now: datetime
    ) -> CodePrompt:
        return CodePrompt(self._prompt_key, self._send(db, attempt_id, now), can_resend=True)

    def verify(
        self, db: Session, *, attempt_id: str, national_number: str, code: str, now: datetime
    ) -> None:
        flows.verify_login_code(db, kind=self._kind, attempt_id=attempt_id, code=code, now=now)

    def resend(
        self, db: Session, *, attempt_id: str, national_number: str, now: datetime
    ) -> CodePrompt:
        return self.prepare(db, attempt_id=attempt_id, national_number=national_number, now=now)
