"""A tab keeps its state when the backend holding its websocket dies (several backends, Redis).

Reflex records in Redis which backend holds each tab's websocket (its token's socket record,
kept an hour). A tab whose backend was killed reconnects, through the balancer, to another one,
which finds that record and takes the tab for a second tab opened on the same token: it hands
it a new token, so the tab starts from an empty state, and its page then sends nothing until it
is reloaded (seen with Reflex 0.10.1 in e2e/test_scaled_faults.py).

Each backend here holds one Redis connection named after it for as long as it runs: the
kernel closes it the moment the process dies, SIGKILL included, so Redis's list of clients says at
once which backends are alive. A record left by a backend not in that list is the trace of a dead
one, not of another tab: it is dropped before Reflex looks, and the tab goes on with its token and
its state."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import pickle
from typing import Any

import redis.asyncio
from reflex.utils.token_manager import RedisTokenManager, SocketRecord

log = logging.getLogger("monespace.tabs")

BEACON_PREFIX = "monespace-backend-"
PING_EVERY = 5.0


def beacon_name(instance_id: str) -> str:
    return f"{BEACON_PREFIX}{instance_id}"


async def drop_record_of_dead_backend(manager: RedisTokenManager, token: str) -> bool:
    """Deletes the token's socket record when the backend that wrote it no longer holds its
    named connection to Redis; True when it did."""
    key = manager._get_redis_key(token)
    raw = await manager.redis.get(key)
    if raw is None:
        return False
    try:
        record = pickle.loads(raw)  # noqa: S301 - written by Reflex into the portal's own Redis
    except Exception:
        return False
    if not isinstance(record, SocketRecord) or record.instance_id == manager.instance_id:
        return False
    clients: list[dict[str, Any]] = await manager.redis.client_list()
    if beacon_name(record.instance_id) in {client.get("name") for client in clients}:
        return False
    await manager.redis.delete(key)
    log.info("tab %s… taken over from a backend that stopped", token[:8])
    return True


def take_over_tabs_of_dead_backends(manager: RedisTokenManager) -> None:
    """Wraps the manager's linking of a reconnecting tab (see the module's docstring)."""
    link = manager.link_token_to_sid

    async def link_token_to_sid(token: str, sid: str) -> str | None:
        with contextlib.suppress(Exception):  # Redis trouble: Reflex's own handling applies
            await drop_record_of_dead_backend(manager, token)
        return await link(token, sid)

    manager.link_token_to_sid = link_token_to_sid  # type: ignore[method-assign]


async def keep_tabs_across_backends(app: Any) -> None:
    """Lifespan task of every backend: hold its named connection (its beacon), and take over
    the tabs of dead backends."""
    manager = getattr(app.event_namespace, "_token_manager", None)
    url = os.environ.get("REFLEX_REDIS_URL")
    if not isinstance(manager, RedisTokenManager) or not url:
        return  # one process: no other backend to take tabs from
    take_over_tabs_of_dead_backends(manager)
    while True:
        instance_id = manager.instance_id
        try:
            async with redis.asyncio.from_url(
                url, client_name=beacon_name(instance_id), single_connection_client=True
            ) as beacon:
                while manager.instance_id == instance_id:
                    await beacon.ping()  # type: ignore[misc]
                    await asyncio.sleep(PING_EVERY)
        except Exception as error:
            log.warning("the backend's beacon to Redis failed: %s", error)
            await asyncio.sleep(1.0)
