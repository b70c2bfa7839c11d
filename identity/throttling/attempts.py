"""Limits on login and code attempts: per client address, and a ceiling over the whole portal.

Each step (``Step``: the password, a code, the eID, an activation code) has its own buckets, so
that failures at one step do not spend another's. A step's attempt takes one event from the
address's window and one from the overall one *before* the work (so a flood of concurrent
attempts cannot pass the limit), and gives both back when it succeeds, in the unit of work that
records the success: failures count, successes do not.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from foundation.settings import Settings, get_settings
from identity.throttling.errors import ThrottledError, minutes_until
from identity.throttling.limits import EVERYONE, bucket_of
from identity.throttling.store import LimitReachedError, Taken, ThrottleStore, Window

UNKNOWN_ADDRESS = "unknown"  # no address known (a test, a server-side call): one shared bucket


class Step(StrEnum):
    PASSWORD = "login.password"  # noqa: S105 - a step name, not a secret
    CODE = "login.code"  # the code after the password: app, SMS, e-mail, paper token
    EID = "login.eid"
    ACTIVATION_CODE = "activation_code"


@dataclass(frozen=True, slots=True)
class AttemptLimits:
    per_address: int
    overall: int
    window: timedelta

    @classmethod
    def from_settings(cls, settings: Settings | None = None) -> AttemptLimits:
        settings = settings or get_settings()
        return cls(
            per_address=settings.login_failures_per_address,
            overall=settings.login_failures_overall,
            window=timedelta(minutes=settings.login_failure_window_minutes),
        )


@dataclass(slots=True)
class Attempt:
    """The events one attempt holds; ``succeeded`` gives them back."""

    store: ThrottleStore
    taken: tuple[Taken, ...]

    def succeeded(self) -> None:
        self.give_back()

    def give_back(self) -> None:
        """The attempt does not count (it succeeded, or the service could not judge it): in the
        caller's unit of work with the database store, so call it before that commits."""
        self.store.give_back(*self.taken)
        self.taken = ()


def begin_attempt(
    store: ThrottleStore,
    step: Step,
    *,
    address: str | None,
    now: datetime,
    limits: AttemptLimits | None = None,
) -> Attempt:
    """Counts one attempt at ``step`` from ``address``; ``ThrottledError`` when the address
    or the whole portal has reached its limit (then nothing is counted)."""
    limits = limits or AttemptLimits.from_settings()
    # The address first: a guesser who reached their own limit does not spend everyone's.
    windows = [
        Window(
            bucket_of(f"{step.value}.address", address or UNKNOWN_ADDRESS),
            limits.per_address,
            limits.window,
        ),
        Window(bucket_of(f"{step.value}.overall", EVERYONE), limits.overall, limits.window),
    ]
    try:
        taken = store.take_all(windows, now=now)  # both or neither, in one commit
    except LimitReachedError as full:
        raise ThrottledError(full.bucket, minutes=minutes_until(full.retry_at, now=now)) from None
    return Attempt(store, taken)


def ensure_allowed(
    store: ThrottleStore,
    step: Step,
    *,
    address: str | None,
    now: datetime,
    limits: AttemptLimits | None = None,
) -> None:
    """``ThrottledError`` if an attempt at ``step`` from ``address`` would be refused now;
    counts nothing once the caller's unit of work commits (for the start of a flow whose attempt
    is counted at its end)."""
    begin_attempt(store, step, address=address, now=now, limits=limits).give_back()
