"""Polling: the portal sends mail and SMS from its outbox, a phone answers when it answers."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")

POLL_INTERVAL = 0.3


def poll(fetch: Callable[[], T | None], *, timeout: float) -> T | None:
    """``fetch()`` until it gives something other than None, at most ``timeout`` seconds (it is
    always called at least once)."""
    deadline = time.monotonic() + timeout
    while True:
        found = fetch()
        if found is not None or time.monotonic() >= deadline:
            return found
        time.sleep(POLL_INTERVAL)
