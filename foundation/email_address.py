"""What counts as an e-mail address the portal can write to (one rule for every form)."""

from __future__ import annotations

import re

MAX_LENGTH = 254
_PATTERN = re.compile(
    r"^[^@\s]{1,64}@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+$"
)


def is_email_address(text: str) -> bool:
    return len(text) <= MAX_LENGTH and _PATTERN.match(text) is not None
