"""Each code key's second step, by kind: how the code is asked for and how it is checked."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Session

from identity import email_code, paper_token, sms_code, totp
from identity.keys.kinds import KeyKind
from portal.login.providers import sms_sender
from portal.login.second_step_types import CodePrompt, SecondStep


def _totp_prompt(_db: Session, _attempt: str, _person: str, _now: datetime) -> CodePrompt:
    return CodePrompt("codelogin.prompt.totp")


def _totp_verify(db: Session, _attempt: str, person: str, code: str, now: datetime) -> None:
    totp.verify(db, national_number=person, code=code, now=now)


def _email_prompt(db: Session, attempt: str, _person: str, now: datetime) -> CodePrompt:
    masked = email_code.send_login_code(db, attempt_id=attempt, now=now)
    return CodePrompt("codelogin.prompt.email_code", masked, can_resend=True)


def _email_verify(db: Session, attempt: str, _person: str, code: str, now: datetime) -> None:
    email_code.verify_login_code(db, attempt_id=attempt, code=code, now=now)


def _sms_prompt(db: Session, attempt: str, _person: str, now: datetime) -> CodePrompt:
    masked = sms_code.send_login_code(db, sender=sms_sender(), attempt_id=attempt, now=now)
    return CodePrompt("codelogin.prompt.sms_code", masked, can_resend=True)


def _sms_verify(db: Session, attempt: str, _person: str, code: str, now: datetime) -> None:
    sms_code.verify_login_code(db, attempt_id=attempt, code=code, now=now)


def _token_prompt(db: Session, attempt: str, person: str, now: datetime) -> CodePrompt:
    number = paper_token.pick_code_number(db, attempt_id=attempt, national_number=person, now=now)
    return CodePrompt("codelogin.prompt.paper_token", str(number))


def _token_verify(db: Session, attempt: str, person: str, code: str, now: datetime) -> None:
    paper_token.verify_token_code(
        db, attempt_id=attempt, national_number=person, code=code, now=now
    )


SECOND_STEPS: dict[str, SecondStep] = {
    KeyKind.TOTP: SecondStep(prepare=_totp_prompt, verify=_totp_verify),
    KeyKind.EMAIL_CODE: SecondStep(
        prepare=_email_prompt, verify=_email_verify, resend=_email_prompt
    ),
    KeyKind.SMS_CODE: SecondStep(prepare=_sms_prompt, verify=_sms_verify, resend=_sms_prompt),
    KeyKind.PAPER_TOKEN: SecondStep(prepare=_token_prompt, verify=_token_verify),
}

__all__ = ["SECOND_STEPS", "CodePrompt", "SecondStep"]
