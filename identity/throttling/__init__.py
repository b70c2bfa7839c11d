"""Throttles: sliding-window limits shared by every backend (kept in the database).

The API, for a service that wants a limit::

    from identity.throttling import Limit, ThrottledError, take, throttle_store

    PUSHES = Limit("itsme.push.phone", events=5, window=timedelta(minutes=15))

    store = throttle_store(db)  # taking commits ``db``: take before other writes
    taken = take(store, PUSHES, subject=phone_number, now=now)  # or ThrottledError
    ...
    store.give_back(taken)  # optional: the event should not count after all (a success);
    # in the caller's unit of work with the database store: committed with it

- ``take`` records one event of ``subject`` (any string: it is stored as a keyed hash) if fewer
  than ``events`` lie in the ``window`` ending at ``now``, atomically across threads and
  backends; otherwise it records nothing and raises ``ThrottledError`` (or the subclass
  passed as ``error=``), whose ``minutes`` say when to try again and whose text the catalogues
  hold ("Trop de tentatives. Réessayez dans N minutes.").
- ``begin_attempt(store, Step.X, address=..., now=...)`` does this for a login step per client
  address and overall (settings ``login_failures_*``); ``attempt.succeeded()`` gives both back;
  ``ensure_allowed`` refuses like it without counting (the start of a flow counted at its end).
- ``store.take_all`` takes an event in several windows, all or none, in one commit.
- ``store.add`` / ``store.count``: a plain counter (``unknown_usernames`` keeps the failures of
  usernames nobody holds with it).
- ``ThrottleStore`` (``store.py``) is the protocol a Redis store will implement (#16);
  ``throttle_store`` picks the store. ``purge_throttles`` is run by ``monespace_app.jobs``.
"""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Session

from identity.throttling.attempts import (
    Attempt,
    AttemptLimits,
    Step,
    begin_attempt,
    ensure_allowed,
)
from identity.throttling.database_store import DatabaseThrottleStore
from identity.throttling.errors import ServiceBusyError, ThrottledError, TooManyCodesSentError
from identity.throttling.limits import EVERYONE, Limit, take
from identity.throttling.store import LimitReachedError, Taken, ThrottleStore, Window


def throttle_store(db: Session) -> ThrottleStore:
    """The store of this portal (the database; a Redis store will be chosen here by setting)."""
    return DatabaseThrottleStore(db)


def purge_throttles(db: Session, *, now: datetime) -> int:
    """Forgets events that left their window and counters past their time; returns how many."""
    return throttle_store(db).purge(now=now)


__all__ = [
    "EVERYONE",
    "Attempt",
    "AttemptLimits",
    "DatabaseThrottleStore",
    "Limit",
    "LimitReachedError",
    "ServiceBusyError",
    "Step",
    "Taken",
    "ThrottleStore",
    "ThrottledError",
    "TooManyCodesSentError",
    "Window",
    "begin_attempt",
    "ensure_allowed",
    "purge_throttles",
    "take",
    "throttle_store",
]
