"""Errors of the one-time codes sent by e-mail or SMS (texts: the catalogue's error.<ClassName>)."""

from __future__ import annotations

from identity.keys.errors import (
    CodeExpiredError,
    DigitalKeyError,
    InvalidCodeError,
    ReplayedCodeError,
)


class CodeFormatError(InvalidCodeError):
    """Not 6 digits: refused without spending an attempt (it cannot be the right code)."""


class WrongCodeError(InvalidCodeError):
    """Wrong code; the same code can still be tried ``tries_left`` times (the catalogue's
    ``{n}``)."""

    def __init__(self, tries_left: int) -> None:
        self.tries_left = tries_left
        super().__init__(f"wrong code, {tries_left} tries left")


class TooManyAttemptsError(InvalidCodeError):
    """The code was mistyped too often and no longer works."""


class OneTimeCodeExpiredError(CodeExpiredError):
    """This code has expired (it is valid for 10 minutes)."""


class CodeAlreadyUsedError(ReplayedCodeError):
    """This code has already been used."""


class NoCodeError(DigitalKeyError):
    """No code was sent for this login or enrolment (or a newer one replaced it)."""


class CodeResendTooSoonError(DigitalKeyError):
    def __init__(self, seconds_left: int) -> None:
        self.seconds_left = seconds_left
        super().__init__(f"resend in {seconds_left} s")


class SendLimitError(DigitalKeyError):
    """You have asked for the maximum number of codes."""


class NoDestinationError(DigitalKeyError):
    """The key has no address or number to send to (should not happen for an active key)."""
