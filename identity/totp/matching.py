"""Which time step a code belongs to, within the allowed drift; the code is compared in constant
time against every candidate, so the answer takes as long whichever step (if any) matches."""

from __future__ import annotations

import hmac
from datetime import datetime

from identity.totp.errors import MalformedCodeError
from identity.totp.otp import DIGITS, hotp, time_step

WINDOW = 1  # one step before and after: a phone clock 30 s off, or a code typed as it changed


def normalized_code(code: str) -> str:
    digits = "".join(code.split())
    if len(digits) != DIGITS or not digits.isascii() or not digits.isdigit():
        raise MalformedCodeError()
    return digits


def matching_steps(key: bytes, code: str, *, now: datetime, window: int = WINDOW) -> list[int]:
    """Every step in [now - window, now + window] whose code equals ``code``, in order."""
    current = time_step(now)
    candidates = range(current - window, current + window + 1)
    results = [(step, hmac.compare_digest(hotp(key, step), code)) for step in candidates]
    return [step for step, equal in results if equal]
