"""What a throttled person reads (``error.<ClassName>`` in the four catalogues)."""

from __future__ import annotations

import math
from datetime import datetime

from identity.keys.errors import DigitalKeyError


def minutes_until(moment: datetime, *, now: datetime) -> int:
    """Whole minutes from ``now`` to ``moment``, at least one (what "try again in" says)."""
    return max(1, math.ceil((moment - now).total_seconds() / 60))


class ThrottledError(DigitalKeyError):
    """Too many attempts from this address (or on the whole portal, or for this person): try again
    in ``minutes`` minutes. ``field`` names the text's variant for a single minute."""

    def __init__(self, detail: str = "", *, minutes: int) -> None:
        super().__init__(detail)
        self.minutes = minutes
        self.field = "one_minute" if minutes == 1 else ""


class TooManyCodesSentError(ThrottledError):
    """Too many codes sent to this person within the hour: try again in ``minutes`` minutes."""


class ServiceBusyError(DigitalKeyError):
    """Too many passwords being checked at this moment: the service is busy, try again."""
