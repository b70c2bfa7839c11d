from __future__ import annotations

import socket
from collections.abc import Iterator
from pathlib import Path

import pytest

from simulators.stack.redis_server import RedisServer


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def free_ports(count: int) -> list[int]:
    """``count`` different free ports: each socket stays bound until all are chosen, so the
    system cannot hand the same port out twice (it did, once: a demo's portal and its mailbox)."""
    sockets = [socket.socket() for _ in range(count)]
    try:
        for sock in sockets:
            sock.bind(("127.0.0.1", 0))
        return [int(sock.getsockname()[1]) for sock in sockets]
    finally:
        for sock in sockets:
            sock.close()


def free_run(length: int, *, besides: list[int]) -> int:
    """The first port of ``length`` free consecutive ports, none of them in ``besides``, below
    the system's ephemeral range: for a service that takes a base port and the ones after it."""
    for base in range(20000, 30000, length):
        run = range(base, base + length)
        if not any(port in besides for port in run) and _all_free(run):
            return base
    raise RuntimeError(f"no {length} free consecutive ports")


def _all_free(ports: range) -> bool:
    sockets: list[socket.socket] = []
    try:
        for port in ports:
            sock = socket.socket()
            sockets.append(sock)
            sock.bind(("127.0.0.1", port))
        return True
    except OSError:
        return False
    finally:
        for sock in sockets:
            sock.close()


@pytest.fixture
def unused_port() -> int:
    return free_port()


@pytest.fixture(scope="module")
def redis_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RedisServer]:
    """A real Redis of the tests' own, on a free port (Debian's redis-server)."""
    server = RedisServer(Path(tmp_path_factory.mktemp("redis")), free_port())
    server.start()
    yield server
    server.stop()
