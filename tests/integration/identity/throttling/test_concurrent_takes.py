"""Many threads, each with its own connection to one SQLite file (as several backends would
share a database), racing for the places of one window: never more events than the limit."""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, SQLModel, func, select

import foundation.models  # noqa: F401 - registers the tables
from foundation.db import make_engine
from foundation.models.throttling import ThrottleCounter, ThrottleSlot
from identity.throttling import DatabaseThrottleStore, LimitReachedError

pytestmark = pytest.mark.integration

NOW = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
THREADS = 16
TRIES_PER_THREAD = 5


@pytest.fixture
def engine(tmp_path: Path) -> Engine:
    engine = make_engine(f"sqlite:///{tmp_path / 'throttle.db'}")
    SQLModel.metadata.create_all(engine)
    return engine


def race(engine: Engine, work: object) -> list[BaseException]:
    start = threading.Barrier(THREADS)
    errors: list[BaseException] = []

    def run() -> None:
        with Session(engine) as db:
            start.wait()
            try:
                work(DatabaseThrottleStore(db))  # type: ignore[operator]
            except BaseException as error:  # reported to the test
                errors.append(error)

    threads = [threading.Thread(target=run) for _ in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return errors


def test_racing_threads_never_get_more_events_than_the_limit(engine: Engine) -> None:
    limit = 10
    granted: list[int] = []
    refused: list[int] = []

    def work(store: DatabaseThrottleStore) -> None:
        for _ in range(TRIES_PER_THREAD):
            try:
                store.take(
                    "login.password.address:x", limit=limit, window=timedelta(minutes=15), now=NOW
                )
                granted.append(1)
            except LimitReachedError:
                refused.append(1)

    assert race(engine, work) == []
    assert len(granted) == limit
    assert len(refused) == THREADS * TRIES_PER_THREAD - limit
    with Session(engine) as db:
        assert db.exec(select(func.count()).select_from(ThrottleSlot)).one() == limit


def test_a_full_window_races_for_freed_places_and_still_holds(engine: Engine) -> None:
    limit = 4
    window = timedelta(minutes=15)
    with Session(engine) as db:
        store = DatabaseThrottleStore(db)
        for _ in range(limit):
            store.take("b", limit=limit, window=window, now=NOW)
    later = NOW + window  # every place is free again, to be raced for
    granted: list[int] = []

    def work(store: DatabaseThrottleStore) -> None:
        for _ in range(TRIES_PER_THREAD):
            try:
                store.take("b", limit=limit, window=window, now=later)
                granted.append(1)
            except LimitReachedError:
                pass

    assert race(engine, work) == []
    assert len(granted) == limit


def test_racing_counters_lose_no_event(engine: Engine) -> None:
    def work(store: DatabaseThrottleStore) -> None:
        for _ in range(TRIES_PER_THREAD):
            store.add("unknown-username:x", ceiling=1000, keep_for=timedelta(days=1), now=NOW)

    assert race(engine, work) == []
    with Session(engine) as db:
        row = db.get(ThrottleCounter, "unknown-username:x")
        assert row is not None
        assert row.count == THREADS * TRIES_PER_THREAD
