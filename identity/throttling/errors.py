"""What a throttled person reads (``error.<ClassName>`` in the four catalogues)."""

from __future__ import annotations

import math
from datetime import datetime

from identity.keys.errors import DigitalKeyError


class TooManyAttemptsError(DigitalKeyError):
    """Too many attempts from this address (or on the whole portal, or for this person): try again
    in ``minutes`` minutes. ``field`` names the text's variant for a single minute."""

    def __init__(self, detail: str = "", *, retry_at: datetime, now: datetime) -> None:
        super().__init__(detail)
        self.retry_at = retry_at
        self.minutes = max(1, math.ceil((retry_at - now).total_seconds() / 60))
        self.field = "one_minute" if self.minutes == 1 else ""


class TooManyCodesSentError(TooManyAttemptsError):
    """Too many codes sent to this person within the hour: try again in ``minutes`` minutes."""


class ServiceBusyError(DigitalKeyError):
    """Too many passwords being checked at this moment: the service is busy, try again."""
