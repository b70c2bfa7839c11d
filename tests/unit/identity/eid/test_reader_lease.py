"""The server's card reader, held by one browser's eID login at a time, on a SQLite file shared
by two "backends" (two ``ReaderLeases`` on one database)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import SQLModel

from foundation.db import make_engine
from foundation.models.eid_reader_lease import EidReaderLease
from identity.eid.reader_lease import (
    LEASE_LIFETIME,
    ReaderInUseError,
    ReaderLeases,
    ReaderNotHeldError,
)

NOW = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
READER = "VirtualCard 00 00"
ALICE, BOB = "a" * 64, "b" * 64  # two browsers' bindings


@pytest.fixture
def engine(tmp_path: Path) -> Iterator[Engine]:
    engine = make_engine(f"sqlite:///{tmp_path / 'leases.db'}")
    SQLModel.metadata.create_all(engine, tables=[EidReaderLease.__table__])  # type: ignore[attr-defined]
    yield engine
    engine.dispose()


def test_a_second_browser_cannot_take_the_reader_while_the_first_holds_it(engine: Engine) -> None:
    first_backend, second_backend = ReaderLeases(engine), ReaderLeases(engine)
    first_backend.acquire(READER, ALICE, now=NOW)
    with pytest.raises(ReaderInUseError):
        second_backend.acquire(READER, BOB, now=NOW + timedelta(seconds=30))
    with pytest.raises(ReaderNotHeldError):
        second_backend.renew(READER, BOB, now=NOW + timedelta(seconds=30))
    # The holder goes on, from either backend.
    second_backend.renew(READER, ALICE, now=NOW + timedelta(seconds=40))


def test_the_same_browser_takes_it_again(engine: Engine) -> None:
    leases = ReaderLeases(engine)
    leases.acquire(READER, ALICE, now=NOW)
    leases.acquire(READER, ALICE, now=NOW + timedelta(seconds=5))  # a second tab, a new start


def test_another_reader_is_another_lease(engine: Engine) -> None:
    leases = ReaderLeases(engine)
    leases.acquire(READER, ALICE, now=NOW)
    leases.acquire("VirtualCard 00 01", BOB, now=NOW)


def test_a_lease_left_behind_expires(engine: Engine) -> None:
    leases = ReaderLeases(engine)
    leases.acquire(READER, ALICE, now=NOW)
    later = NOW + LEASE_LIFETIME
    leases.acquire(READER, BOB, now=later)
    # The one who walked away cannot go on: the reader is another's now.
    with pytest.raises(ReaderNotHeldError):
        leases.renew(READER, ALICE, now=later)


def test_each_step_renews_the_lease(engine: Engine) -> None:
    leases = ReaderLeases(engine)
    leases.acquire(READER, ALICE, now=NOW)
    leases.renew(READER, ALICE, now=NOW + LEASE_LIFETIME - timedelta(seconds=1))
    with pytest.raises(ReaderInUseError):
        leases.acquire(READER, BOB, now=NOW + LEASE_LIFETIME)


def test_an_expired_lease_cannot_be_renewed(engine: Engine) -> None:
    leases = ReaderLeases(engine)
    leases.acquire(READER, ALICE, now=NOW)
    with pytest.raises(ReaderNotHeldError):
        leases.renew(READER, ALICE, now=NOW + LEASE_LIFETIME)


def test_only_the_holder_frees_the_reader(engine: Engine) -> None:
    leases = ReaderLeases(engine)
    leases.acquire(READER, ALICE, now=NOW)
    leases.release(READER, BOB)  # a forged cancel from another browser: nothing happens
    with pytest.raises(ReaderInUseError):
        leases.acquire(READER, BOB, now=NOW)
    leases.release(READER, ALICE)
    leases.acquire(READER, BOB, now=NOW)
