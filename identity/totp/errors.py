"""TOTP-specific errors (the shared ones live in identity.keys.errors)."""

from __future__ import annotations

from identity.keys.errors import InvalidCodeError


class MalformedCodeError(InvalidCodeError):
    """Not six digits: a typing slip, not a guess, so it is not counted as a failure."""
