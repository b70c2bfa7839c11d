"""What a load run counts: round trips per kind of event, errors per kind, logins; and the
figures drawn from them (percentiles, a memory slope)."""

from __future__ import annotations

import math
import time
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

# The headline round trip is every websocket event's a page sends (hydrate, route change, the
# layout's mount events, logout) but these: the two login steps, whose answer waits for argon2
# and the code check by design, and the timings that are not one event (a page's HTTP GET, a
# whole page load, a whole login). Each has its own line.
NOT_IN_HEADLINE = frozenset({"login_password", "login_code", "http_get", "page_load", "login"})


def percentile(samples: Sequence[float], fraction: float) -> float:
    """The ``fraction`` (0-1) percentile by linear interpolation between closest ranks (as numpy's
    default); NaN for no samples."""
    if not 0 <= fraction <= 1:
        raise ValueError(f"fraction out of [0, 1]: {fraction}")
    if not samples:
        return math.nan
    ordered = sorted(samples)
    position = fraction * (len(ordered) - 1)
    below = math.floor(position)
    above = min(below + 1, len(ordered) - 1)
    weight = position - below
    return ordered[below] * (1 - weight) + ordered[above] * weight


@dataclass(frozen=True, slots=True)
class Spread:
    count: int
    p50_ms: float
    p95_ms: float
    p99_ms: float
    max_ms: float

    @classmethod
    def of(cls, seconds: Sequence[float]) -> Spread:
        if not seconds:
            return cls(0, math.nan, math.nan, math.nan, math.nan)
        return cls(
            len(seconds),
            percentile(seconds, 0.50) * 1000,
            percentile(seconds, 0.95) * 1000,
            percentile(seconds, 0.99) * 1000,
            max(seconds) * 1000,
        )


@dataclass
class Recorder:
    """Shared by every virtual browser of a run (one event loop, no locks needed). Round trips
    and logins count only inside the measuring window (after every session has started);
    errors count from the first session on, since a refused start is an error too."""

    round_trips: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    errors: Counter[str] = field(default_factory=Counter)
    logins: int = 0
    measuring: bool = False
    window_started: float = 0.0
    window_ended: float = 0.0

    def start_window(self) -> None:
        self.measuring, self.window_started = True, time.monotonic()

    def end_window(self) -> None:
        self.measuring, self.window_ended = False, time.monotonic()

    @property
    def window_seconds(self) -> float:
        end = self.window_ended or time.monotonic()
        return max(end - self.window_started, 1e-9) if self.window_started else 0.0

    def round_trip(self, kind: str, seconds: float) -> None:
        if self.measuring:
            self.round_trips[kind].append(seconds)

    def error(self, kind: str) -> None:
        self.errors[kind] += 1

    def login(self) -> None:
        if self.measuring:
            self.logins += 1

    def events(self) -> Spread:
        """The headline: every websocket event's round trip (``NOT_IN_HEADLINE`` aside)."""
        return Spread.of(
            [
                sample
                for kind, samples in self.round_trips.items()
                if kind not in NOT_IN_HEADLINE
                for sample in samples
            ]
        )

    def by_kind(self) -> dict[str, Spread]:
        return {kind: Spread.of(samples) for kind, samples in sorted(self.round_trips.items())}

    def logins_per_second(self) -> float:
        return self.logins / self.window_seconds if self.window_started else 0.0


def slope_per_minute(points: Sequence[tuple[float, float]]) -> float:
    """The least-squares slope of (seconds, value) points, per minute; 0 for fewer than two
    distinct times. A memory series in KiB gives KiB/min."""
    if len(points) < 2:
        return 0.0
    mean_t = sum(t for t, _ in points) / len(points)
    mean_v = sum(v for _, v in points) / len(points)
    spread = sum((t - mean_t) ** 2 for t, _ in points)
    if spread == 0:
        return 0.0
    covariance = sum((t - mean_t) * (v - mean_v) for t, v in points)
    return covariance / spread * 60
