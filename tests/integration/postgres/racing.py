"""Runs the same work in several threads at once, as several backends would: each thread opens
its own connection (a Session on the engine's pool) and all start together at a barrier."""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Generic, TypeVar

T = TypeVar("T")


@dataclass
class Outcomes(Generic[T]):
    results: list[T] = field(default_factory=list)
    errors: list[BaseException] = field(default_factory=list)


def at_once(work: Callable[[int, threading.Barrier], T], runners: int = 2) -> Outcomes[T]:
    """Calls ``work(index, barrier)`` in ``runners`` threads; ``work`` waits at the barrier at
    the moment the runners must meet (after their own setup, before the racing step)."""
    barrier = threading.Barrier(runners, timeout=30)
    outcomes: Outcomes[T] = Outcomes()
    lock = threading.Lock()

    def run(index: int) -> None:
        try:
            result = work(index, barrier)
        except BaseException as error:  # reported to the test, which asserts on it
            barrier.abort()
            with lock:
                outcomes.errors.append(error)
        else:
            with lock:
                outcomes.results.append(result)

    threads = [threading.Thread(target=run, args=(i,)) for i in range(runners)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
        assert not thread.is_alive(), "a racing thread is stuck (a lock never released?)"
    return outcomes
