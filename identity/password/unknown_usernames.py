"""Failures on usernames nobody holds, counted like a real key's so they lock the same way.

A real username + password locks after 100 consecutive failures and then says so; an unknown
username that never did would tell a guesser which usernames exist. So the failures of an
unknown username are counted in the throttle store (under a keyed hash of the name: no
username in clear) and it answers "locked" from the 100th on, exactly like a real one. The
count is kept a year after the last failure (a real key stays locked until its owner unlocks it;
a guesser coming back after a year learns nothing either: real owners unlock theirs too).
"""

from __future__ import annotations

from datetime import datetime, timedelta

from identity.keys.lockout import MAX_CONSECUTIVE_FAILURES
from identity.throttling.limits import bucket_of
from identity.throttling.store import ThrottleStore

REMEMBERED_FOR = timedelta(days=365)
FAMILY = "password.unknown_username"


def is_locked(store: ThrottleStore, name: str, *, now: datetime) -> bool:
    return store.count(bucket_of(FAMILY, name), now=now) >= MAX_CONSECUTIVE_FAILURES


def count_failure(store: ThrottleStore, name: str, *, now: datetime) -> bool:
    """Counts one failure (committed at once); True when the name is now "locked"."""
    count = store.add(
        bucket_of(FAMILY, name),
        ceiling=MAX_CONSECUTIVE_FAILURES,
        keep_for=REMEMBERED_FOR,
        now=now,
    )
    return count >= MAX_CONSECUTIVE_FAILURES
