"""How many password verifications this machine does per second with the portal's own hasher
(``identity.password``'s argon2id parameters), on one thread and on every core: the ceiling a
login through the websocket can be compared with (argon2-cffi releases the GIL, so threads use
the cores)."""

from __future__ import annotations

import os
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

from identity.password import DEFAULT_HASHER_SETTINGS, KEYCLOAK_HASHER_SETTINGS
from identity.password.hashing import PasswordHasherSettings, password_hasher

PASSWORD = "Un mot de passe de charge, 2026"


@dataclass(frozen=True, slots=True)
class HashRate:
    label: str
    settings: PasswordHasherSettings
    threads: int
    per_second: float  # of wall clock: what the machine gave, other work on it included
    per_cpu_second: float  # of CPU time: the hash's own cost, whatever else runs


def verify_rate(
    settings: PasswordHasherSettings, *, threads: int, seconds: float
) -> tuple[float, float]:
    """Verifications per second of wall clock and per CPU second, ``threads`` verifying at
    once."""
    hasher = password_hasher(settings)
    stored = hasher.hash(PASSWORD)
    hasher.verify(stored, PASSWORD)  # warm: the first allocation of the memory cost
    done = [0] * threads
    start = threading.Barrier(threads + 1)

    def work(slot: int, until: list[float]) -> None:
        start.wait()
        while time.perf_counter() < until[0]:
            hasher.verify(stored, PASSWORD)
            done[slot] += 1

    until = [0.0]
    with ThreadPoolExecutor(max_workers=threads) as pool:
        futures = [pool.submit(work, slot, until) for slot in range(threads)]
        until[0] = time.perf_counter() + seconds
        began, cpu = time.perf_counter(), time.process_time()
        start.wait()
        for future in futures:
            future.result()
        elapsed, cpu_used = time.perf_counter() - began, time.process_time() - cpu
    return sum(done) / elapsed, sum(done) / cpu_used if cpu_used > 0 else 0.0


PORTAL = ("portal (identity.password)", DEFAULT_HASHER_SETTINGS)
KEYCLOAK = ("Keycloak's sizing guide", KEYCLOAK_HASHER_SETTINGS)


def hash_rates(
    seconds: float = 5.0,
    threads: int | None = None,
    costs: tuple[tuple[str, PasswordHasherSettings], ...] = (PORTAL, KEYCLOAK),
) -> list[HashRate]:
    """Each cost on one thread and on ``threads`` (every core by default)."""
    cores = threads or os.cpu_count() or 1
    rates = []
    for label, settings in costs:
        for count in dict.fromkeys((1, cores)):
            wall, cpu = verify_rate(settings, threads=count, seconds=seconds)
            rates.append(HashRate(label, settings, count, wall, cpu))
    return rates


def describe(rate: HashRate) -> str:
    s = rate.settings
    return (
        f"{rate.label:<28} argon2id t={s.time_cost} m={s.memory_cost_kib // 1024} MiB "
        f"p={s.parallelism}, {rate.threads} thread(s): {rate.per_second:7.1f} verifications/s "
        f"({rate.per_cpu_second:.1f} per CPU second)"
    )
