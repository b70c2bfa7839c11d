"""One tab's keys in Redis, as Reflex names them (``<token>_<full state name>``), with what each
costs, read from a real redis-server."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from bench.load import redis_keys
from simulators.stack.processes import port_is_free
from simulators.stack.redis_server import RedisServer, RedisUnavailableError, redis_server_binary

ROOT = redis_keys.ROOT_STATE
SESSION = f"{ROOT}.state___session_state____session_state"
WIZARD = f"{SESSION}.state___roles___direct_assignment_state____direct_assignment_state"
I18N = f"{ROOT}.state___i18n_state___i18n_state"


def test_a_key_names_its_tab_and_its_state() -> None:
    assert redis_keys.token_of(f"tab-1_{SESSION}") == "tab-1"
    assert redis_keys.token_of("tab-1_lock") is None  # not a state
    assert redis_keys.TabKey(ROOT, 1, 1).short_name == "State (root)"
    assert redis_keys.TabKey(WIZARD, 1, 1).short_name == "direct_assignment_state"
    assert redis_keys.TabKey(I18N, 1, 1).short_name == "i18n_state"


def test_the_typical_tab_has_the_median_count_of_keys() -> None:
    keys = [f"a_{ROOT}"] + [f"b_{ROOT}", f"b_{SESSION}"] + [f"c_{s}" for s in (ROOT, SESSION, I18N)]
    assert redis_keys.typical_tab(keys) == "b"
    assert redis_keys.typical_tab(["something_else"]) is None


def test_the_keys_table_ends_with_the_tabs_total() -> None:
    table = redis_keys.keys_table(
        [redis_keys.TabKey(WIZARD, 3000, 2500), redis_keys.TabKey(ROOT, 2000, 1800)]
    )
    lines = table.splitlines()
    assert lines[2] == "| direct_assignment_state | 3,000 | 2,500 |"
    assert lines[-1] == "| **2 keys** | **5,000** | **4,300** |"


@pytest.fixture
def redis_server(tmp_path: Path) -> Iterator[RedisServer]:
    try:
        redis_server_binary()
    except RedisUnavailableError:
        pytest.skip("Debian's redis-server is not installed")
    port = next(p for p in range(26379, 26479) if port_is_free(p))
    server = RedisServer(tmp_path / "redis", port)
    server.start()
    try:
        yield server
    finally:
        server.stop()


def test_a_tabs_keys_are_read_heaviest_first(redis_server: RedisServer) -> None:
    client = redis_server.client()
    client.set(f"tab-1_{ROOT}", b"r" * 200)
    client.set(f"tab-1_{WIZARD}", b"w" * 3000)
    client.set(f"tab-2_{ROOT}", b"x" * 100)  # another tab
    keys = redis_keys.tab_keys(client, "tab-1")
    assert [(k.state, k.value_bytes) for k in keys] == [(WIZARD, 3000), (ROOT, 200)]
    assert all(k.memory_bytes > k.value_bytes for k in keys)  # the key and Redis's bookkeeping
    assert redis_keys.typical_tab(redis_keys.sample_keys(client)) in {"tab-1", "tab-2"}
    client.close()
