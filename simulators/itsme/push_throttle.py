"""Pushes per phone number: a sliding window, so nobody can flood a phone with requests until its
holder approves one by mistake (push bombing).

Counted for every number typed, whether itsme knows it or not: the answer "too many requests"
says nothing about who has an itsme account.
"""

from __future__ import annotations

import math
import threading
from collections import deque
from datetime import datetime, timedelta

PUSHES_PER_WINDOW = 5
WINDOW = timedelta(minutes=15)


class TooManyPushesError(Exception):
    def __init__(self, retry_after: timedelta) -> None:
        super().__init__(f"too many pushes to this number; retry in {retry_after}")
        self.retry_after = retry_after

    @property
    def minutes(self) -> int:
        return max(1, math.ceil(self.retry_after.total_seconds() / 60))


class PushThrottle:
    def __init__(self, *, pushes: int = PUSHES_PER_WINDOW, window: timedelta = WINDOW) -> None:
        self.pushes = pushes
        self.window = window
        self._sent: dict[str, deque[datetime]] = {}
        self._lock = threading.Lock()

    def take(self, number: str, now: datetime) -> None:
        """Counts one push to ``number``; TooManyPushesError (nothing counted) past the limit."""
        with self._lock:
            sent = self._sent.setdefault(number, deque())
            while sent and sent[0] <= now - self.window:
                sent.popleft()
            if len(sent) >= self.pushes:
                raise TooManyPushesError(sent[0] + self.window - now)
            sent.append(now)

    def clear(self) -> None:
        with self._lock:
            self._sent.clear()
