"""A bound on argon2 hashes at once: a flood waits a moment, then is told the service is busy."""

from __future__ import annotations

import asyncio
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import TypeVar

import pytest
from sqlmodel import Session, select

from foundation.i18n.error_messages import error_text
from foundation.models.throttling import ThrottleCounter
from foundation.settings import get_settings
from identity.password import check_credentials, hashing
from identity.password.errors import InvalidCredentialsError
from identity.password.hashing import HashingGate, dummy_hash, hashing_gate, hashing_place
from identity.throttling import ServiceBusyError
from tests.unit.identity.key_holder import FAST, NOW

T = TypeVar("T")


def test_threads_never_hash_more_than_the_places_at_once() -> None:
    gate = HashingGate(places=2, wait_seconds=10)
    running = 0
    most = 0
    lock = threading.Lock()

    def hash_once() -> None:
        nonlocal running, most
        with hashing_place(gate):
            with lock:
                running += 1
                most = max(most, running)
            time.sleep(0.02)
            with lock:
                running -= 1

    threads = [threading.Thread(target=hash_once) for _ in range(12)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert most == 2


def test_a_caller_that_waits_too_long_is_told_the_service_is_busy() -> None:
    gate = HashingGate(places=1, wait_seconds=0.05)
    held = threading.Event()
    release = threading.Event()
    refused: list[BaseException] = []

    def hold() -> None:
        with hashing_place(gate):
            held.set()
            release.wait(5)

    def late() -> None:
        try:
            with hashing_place(gate):
                pass
        except ServiceBusyError as error:
            refused.append(error)

    holder = threading.Thread(target=hold)
    holder.start()
    held.wait(5)
    latecomer = threading.Thread(target=late)
    latecomer.start()
    latecomer.join()
    release.set()
    holder.join()
    assert len(refused) == 1
    assert "réessayez" in error_text("fr", refused[0]).lower()
    with hashing_place(gate):  # the place is free again
        pass


def test_a_login_during_a_flood_is_refused_busy_and_counts_nothing(
    db: Session, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Through the service, with the gate the settings make: every place held by a flood, the
    next login waits its time and gets ServiceBusyError, and no failure is counted."""
    monkeypatch.setenv("MONESPACE_PASSWORD_HASHES_AT_ONCE", "2")
    monkeypatch.setenv("MONESPACE_PASSWORD_HASH_WAIT_SECONDS", "0.1")
    get_settings.cache_clear()
    hashing_gate.cache_clear()
    dummy_hash(FAST)  # made before the flood, as a running portal has it
    release = threading.Event()
    holding = threading.Semaphore(0)

    def flood() -> None:
        with hashing_place():
            holding.release()
            release.wait(5)

    floods = [threading.Thread(target=flood) for _ in range(2)]
    try:
        for thread in floods:
            thread.start()
        for _ in floods:
            assert holding.acquire(timeout=5)
        started = time.perf_counter()
        with pytest.raises(ServiceBusyError):
            off_any_loop(lambda: check(db))  # a worker thread, as the portal's are
        assert time.perf_counter() - started >= 0.1
        assert db.exec(select(ThrottleCounter)).all() == []
        release.set()
        for thread in floods:
            thread.join()
        with pytest.raises(InvalidCredentialsError):
            check(db)
    finally:
        release.set()
        hashing_gate.cache_clear()


def check(db: Session) -> None:
    check_credentials(
        db, username="nobody.here", password="wrong password!", now=NOW, settings=FAST
    )


def test_a_caller_on_the_event_loop_does_not_wait_for_a_place() -> None:
    """A page handler hashing on the event loop's thread would stall every page while waiting:
    it is told at once that the service is busy."""
    gate = HashingGate(places=1, wait_seconds=5)

    async def handler() -> float:
        with hashing_place(gate):
            started = time.perf_counter()
            with pytest.raises(ServiceBusyError), hashing_place(gate):
                pass
            return time.perf_counter() - started

    assert off_any_loop(lambda: asyncio.run(handler())) < 0.5


def off_any_loop(call: Callable[[], T]) -> T:
    """Runs ``call`` in a thread of its own: in a whole test run, Playwright's sync API keeps an
    event loop running in the main thread, which the gate would take for the portal's."""
    with ThreadPoolExecutor(max_workers=1) as worker:
        return worker.submit(call).result()


def test_threads_asking_at_once_for_the_gate_share_one(monkeypatch: pytest.MonkeyPatch) -> None:
    """The process's limit holds from the first logins on: threads that all ask for the gate
    before it exists get the same one (each made its own, and the limit doubled)."""
    monkeypatch.setenv("MONESPACE_PASSWORD_HASHES_AT_ONCE", "3")
    get_settings.cache_clear()
    hashing_gate.cache_clear()

    class SlowToMake(HashingGate):  # widens the window in which the threads all ask
        def __init__(self, places: int, wait_seconds: float) -> None:
            time.sleep(0.05)
            super().__init__(places, wait_seconds)

    monkeypatch.setattr(hashing, "HashingGate", SlowToMake)
    monkeypatch.setattr(hashing, "_gates", {})
    start = threading.Barrier(8)

    def ask() -> HashingGate:
        start.wait(5)
        return hashing_gate()

    try:
        with ThreadPoolExecutor(max_workers=8) as workers:
            gates = list(workers.map(lambda _: ask(), range(8)))
        assert len({id(gate) for gate in gates}) == 1
        assert gates[0].places == 3
    finally:
        hashing_gate.cache_clear()
        get_settings.cache_clear()
