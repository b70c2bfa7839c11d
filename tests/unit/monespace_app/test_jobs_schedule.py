"""When the hourly jobs run: an hour after the last run, at once after a demo clock's jump
forward, and at once when the clock comes back to the real time (not days later)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from monespace_app.jobs import hourly_jobs_due

LAST = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)


def test_first_run_is_due() -> None:
    assert hourly_jobs_due(LAST, None)


def test_an_hour_after_the_last_run() -> None:
    assert not hourly_jobs_due(LAST + timedelta(minutes=59), LAST)
    assert hourly_jobs_due(LAST + timedelta(hours=1), LAST)


def test_a_jump_of_the_demo_clock_runs_them_at_once() -> None:
    assert hourly_jobs_due(LAST + timedelta(days=31), LAST)


def test_a_clock_set_back_to_the_real_time_runs_them_at_once() -> None:
    assert hourly_jobs_due(LAST - timedelta(days=30), LAST)
