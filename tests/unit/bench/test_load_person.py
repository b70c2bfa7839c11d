"""A virtual person stops when the run cancels it, even when the cancellation reaches it as an
error of a library's (a websocket connect cut short): otherwise the level never ends."""

from __future__ import annotations

import asyncio
import random
from concurrent.futures import ThreadPoolExecutor
from typing import Any, cast

from bench.load.browser import JourneyError, Tab
from bench.load.journeys import JourneyPlan, Person
from bench.load.think import ThinkTime


class SwallowingTab:
    """A tab whose page load turns its cancellation into a connect error, as socket.io's may."""

    def __init__(self) -> None:
        self.loads = 0
        self.errors: list[str] = []
        self.recorder = self

    def error(self, kind: str) -> None:
        self.errors.append(kind)

    async def load(self, path: str) -> None:
        self.loads += 1
        try:
            await asyncio.sleep(10)
        except asyncio.CancelledError:
            raise JourneyError("connect: cancelled") from None

    async def close_page(self) -> None:
        return None


async def cancel_while_loading() -> tuple[bool, SwallowingTab]:
    tab = SwallowingTab()
    person = Person(
        cast(Tab, tab), JourneyPlan("public", ThinkTime(0.0, 0.0)), random.Random(1), None
    )
    task = asyncio.create_task(person.live())
    await asyncio.sleep(0.05)
    task.cancel()
    done, _ = await asyncio.wait({task}, timeout=2)
    return task in done, tab


def test_a_person_cancelled_mid_load_stops() -> None:
    # A loop of its own, in a thread: Playwright's sync API may hold this thread's loop.
    with ThreadPoolExecutor(max_workers=1) as worker:
        stopped, tab = cast(Any, worker.submit(asyncio.run, cancel_while_loading()).result())
    assert stopped
    assert tab.loads == 1
    assert tab.errors == []  # a cancellation is not counted as the portal's error
