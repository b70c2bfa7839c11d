"""Managers acting at the same moment on one assignment, each in its own database session on a
real SQLite file (WAL, the portal's pragmas): one succeeds, the others are told why.

Every thread reads the assignment, then waits for the others to have read it too before it
writes, so the writes always race on the same stale read (the worst case, every run)."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, SQLModel, col, select

from foundation.db import make_engine
from foundation.models.companies import AssignmentStatus, RoleAssignment, RoleAssignmentHistory
from foundation.models.outbox import OutboxMessage
from portal.companies import access, transitions
from portal.companies import assignment_errors as e
from portal.companies.transitions import deactivate, modify_end_date, stop
from tests.unit.portal.companies.conftest import (
    CHLOE,
    NOW,
    ORIGIN,
    FakeRegister,
    make_gap,
    session_of,
)
from tests.unit.portal.companies.factories import add_assignment

Attempt = Callable[[Session, int], object]


@pytest.fixture
def engine(tmp_path: Path) -> Iterator[Engine]:
    engine = make_engine(f"sqlite:///{tmp_path / 'race.db'}")
    SQLModel.metadata.create_all(engine)
    yield engine
    engine.dispose()


@pytest.fixture
def assignment_id(engine: Engine, register: FakeRegister) -> int:
    with Session(engine) as db:
        make_gap(db, register, gap=CHLOE)
        row = add_assignment(db)
        assert row.id is not None
        return row.id


def race(
    engine: Engine, assignment_id: int, attempts: list[Attempt], monkeypatch: pytest.MonkeyPatch
) -> list[str]:
    read_by_all = threading.Barrier(len(attempts))

    def manager_then_wait(*args: object) -> object:
        found = access.require_role_manager(*args)  # type: ignore[arg-type]
        read_by_all.wait()  # the assignment is read: let every thread get here first
        return found

    monkeypatch.setattr(transitions, "require_role_manager", manager_then_wait)
    outcomes: list[str] = []

    def run(attempt: Attempt) -> None:
        with Session(engine) as db:
            try:
                attempt(db, assignment_id)
                db.commit()
                outcomes.append("done")
            except e.AssignmentStateError as refused:
                db.rollback()
                outcomes.append(type(refused).__name__)

    threads = [threading.Thread(target=run, args=(a,)) for a in attempts]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return outcomes


def _stop(db: Session, assignment_id: int) -> object:
    return stop(db, session_of(CHLOE), assignment_id, NOW, public_origin=ORIGIN)


def _deactivate(db: Session, assignment_id: int) -> object:
    return deactivate(db, session_of(CHLOE), assignment_id, NOW, public_origin=ORIGIN)


def _new_end(day: date) -> Attempt:
    def attempt(db: Session, assignment_id: int) -> object:
        return modify_end_date(db, session_of(CHLOE), assignment_id, day, NOW, public_origin=ORIGIN)

    return attempt


def written(engine: Engine) -> tuple[str, int, int]:
    with Session(engine) as db:
        [status] = db.exec(select(RoleAssignment.status)).all()
        lines = len(db.exec(select(RoleAssignmentHistory)).all())
        changed = col(OutboxMessage.subject).startswith("Modification")
        mails = len(db.exec(select(OutboxMessage).where(changed)).all())
        return status, lines, mails


def test_four_stops_at_once_stop_once(
    engine: Engine, assignment_id: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    outcomes = race(engine, assignment_id, [_stop] * 4, monkeypatch)
    assert sorted(outcomes) == ["AssignmentSuspendedError"] * 3 + ["done"]
    assert written(engine) == (AssignmentStatus.SUSPENDED, 3, 1)


def test_stop_and_deactivate_at_once_do_one_of_them(
    engine: Engine, assignment_id: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    outcomes = race(engine, assignment_id, [_stop, _deactivate], monkeypatch)
    status, lines, mails = written(engine)
    if status == AssignmentStatus.SUSPENDED:  # the stop won: the deactivation finds it stopped
        assert sorted(outcomes) == ["AssignmentSuspendedError", "done"]
        assert (lines, mails) == (3, 1)
    else:  # the deactivation won: the stop read "active", which is no longer true
        assert status == AssignmentStatus.DEACTIVATED
        assert sorted(outcomes) == ["AssignmentChangedMeanwhileError", "done"]
        assert (lines, mails) == (2, 1)


def test_two_new_end_dates_at_once_keep_one_and_tell_the_other(
    engine: Engine, assignment_id: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    outcomes = race(
        engine,
        assignment_id,
        [_new_end(date(2026, 6, 30)), _new_end(date(2026, 9, 30))],
        monkeypatch,
    )
    assert sorted(outcomes) == ["AssignmentChangedMeanwhileError", "done"]
    assert written(engine) == (AssignmentStatus.ACTIVE, 2, 1)
