"""TOTP-specific errors (the shared ones live in identity.keys.errors)."""

from __future__ import annotations

from identity.keys.errors import InvalidCodeError


class MalformedCodeError(InvalidCodeError):
    """Not six digits: a typing slip, not a guess, so it is not counted as a failure."""

    message_key = "totp.error.malformed_code"
    user_message = "Le code doit compter 6 chiffres, tel qu'affiché dans votre application."
