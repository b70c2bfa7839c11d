"""A scenario's "day -N" is N days earlier on Belgium's calendar, whatever the time of day and
the summer time in between: assignments' dates are Belgian days."""

from __future__ import annotations

from datetime import UTC, date, datetime

from foundation.clock import BRUSSELS
from simulators.scenarios.steps import days_before_in_belgium


def test_late_in_a_winter_evening_95_days_earlier_is_still_95_days_earlier() -> None:
    now = datetime(2026, 11, 30, 22, 30, tzinfo=UTC)  # 23:30 in Brussels
    at = days_before_in_belgium(now, -95)
    assert at.astimezone(BRUSSELS).date() == date(2026, 8, 27)
    assert (at.astimezone(BRUSSELS).hour, at.minute) == (23, 30)
    assert at.tzinfo == UTC


def test_within_one_season_it_is_the_same_instant_as_a_plain_difference() -> None:
    now = datetime(2026, 11, 30, 10, 0, tzinfo=UTC)
    assert days_before_in_belgium(now, -3) == datetime(2026, 11, 27, 10, 0, tzinfo=UTC)
    assert days_before_in_belgium(now, 0) == now
