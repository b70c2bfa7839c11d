"""A logout wipes what the tab's pages held, with the tabs' states in Redis (several backends)
as in memory: each page state read back and reset, all of them in one read."""

from __future__ import annotations

import asyncio
import contextvars
from concurrent.futures import ThreadPoolExecutor

import pytest
import redis.asyncio
from reflex.istate.manager.redis import StateManagerRedis
from reflex.istate.manager.token import BaseStateToken
from reflex_base.event.context import EventContext

import monespace_app.monespace_app  # noqa: F401  every page's state, as a backend has them
from simulators.stack.redis_server import RedisServer
from state.account_form_state import AccountFormState
from state.session_state import SessionState, page_state_classes

pytestmark = pytest.mark.integration

TOKEN = "5b0d1f4e-8f2a-4c63-a1d9-2c7e9b6f4a30"


def redis_manager(client: redis.asyncio.Redis) -> StateManagerRedis:
    return StateManagerRedis(redis=client)  # type: ignore[abstract]


async def _enqueue(token: str, *events: object) -> None:
    return None


async def wipe_on_logout(redis_url: str) -> tuple[str, int]:
    """A tab whose account form held Naïma's surname: the logout's reading and resetting of the
    page states, in one event; then what Redis keeps of the form, and the reads it took."""
    client = redis.asyncio.from_url(redis_url)
    manager = redis_manager(client)
    form_token = BaseStateToken(ident=TOKEN, cls=AccountFormState)
    session_token = BaseStateToken(ident=TOKEN, cls=SessionState)
    try:
        with EventContext(token=TOKEN, state_manager=manager, enqueue_impl=_enqueue):
            async with manager.modify_state(form_token) as root:
                form = await root.get_state(AccountFormState)
                form.surname = "Mremi"
            await client.config_resetstat()
            async with manager.modify_state(session_token) as root:
                root._update_router_vars({"token": TOKEN}, {})  # as each event sets it
                session = await root.get_state(SessionState)
                await session.logout()  # type: ignore[operator]  # no cookie: the states alone
            stats = await client.info("commandstats")
            reads = int(stats.get("cmdstat_mget", {}).get("calls", 0))
            # Read back as another backend would, from Redis.
            root = await redis_manager(client).get_state(form_token)
            return (await root.get_state(AccountFormState)).surname, reads
    finally:
        await client.flushdb()
        await manager.close()  # type: ignore[no-untyped-call]
        await client.aclose()


def test_the_logout_wipes_a_page_state_kept_in_redis_in_one_read(
    redis_server: RedisServer,
) -> None:
    # A loop of its own, in a thread run in this context: Reflex finds its registry of states
    # there (Playwright's sync API may hold this thread's loop).
    with ThreadPoolExecutor(1) as thread:
        surname, reads = thread.submit(
            contextvars.copy_context().run, asyncio.run, wipe_on_logout(redis_server.url)
        ).result()
    assert surname == ""
    # The form's event, then the logout's: the session's state, then the whole tree at once.
    assert len(page_state_classes()) > 20
    assert reads <= 3, f"{reads} reads of the tab's states"
