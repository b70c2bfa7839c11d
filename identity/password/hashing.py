"""Argon2id password hashing, with its cost in one place, and a bound on hashes at once.

The default follows OWASP's advice for argon2id (3 passes over 64 MiB, one lane); Keycloak's
sizing guide uses 5 passes over 7 MiB, which the benchmarks measure too, and which a deployment
may choose (``password_hash_cost``).

Each hash holds its memory cost while it runs: a flood of logins would hold 64 MiB per request.
``hashing_place`` lets ``password_hashes_at_once`` hashes run together (settings; 4 by default,
256 MiB) and makes the others wait at most ``password_hash_wait_seconds``, then refuses them
with ``ServiceBusyError`` ("service busy, try again") instead of queueing without end.
"""

from __future__ import annotations

import asyncio
import secrets
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache

from argon2 import PasswordHasher, Type

from foundation.settings import get_settings
from identity.throttling.errors import ServiceBusyError


@dataclass(frozen=True, slots=True)
class PasswordHasherSettings:
    time_cost: int = 3
    memory_cost_kib: int = 64 * 1024
    parallelism: int = 1
    hash_len: int = 32
    salt_len: int = 16


OWASP_HASHER_SETTINGS = PasswordHasherSettings()
KEYCLOAK_HASHER_SETTINGS = PasswordHasherSettings(time_cost=5, memory_cost_kib=7 * 1024)
HASHER_COSTS = {"owasp": OWASP_HASHER_SETTINGS, "keycloak": KEYCLOAK_HASHER_SETTINGS}
# The portal's cost (MONESPACE_PASSWORD_HASH_COST), read once: every hash of a run the same.
DEFAULT_HASHER_SETTINGS = HASHER_COSTS[get_settings().password_hash_cost]


@cache
def password_hasher(settings: PasswordHasherSettings = DEFAULT_HASHER_SETTINGS) -> PasswordHasher:
    return PasswordHasher(
        time_cost=settings.time_cost,
        memory_cost=settings.memory_cost_kib,
        parallelism=settings.parallelism,
        hash_len=settings.hash_len,
        salt_len=settings.salt_len,
        type=Type.ID,
    )


@cache
def dummy_hash(settings: PasswordHasherSettings = DEFAULT_HASHER_SETTINGS) -> str:
    """A hash of nobody's password, verified for unknown usernames so they cost the same time."""
    with hashing_place():
        return password_hasher(settings).hash(secrets.token_urlsafe(24))


class HashingGate:
    """At most ``places`` hashes at once in this process; a caller waits ``wait_seconds``."""

    def __init__(self, places: int, wait_seconds: float) -> None:
        self.places = places
        self.wait_seconds = wait_seconds
        self._free = threading.BoundedSemaphore(places)

    @contextmanager
    def place(self) -> Iterator[None]:
        # A caller on an event loop's thread (a page handler that hashes without a worker
        # thread) must not stall every other page while it waits: it gets a place at once or none.
        wait = 0.0 if _on_event_loop() else self.wait_seconds
        if not self._free.acquire(timeout=wait):
            raise ServiceBusyError(f"no hashing place within {wait} s")
        try:
            yield
        finally:
            self._free.release()


def _on_event_loop() -> bool:
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return False
    return True


# One gate per sizing, made under a lock: ``cache`` alone lets two threads that miss at once
# each make a gate, and the process then allowed twice its hashes (seen as a flaky test).
_gates: dict[tuple[int, float], HashingGate] = {}
_gates_lock = threading.Lock()


@cache
def hashing_gate() -> HashingGate:
    settings = get_settings()
    sizing = (settings.password_hashes_at_once, settings.password_hash_wait_seconds)
    with _gates_lock:
        if sizing not in _gates:
            _gates[sizing] = HashingGate(*sizing)
        return _gates[sizing]


@contextmanager
def hashing_place(gate: HashingGate | None = None) -> Iterator[None]:
    """Wraps one argon2 hash or verification (``ServiceBusyError`` when none is free in time)."""
    with (gate or hashing_gate()).place():
        yield
