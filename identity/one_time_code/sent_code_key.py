"""A key whose codes are sent to an address of the person's (e-mail, SMS): its wizard, its
enrolment from Mes clés and its login step, given its codes (``flows.SentCodes``) and how it
sends them."""

from __future__ import annotations

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
from identity.keys.records import RecordKey
from identity.one_time_code import flows
from identity.registry import KeyDescriptor
from identity.sessions import require_recent_strong_login


def sent_code_wizard(
    kind: str,
    *,
    texts: str,
    input_type: str,
    prefill_account_email: bool = False,
    warning_key: str = "",
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
            warning_key=warning_key,
        ),
        code_text_key=f"enrol.code.text.{kind}",
    )


class SentCodeEnrolment:
    """A registration code goes to the destination typed; the code entered activates the key."""

    def __init__(self, codes: flows.SentCodes, delivery: flows.DeliveryFor) -> None:
        self._codes, self._delivery = codes, delivery

    def start(self, db: Session, request: EnrolmentRequest) -> EnrolmentStarted:
        national_number = require_recent_strong_login(request.session, now=request.now)
        kept = flows.start_enrolment(
            db,
            self._codes,
            national_number=national_number,
            destination=request.destination,
            now=request.now,
            deliver=self._delivery(db, request.now),
        )
        return EnrolmentStarted(destination=kept)

    def confirm(self, db: Session, request: EnrolmentRequest) -> None:
        national_number = require_recent_strong_login(request.session, now=request.now)
        flows.confirm_enrolment(
            db,
            kind=self._codes.kind,
            national_number=national_number,
            code=request.code,
            now=request.now,
        )


class SentCodeSecondStep:
    """A security code goes to the key's destination, shown masked; it can be sent again."""

    def __init__(
        self, codes: flows.SentCodes, prompt_key: str, delivery: flows.DeliveryFor
    ) -> None:
        self._codes, self._prompt_key, self._delivery = codes, prompt_key, delivery

    def prepare(
        self, db: Session, *, attempt_id: str, national_number: str, now: datetime
    ) -> CodePrompt:
        masked = flows.send_login_code(
            db, self._codes, attempt_id=attempt_id, now=now, deliver=self._delivery(db, now)
        )
        return CodePrompt(self._prompt_key, masked, can_resend=True)

    def verify(
        self, db: Session, *, attempt_id: str, national_number: str, code: str, now: datetime
    ) -> None:
        flows.verify_login_code(
            db, kind=self._codes.kind, attempt_id=attempt_id, code=code, now=now
        )

    def resend(
        self, db: Session, *, attempt_id: str, national_number: str, now: datetime
    ) -> CodePrompt:
        return self.prepare(db, attempt_id=attempt_id, national_number=national_number, now=now)


class SentCodeKey(RecordKey):
    """The digital key, activated from Mes clés with its wizard."""

    def __init__(
        self,
        descriptor: KeyDescriptor,
        wizard: Wizard,
        codes: flows.SentCodes,
        prompt_key: str,
        delivery: flows.DeliveryFor,
    ) -> None:
        super().__init__(descriptor)
        self.wizard = wizard
        self.enrolment = SentCodeEnrolment(codes, delivery)
        self.second_step = SentCodeSecondStep(codes, prompt_key, delivery)
