"""What a throttle store does, whatever keeps it (the database today, Redis later: #16).

A store knows nothing of logins or codes: it keeps buckets of events by name. Two shapes:

- a sliding window (``take`` / ``give_back``): at most ``limit`` events in any ``window``; an event
  taken and then given back (a login that succeeded) does not count;
- a counter (``add`` / ``count``): how many events since the bucket was last left alone for
  ``keep_for`` (the failures of a username nobody holds).

Every operation is atomic on its own, across threads and processes: a Redis store would do each in
one script (a sorted set per window, ``INCR`` + ``PEXPIRE`` per counter).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Protocol


@dataclass(frozen=True, slots=True)
class Taken:
    """One event in a window; ``give_back`` takes it out again."""

    bucket: str
    token: str  # which slot (the database) or member (a Redis sorted set) holds the event
    taken_at: datetime


@dataclass(frozen=True, slots=True)
class Window:
    """A bucket that holds at most ``limit`` events in any ``length`` of time."""

    bucket: str
    limit: int
    length: timedelta


class LimitReachedError(Exception):
    """The window already holds ``limit`` events; the oldest leaves it at ``retry_at``."""

    def __init__(self, bucket: str, retry_at: datetime) -> None:
        super().__init__(f"{bucket} is full until {retry_at.isoformat()}")
        self.bucket = bucket
        self.retry_at = retry_at


class ThrottleStore(Protocol):
    def take(self, bucket: str, *, limit: int, window: timedelta, now: datetime) -> Taken:
        """Records one event if fewer than ``limit`` lie in the ``window`` ending at ``now``;
        otherwise records nothing and raises ``LimitReachedError``. Durable at once."""
        ...

    def take_all(self, windows: Sequence[Window], *, now: datetime) -> tuple[Taken, ...]:
        """One event in each window, or in none (``LimitReachedError`` for the first full one);
        durable at once."""
        ...

    def give_back(self, *taken: Taken) -> None:
        """The events no longer count (nothing happens to one that has left its window already).

        The database store does it in the caller's unit of work, committed with it (if that rolls
        back, the events still count: the safe side); a Redis store at once."""
        ...

    def add(self, bucket: str, *, ceiling: int, keep_for: timedelta, now: datetime) -> int:
        """Counts one event (never beyond ``ceiling``) and keeps the count ``keep_for`` from now;
        returns the count, this event included."""
        ...

    def count(self, bucket: str, *, now: datetime) -> int:
        """The count of a counter (0 when none or forgotten)."""
        ...

    def purge(self, *, now: datetime) -> int:
        """Forgets events out of their window and counters past their time; returns how many."""
        ...
