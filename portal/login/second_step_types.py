"""The shape of the second step of a code-key login."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session


@dataclass(frozen=True, slots=True)
class CodePrompt:
    """What the code page says: which instruction, and a detail (masked address, code number)."""

    prompt_key: str
    detail: str = ""
    can_resend: bool = False


@dataclass(frozen=True, slots=True)
class SecondStep:
    prepare: Callable[[Session, str, str, datetime], CodePrompt]  # db, attempt, person, now
    verify: Callable[[Session, str, str, str, datetime], None]  # db, attempt, person, code, now
    resend: Callable[[Session, str, str, datetime], CodePrompt] | None = None
