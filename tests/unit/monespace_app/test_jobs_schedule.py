"""When the hourly jobs run: an hour after any backend last started them, at once after a demo
clock's jump forward, and at once when the clock comes back to the real time (not days later);
never twice for one turn."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlmodel import Session

from foundation.job_turns import claim_turn
from foundation.models.job_run import JobRun
from monespace_app.jobs import HOURLY_JOB, PURGE_INTERVAL

LAST = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)


def claim(db: Session, now: datetime) -> bool:
    return claim_turn(db, HOURLY_JOB, now=now, every=PURGE_INTERVAL)


def test_first_run_is_due_and_is_claimed_once(db: Session) -> None:
    assert claim(db, LAST)
    assert not claim(db, LAST)
    row = db.get(JobRun, HOURLY_JOB)
    assert row is not None
    assert row.started_by


def test_an_hour_after_the_last_run(db: Session) -> None:
    assert claim(db, LAST)
    assert not claim(db, LAST + timedelta(minutes=59))
    assert claim(db, LAST + timedelta(hours=1))


def test_a_jump_of_the_demo_clock_runs_them_at_once(db: Session) -> None:
    assert claim(db, LAST)
    assert claim(db, LAST + timedelta(days=31))


def test_a_clock_set_back_to_the_real_time_runs_them_at_once(db: Session) -> None:
    assert claim(db, LAST)
    assert claim(db, LAST - timedelta(days=30))


def test_another_machine_a_little_behind_does_not_run_them_again(db: Session) -> None:
    assert claim(db, LAST)
    assert not claim(db, LAST - timedelta(seconds=2))
