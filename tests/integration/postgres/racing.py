"""Runs the same work in several threads at once, as several backends would: each thread has its
own engine (its own connections) and all start together at a barrier.

``meeting_before`` makes the race the worst case every run: each backend's transaction stops
just before a given statement until every other one has got there too: at the write, all of them
have read what they check and write on the same (stale) reading; at a lock, all of them ask for
it at the same moment."""

from __future__ import annotations

import re
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

from sqlalchemy import event
from sqlalchemy.engine import Engine

T = TypeVar("T")
MEETING_TIMEOUT = 10.0


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


def each_backend_at_once(backends: Sequence[Engine], work: Callable[[Engine], T]) -> Outcomes[T]:
    """``work(engine)`` in one thread per backend, started together."""

    def run(index: int, barrier: threading.Barrier) -> T:
        barrier.wait()
        return work(backends[index])

    return at_once(run, runners=len(backends))


@dataclass
class Meeting:
    """How many backends went on from the meeting together (all of them: the race was run)."""

    together: int = 0


@contextmanager
def meeting_before(backends: Sequence[Engine], statement: str) -> Iterator[Meeting]:
    """Each backend's first statement that ``statement`` (a regular expression) finds waits
    until every backend has reached its own (or ``MEETING_TIMEOUT`` passed: one did not get
    there)."""
    pattern = re.compile(statement, re.DOTALL)
    meeting = threading.Barrier(len(backends), timeout=MEETING_TIMEOUT)
    report = Meeting()
    lock = threading.Lock()
    listeners: list[tuple[Engine, Callable[..., None]]] = []
    for engine in backends:
        met = threading.Event()

        def wait_for_the_others(
            _conn: Any,
            _cursor: Any,
            sql: str,
            *_args: Any,
            met: threading.Event = met,
        ) -> None:
            if not met.is_set() and pattern.search(sql):
                met.set()
                try:
                    meeting.wait()
                except threading.BrokenBarrierError:
                    return  # another backend stopped before the statement: go on alone
                with lock:
                    report.together += 1

        event.listen(engine, "before_cursor_execute", wait_for_the_others)
        listeners.append((engine, wait_for_the_others))
    try:
        yield report
    finally:
        for engine, listener in listeners:
            event.remove(engine, "before_cursor_execute", listener)
