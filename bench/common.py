"""What the benchmarks share: free ports for a private stack's virtual readers, timing rounds,
and the median / p95 line they print."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable

from simulators.stack.processes import port_is_free


def free_base_port(ports: range) -> int:
    """The first of four free ports (a vpcd reader pair, twice) among ``ports``."""
    for base in ports:
        if all(port_is_free(port, "0.0.0.0") for port in range(base, base + 4)):
            return base
    raise RuntimeError(f"no four free ports in {ports.start}-{ports.stop - 1} for virtual readers")


def timed(action: Callable[[], object], rounds: int) -> list[float]:
    samples = []
    for _ in range(rounds):
        started = time.perf_counter()
        action()
        samples.append(time.perf_counter() - started)
    return samples


def percentiles(samples: list[float], *, decimals: int = 1, width: int = 7) -> str:
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    median = statistics.median(ordered) * 1000
    return f"median {median:{width}.{decimals}f} ms   p95 {p95 * 1000:{width}.{decimals}f} ms"
