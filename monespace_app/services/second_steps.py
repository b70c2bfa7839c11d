"""Each code key's second step, by kind: how the code is asked for and how it is checked."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Session

from identity import totp
from identity.keys.kinds import KeyKind
from monespace_app.services.second_step_types import CodePrompt, SecondStep


def _totp_prompt(_db: Session, _attempt: str, _person: str, _now: datetime) -> CodePrompt:
    return CodePrompt("codelogin.prompt.totp")


def _totp_verify(db: Session, _attempt: str, person: str, code: str, now: datetime) -> None:
    totp.verify(db, national_number=person, code=code, now=now)


SECOND_STEPS: dict[str, SecondStep] = {
    KeyKind.TOTP: SecondStep(prepare=_totp_prompt, verify=_totp_verify),
}

__all__ = ["SECOND_STEPS", "CodePrompt", "SecondStep"]
