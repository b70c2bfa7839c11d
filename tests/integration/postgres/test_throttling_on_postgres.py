"""Throttling shared by several backends on one PostgreSQL database: racing for the places of one
window never records more events than its limit, and racing counters lose no event (as
tests/integration/identity/throttling/test_concurrent_takes.py checks on SQLite)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, func, select

from foundation.db import make_engine
from foundation.models.throttling import ThrottleCounter, ThrottleSlot
from identity.throttling import DatabaseThrottleStore, LimitReachedError
from tests.integration.postgres.racing import each_backend_at_once

pytestmark = pytest.mark.integration

NOW = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
RACERS = 8
TRIES_EACH = 5
WINDOW = timedelta(minutes=15)


@pytest.fixture
def racers(postgres_url: str) -> Iterator[list[Engine]]:
    engines = [make_engine(postgres_url) for _ in range(RACERS)]
    yield engines
    for engine in engines:
        engine.dispose()


def takes(engine: Engine, bucket: str, limit: int, now: datetime) -> int:
    """How many of TRIES_EACH events this backend got in."""
    granted = 0
    with Session(engine) as db:
        store = DatabaseThrottleStore(db)
        for _ in range(TRIES_EACH):
            try:
                store.take(bucket, limit=limit, window=WINDOW, now=now)
                granted += 1
            except LimitReachedError:
                pass
    return granted


def test_racing_backends_never_get_more_events_than_the_limit(
    postgres_engine: Engine, racers: list[Engine]
) -> None:
    outcomes = each_backend_at_once(racers, lambda e: takes(e, "login.password.address:x", 10, NOW))
    assert outcomes.errors == []
    assert sum(outcomes.results) == 10
    with Session(postgres_engine) as db:
        assert db.exec(select(func.count()).select_from(ThrottleSlot)).one() == 10


def test_a_full_window_is_raced_for_when_its_places_free_and_still_holds(
    postgres_engine: Engine, racers: list[Engine]
) -> None:
    assert takes(postgres_engine, "b", 4, NOW) == 4
    assert takes(postgres_engine, "b", 4, NOW + timedelta(minutes=1)) == 0
    later = NOW + WINDOW  # every place is free again, to be raced for
    outcomes = each_backend_at_once(racers, lambda e: takes(e, "b", 4, later))
    assert outcomes.errors == []
    assert sum(outcomes.results) == 4


def test_racing_counters_lose_no_event(postgres_engine: Engine, racers: list[Engine]) -> None:
    def count(engine: Engine) -> None:
        with Session(engine) as db:
            store = DatabaseThrottleStore(db)
            for _ in range(TRIES_EACH):
                store.add("unknown-username:x", ceiling=1000, keep_for=timedelta(days=1), now=NOW)

    assert each_backend_at_once(racers, count).errors == []
    with Session(postgres_engine) as db:
        row = db.get(ThrottleCounter, "unknown-username:x")
        assert row is not None
        assert row.count == RACERS * TRIES_EACH


def test_a_login_given_back_leaves_its_place_free(postgres_engine: Engine) -> None:
    """One place taken then given back, as a successful login does: the window stays empty."""
    for _ in range(3):
        with Session(postgres_engine) as db:
            store = DatabaseThrottleStore(db)
            taken = store.take("login.password.address:y", limit=2, window=WINDOW, now=NOW)
            store.give_back(taken)
            db.commit()
    with Session(postgres_engine) as db:
        slots = db.exec(select(func.count()).select_from(ThrottleSlot)).one()
    assert slots == 1
