"""A tab whose backend died keeps its token (so its state) on the backend it reconnects to; a
second tab on a token still held by a live backend gets a new one, as Reflex decides. Against a
real Redis, each backend's beacon a named connection of its own."""

from __future__ import annotations

import asyncio
from collections.abc import Coroutine
from concurrent.futures import ThreadPoolExecutor
from typing import Any, TypeVar

import pytest
import redis.asyncio
from reflex.utils.token_manager import RedisTokenManager

from monespace_app.tab_tokens import beacon_name, take_over_tabs_of_dead_backends
from simulators.stack.redis_server import RedisServer

pytestmark = pytest.mark.integration

TOKEN = "0f8b7c2e-5d43-4a0e-9d77-3f5f0b7c2a11"


async def reconnect_after(redis_url: str, *, first_backend_alive: bool) -> str | None:
    """The tab's websocket on backend A, then again (a reconnect) on backend B; what B
    answers: None (the tab keeps its token) or a new token."""
    first = RedisTokenManager(redis.asyncio.from_url(redis_url))
    second = RedisTokenManager(redis.asyncio.from_url(redis_url))
    take_over_tabs_of_dead_backends(second)
    beacon = redis.asyncio.from_url(
        redis_url, client_name=beacon_name(first.instance_id), single_connection_client=True
    )
    try:
        await beacon.ping()  # type: ignore[misc]
        assert await first.link_token_to_sid(TOKEN, "sid-on-a") is None
        if not first_backend_alive:
            await beacon.aclose()  # as the kernel closes it when the process is killed
            await asyncio.sleep(0.2)
        return await second.link_token_to_sid(TOKEN, "sid-on-b")
    finally:
        await beacon.aclose()
        await first.redis.flushdb()
        for manager in (first, second):
            await manager.close()
            await manager.redis.aclose()


T = TypeVar("T")


def apart_from_any_loop(work: Coroutine[Any, Any, T]) -> T:
    """``asyncio.run`` in a thread of its own: a whole run's Playwright tests leave an event loop
    running in the main thread, where asyncio.run refuses to start."""
    with ThreadPoolExecutor(1) as thread:
        return thread.submit(asyncio.run, work).result()


def test_a_tab_whose_backend_died_keeps_its_token(redis_server: RedisServer) -> None:
    assert apart_from_any_loop(reconnect_after(redis_server.url, first_backend_alive=False)) is None


def test_a_second_tab_on_a_live_backends_token_gets_a_new_one(redis_server: RedisServer) -> None:
    new_token = apart_from_any_loop(reconnect_after(redis_server.url, first_backend_alive=True))
    assert new_token is not None
    assert new_token != TOKEN
