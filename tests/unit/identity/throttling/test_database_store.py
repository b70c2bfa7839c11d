"""The sliding window and the counter of the database store, with the clock as a parameter."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlmodel import Session, select

from foundation.models.throttling import ThrottleCounter, ThrottleSlot
from identity.throttling import DatabaseThrottleStore, LimitReachedError
from identity.throttling.store import Window

NOW = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
WINDOW = timedelta(minutes=15)


def take(store: DatabaseThrottleStore, at: datetime, *, limit: int = 3, bucket: str = "b") -> None:
    store.take(bucket, limit=limit, window=WINDOW, now=at)


def test_the_limit_holds_within_the_window_and_names_when_to_come_back(db: Session) -> None:
    store = DatabaseThrottleStore(db)
    for minute in (0, 1, 2):
        take(store, NOW + timedelta(minutes=minute))
    with pytest.raises(LimitReachedError) as refused:
        take(store, NOW + timedelta(minutes=5))
    # The first event leaves the window 15 minutes after it happened.
    assert refused.value.retry_at == NOW + WINDOW


def test_the_window_slides_one_event_at_a_time(db: Session) -> None:
    store = DatabaseThrottleStore(db)
    for minute in (0, 5, 10):
        take(store, NOW + timedelta(minutes=minute))
    take(store, NOW + timedelta(minutes=15))  # the event of minute 0 has left
    with pytest.raises(LimitReachedError) as refused:
        take(store, NOW + timedelta(minutes=16))  # minutes 5, 10, 15 are still in
    assert refused.value.retry_at == NOW + timedelta(minutes=20)
    take(store, NOW + timedelta(minutes=20))


def test_a_refused_event_is_not_counted(db: Session) -> None:
    store = DatabaseThrottleStore(db)
    for _ in range(3):
        take(store, NOW)
    for minute in range(1, 15):
        with pytest.raises(LimitReachedError):
            take(store, NOW + timedelta(minutes=minute))
    # Had the refusals counted, the window would still be full.
    take(store, NOW + WINDOW)


def test_an_event_given_back_frees_its_place(db: Session) -> None:
    store = DatabaseThrottleStore(db)
    first = store.take("b", limit=1, window=WINDOW, now=NOW)
    store.give_back(first)
    store.take("b", limit=1, window=WINDOW, now=NOW + timedelta(seconds=1))
    with pytest.raises(LimitReachedError):
        store.take("b", limit=1, window=WINDOW, now=NOW + timedelta(seconds=2))


def test_giving_back_a_slot_already_taken_again_frees_nothing(db: Session) -> None:
    store = DatabaseThrottleStore(db)
    old = store.take("b", limit=1, window=WINDOW, now=NOW)
    store.take("b", limit=1, window=WINDOW, now=NOW + WINDOW)  # same slot, a new event
    store.give_back(old)
    with pytest.raises(LimitReachedError):
        store.take("b", limit=1, window=WINDOW, now=NOW + WINDOW + timedelta(seconds=1))


def test_buckets_are_counted_apart(db: Session) -> None:
    store = DatabaseThrottleStore(db)
    take(store, NOW, limit=1, bucket="a")
    take(store, NOW, limit=1, bucket="b")
    with pytest.raises(LimitReachedError):
        take(store, NOW, limit=1, bucket="a")


def test_a_window_keeps_at_most_limit_rows(db: Session) -> None:
    store = DatabaseThrottleStore(db)
    for minute in range(40):
        take(store, NOW + timedelta(minutes=minute * 6))
    assert len(db.exec(select(ThrottleSlot)).all()) == 3


def test_purge_forgets_what_left_its_window_and_the_window_still_works(db: Session) -> None:
    store = DatabaseThrottleStore(db)
    take(store, NOW)
    take(store, NOW + timedelta(minutes=10))
    store.add("c", ceiling=100, keep_for=timedelta(days=1), now=NOW)
    assert store.purge(now=NOW + timedelta(minutes=20)) == 1
    assert [row.taken_at.minute for row in db.exec(select(ThrottleSlot)).all()] == [10]
    # Slot 0 is gone, slot 1 is used: new events fill the gap, never beyond the limit.
    take(store, NOW + timedelta(minutes=20))
    take(store, NOW + timedelta(minutes=20))
    with pytest.raises(LimitReachedError):
        take(store, NOW + timedelta(minutes=20))
    assert store.purge(now=NOW + timedelta(days=2)) == 4
    assert db.exec(select(ThrottleCounter)).all() == []


def test_the_counter_counts_up_to_its_ceiling_and_is_forgotten_after_its_time(db: Session) -> None:
    store = DatabaseThrottleStore(db)
    keep = timedelta(days=30)
    assert store.count("u", now=NOW) == 0
    counts = [store.add("u", ceiling=3, keep_for=keep, now=NOW) for _ in range(5)]
    assert counts == [1, 2, 3, 3, 3]
    assert store.count("u", now=NOW + timedelta(days=29)) == 3
    # Each event keeps the count 30 more days; after 30 quiet days it starts again.
    assert store.count("u", now=NOW + keep) == 0
    assert store.add("u", ceiling=3, keep_for=keep, now=NOW + keep) == 1


def test_taking_commits_so_that_the_callers_rollback_does_not_give_it_back(db: Session) -> None:
    store = DatabaseThrottleStore(db)
    take(store, NOW, limit=1)
    db.rollback()
    with pytest.raises(LimitReachedError):
        take(store, NOW, limit=1)


def test_taking_several_windows_takes_all_or_none(db: Session) -> None:
    store = DatabaseThrottleStore(db)
    store.take("full", limit=1, window=WINDOW, now=NOW)
    with pytest.raises(LimitReachedError) as refused:
        store.take_all([Window("free", 1, WINDOW), Window("full", 1, WINDOW)], now=NOW)
    assert refused.value.bucket == "full"
    store.take("free", limit=1, window=WINDOW, now=NOW)  # its place was not kept


def test_a_give_back_rolled_back_with_its_unit_of_work_still_counts(db: Session) -> None:
    store = DatabaseThrottleStore(db)
    taken = store.take("b", limit=1, window=WINDOW, now=NOW)
    store.give_back(taken)
    db.rollback()  # the login that succeeded did not commit after all
    with pytest.raises(LimitReachedError):
        store.take("b", limit=1, window=WINDOW, now=NOW)


def test_events_of_a_future_the_clock_left_do_not_fill_the_window(db: Session) -> None:
    """A demo clock 30 days ahead, then back to now: the places taken then are free now, not
    held until the real time catches up ("Réessayez dans 43200 minutes")."""
    store = DatabaseThrottleStore(db)
    ahead = NOW + timedelta(days=30)
    for _ in range(3):
        take(store, ahead)
    for _ in range(3):
        take(store, NOW)
    with pytest.raises(LimitReachedError) as refused:
        take(store, NOW + timedelta(minutes=1))
    assert refused.value.retry_at == NOW + WINDOW
