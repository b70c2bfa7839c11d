"""Reading one-time codes out of a message's text, as a person reads them."""

from __future__ import annotations

import re

SIX_DIGITS = r"(?<!\d)\d{6}(?!\d)"


class NoCodeError(AssertionError):
    """The message holds no code of the expected form."""


def code_in(text: str, pattern: str = SIX_DIGITS) -> str:
    """The first match of ``pattern`` (default: six digits standing alone) in ``text``; a code
    written in groups ("123 456") is read too, without its space."""
    found = re.search(pattern, text)
    if found is None and pattern == SIX_DIGITS:
        found = re.search(r"(?<!\d)\d{3} \d{3}(?!\d)", text)
    if found is None:
        raise NoCodeError(f"no code matching {pattern!r} in: {text!r}")
    return found.group(0).replace(" ", "")
