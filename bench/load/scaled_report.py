"""The tables bench/scaled_load.py prints from the generator's JSON records (``--json``): the
ramp, the soak and the logins on the scaled stack, each backend in a column of its own, and the
other processes of the machine (nginx, Redis, PostgreSQL, the generator) beside them, so a table
says what limits it."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from bench.load.report import figure, markdown_table

Record = dict[str, Any]  # one level, as report.level_record writes it

RAMP_COLUMNS = (
    "Sessions",
    "Event p50 ms",
    "p95 ms",
    "p99 ms",
    "Errors",
    "Backend CPU % (each)",
    "Backend RSS MiB (each)",
    "nginx CPU %",
    "Redis CPU %",
    "PostgreSQL CPU %",
    "Generator CPU %",
    "Machine CPU %",
    "Redis KiB/session",
    "DB conns",
    "Load (1 min)",
)
SOAK_COLUMNS = (
    "Sessions",
    "Minutes",
    "Event p50 ms",
    "p95 ms",
    "p99 ms",
    "Errors",
    "Backend RSS MiB, start → end (each)",
    "Memory slope KiB/min (each backend)",
    "Redis slope KiB/min",
    "Load (1 min)",
)
LOGINS_COLUMNS = (
    "Backends",
    "Sessions",
    "Logins/s",
    "Login p50 ms",
    "p95 ms",
    "Errors",
    "Backend CPU % (each)",
    "Backend CPU ms per login",
    "Hash-only/s (all cores)",
    "Logins / hash-only",
)


def each(values: Sequence[float | None], decimals: int = 0) -> str:
    """One figure per backend: ``48 / 51``."""
    return " / ".join(figure(v, decimals) for v in values) or "–"


def watched_cpu(level: Record, name: str) -> str:
    for tree in level.get("watched") or []:
        if tree["name"] == name:
            return figure(tree["cpu_percent"])
    return "–"


def redis_kib_per_session(level: Record) -> float | None:
    redis = level.get("redis")
    if not redis or redis.get("bytes_per_session") is None:
        return None
    return float(redis["bytes_per_session"]) / 1024


def load_end(level: Record) -> str:
    load = level.get("load_end")
    return f"{load[0]:.2f}" if load else "–"


def ramp_row(level: Record) -> list[str]:
    events, backends = level["events"], level["backends"]
    connections = level.get("db_connections_max")
    return [
        f"{level['sessions']:,}",
        figure(events["p50_ms"], 1),
        figure(events["p95_ms"], 1),
        figure(events["p99_ms"], 1),
        f"{level['errors_total']:,}",
        each([b["cpu_percent"] for b in backends]),
        each([b["rss_end_kib"] / 1024 for b in backends]),
        watched_cpu(level, "nginx"),
        watched_cpu(level, "redis"),
        watched_cpu(level, "postgres"),
        figure(level["generator_cpu_percent"]),
        figure(level["machine_cpu_percent"]),
        figure(redis_kib_per_session(level), 1),
        str(connections) if connections is not None else "–",
        load_end(level),
    ]


def ramp_table(levels: Sequence[Record]) -> str:
    return markdown_table(RAMP_COLUMNS, [ramp_row(level) for level in levels])


def soak_row(level: Record) -> list[str]:
    events, backends = level["events"], level["backends"]
    redis = level.get("redis") or {}
    rss = " / ".join(
        f"{b['rss_start_kib'] / 1024:,.0f} → {b['rss_end_kib'] / 1024:,.0f}" for b in backends
    )
    return [
        f"{level['sessions']:,}",
        figure(level["window_seconds"] / 60, 1),
        figure(events["p50_ms"], 1),
        figure(events["p95_ms"], 1),
        figure(events["p99_ms"], 1),
        f"{level['errors_total']:,}",
        rss or "–",
        " / ".join(f"{b['slope_kib_per_minute']:+,.0f}" for b in backends) or "–",
        f"{redis['slope_kib_per_minute']:+,.0f}" if redis.get("slope_kib_per_minute") else "–",
        load_end(level),
    ]


def soak_table(levels: Sequence[Record]) -> str:
    return markdown_table(SOAK_COLUMNS, [soak_row(level) for level in levels])


def all_cores_rate(hash_only: Sequence[Record]) -> Record | None:
    """The hash-only measurement with the most threads (every core)."""
    return max(hash_only, key=lambda r: r["threads"], default=None)


def backend_cpu_ms_per_login(level: Record) -> float | None:
    """The backends' CPU time over the window divided by the logins completed in it."""
    if not level["logins"]:
        return None
    cpu_seconds = sum(b["cpu_percent"] for b in level["backends"]) / 100 * level["window_seconds"]
    return float(1000 * cpu_seconds / level["logins"])


def logins_row(level: Record, hash_only: Sequence[Record]) -> list[str]:
    login = level["by_kind"].get("login") or {}
    rate = all_cores_rate(hash_only)
    ratio = level["logins_per_second"] / rate["per_second"] if rate else None
    return [
        str(len(level["backends"])),
        f"{level['sessions']:,}",
        figure(level["logins_per_second"], 2),
        figure(login.get("p50_ms")),
        figure(login.get("p95_ms")),
        f"{level['errors_total']:,}",
        each([b["cpu_percent"] for b in level["backends"]]),
        figure(backend_cpu_ms_per_login(level)),
        f"{rate['per_second']:.2f} ({rate['threads']} threads)" if rate else "–",
        f"{ratio:.0%}" if ratio is not None else "–",
    ]


def logins_table(levels: Sequence[Record], hash_only: Sequence[Record]) -> str:
    """One row per number of sessions, each against the same hash-only rate."""
    return markdown_table(LOGINS_COLUMNS, [logins_row(level, hash_only) for level in levels])


def errors_line(level: Record) -> str:
    """The kinds of errors of a level, most frequent first (empty when none)."""
    errors: dict[str, int] = level.get("errors") or {}
    return "; ".join(f"{count:,} × {kind}" for kind, count in errors.items())
