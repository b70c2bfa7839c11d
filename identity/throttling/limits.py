"""A named limit, and taking one event under it for one subject (an address, a person...).

Buckets are named ``<limit name>:<keyed hash of the subject>``: the database holds no address,
phone number or username in clear, and a bucket name has a bounded length.
"""

from __future__ import annotations

import base64
from dataclasses import dataclass
from datetime import datetime, timedelta

from foundation.secrets_at_rest import code_mac
from identity.throttling.errors import ThrottledError, minutes_until
from identity.throttling.store import LimitReachedError, Taken, ThrottleStore

EVERYONE = "*"  # the subject of an overall ceiling


@dataclass(frozen=True, slots=True)
class Limit:
    """At most ``events`` in any ``window``; ``name`` is the bucket family (``login.password``)."""

    name: str
    events: int
    window: timedelta


def bucket_of(limit_name: str, subject: str) -> str:
    if subject == EVERYONE:
        return f"{limit_name}:{EVERYONE}"
    digest = code_mac(b"throttle\x1f" + limit_name.encode() + b"\x1f" + subject.encode())
    return f"{limit_name}:{base64.urlsafe_b64encode(digest[:18]).decode()}"


def take(
    store: ThrottleStore,
    limit: Limit,
    *,
    subject: str,
    now: datetime,
    error: type[ThrottledError] = ThrottledError,
) -> Taken:
    """Records one event of ``subject`` under ``limit``, or raises ``error`` (the person reads
    "try again in N minutes", N counted to when the oldest event leaves the window)."""
    bucket = bucket_of(limit.name, subject)
    try:
        return store.take(bucket, limit=limit.events, window=limit.window, now=now)
    except LimitReachedError as full:
        raise error(bucket, minutes=minutes_until(full.retry_at, now=now)) from None
