"""The figures of a run as text: one block per level, and the ramp's Markdown table."""

from __future__ import annotations

import math
from collections.abc import Sequence

from bench.load.runner import LevelResult
from bench.load.stats import Spread, slope_per_minute

TABLE_COLUMNS = (
    "Sessions",
    "Event p50 ms",
    "p95 ms",
    "p99 ms",
    "Errors",
    "Logins/s",
    "Backend CPU %",
    "Machine CPU %",
    "Backend RSS MiB",
    "Redis KiB/session",
    "DB conns",
    "Generator CPU %",
)


def figure(value: float | None, decimals: int = 0) -> str:
    if value is None or math.isnan(value):
        return "–"
    return f"{value:,.{decimals}f}"


def table_row(result: LevelResult) -> list[str]:
    per_session = result.redis_bytes_per_session
    return [
        f"{result.sessions:,}",
        figure(result.events.p50_ms, 1),
        figure(result.events.p95_ms, 1),
        figure(result.events.p99_ms, 1),
        f"{sum(result.errors.values()):,}",
        figure(result.logins_per_second, 2),
        figure(result.backend_cpu_percent) if result.backends else "–",
        figure(result.machine_cpu_percent),
        figure(result.backend_rss_kib / 1024) if result.backends else "–",
        figure(per_session / 1024 if per_session is not None else None, 1),
        str(result.db_connections_max) if result.db_connections_max is not None else "–",
        figure(result.generator_cpu_percent),
    ]


def markdown_table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    """A GitHub Markdown table, numbers right-aligned (every column but the first)."""
    lines = ["| " + " | ".join(header) + " |"]
    lines.append("|" + "|".join(["---"] + ["---:"] * (len(header) - 1)) + "|")
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines)


def ramp_table(results: Sequence[LevelResult]) -> str:
    return markdown_table(TABLE_COLUMNS, [table_row(r) for r in results])


def _spread_line(label: str, spread: Spread) -> str:
    return (
        f"  {label:<16} n={spread.count:<7,} p50 {figure(spread.p50_ms, 1):>7} ms   "
        f"p95 {figure(spread.p95_ms, 1):>7} ms   p99 {figure(spread.p99_ms, 1):>7} ms   "
        f"max {figure(spread.max_ms, 1):>7} ms"
    )


def level_report(result: LevelResult, *, soak: bool = False) -> str:
    lines = [
        f"{result.sessions:,} sessions ({result.live_sessions:,} connected at the end), "
        f"{result.window_seconds:.0f} s measured",
        _spread_line("events (headline)", result.events),
    ]
    lines += [_spread_line(kind, spread) for kind, spread in result.by_kind.items()]
    errors = sum(result.errors.values())
    lines.append(f"  errors           {errors:,}")
    lines += [f"    {count:>6,} × {kind}" for kind, count in result.errors.most_common()]
    lines.append(f"  logins           {result.logins_per_second:.2f}/s")
    lines.append(
        f"  machine CPU      {result.machine_cpu_percent:.0f} % of all cores; "
        f"this generator {result.generator_cpu_percent:.0f} % of one core"
    )
    for backend in result.backends:
        lines.append(
            f"  backend {backend.pid:<7} CPU {backend.cpu_percent:5.0f} %   RSS "
            f"{backend.rss_before_kib / 1024:.1f} → {backend.rss_end_kib / 1024:.1f} MiB "
            f"({_per_session(backend.rss_end_kib - backend.rss_before_kib, result)} KiB/session), "
            f"{backend.rss_after_kib / 1024:.1f} MiB after they left   {backend.command}"
        )
        if soak:
            lines.append(
                f"    memory slope {backend.slope_kib_per_minute:+.1f} KiB/min "
                f"over {len(backend.series)} samples"
            )
    for tree in result.watched:
        lines.append(
            f"  {tree.name:<16} CPU {tree.cpu_percent:5.0f} %   "
            f"RSS {tree.rss_end_kib / 1024:.1f} MiB ({tree.members} processes)"
        )
    if result.load_start is not None and result.load_end is not None:
        lines.append(
            f"  load average     {result.load_start[0]:.2f} as the window began, "
            f"{result.load_end[0]:.2f} at its end"
        )
    if result.redis_idle is not None and result.redis_before is not None:
        per = result.redis_bytes_per_session
        left = result.redis_bytes_left_per_session
        after = result.redis_after
        lines.append(
            f"  redis            {result.redis_before.used_memory / 2**20:.1f} → "
            f"{result.redis_idle.used_memory / 2**20:.1f} MiB, "
            f"{figure(per / 1024 if per is not None else None, 1)} KiB per idle session; "
            f"keys {result.redis_before.keys:,} → {result.redis_idle.keys:,}"
            + (
                f"; {figure(left / 1024 if left is not None else None, 1)} KiB/session and "
                f"{after.keys:,} keys left after they closed"
                if after is not None
                else ""
            )
        )
        if soak:
            lines.append(f"    memory slope {slope_per_minute(result.redis_series):+.1f} KiB/min")
    if result.db_connections_max is not None:
        lines.append(f"  database         {result.db_connections_max} connections at most")
    return "\n".join(lines)


def _per_session(kib: int, result: LevelResult) -> str:
    return f"{kib / result.sessions:+.0f}" if result.sessions else "–"


def _number(value: float | None) -> float | None:
    """JSON has no NaN: a figure not measured is null."""
    return None if value is None or math.isnan(value) else round(value, 3)


def _spread_record(spread: Spread) -> dict[str, float | int | None]:
    return {
        "count": spread.count,
        "p50_ms": _number(spread.p50_ms),
        "p95_ms": _number(spread.p95_ms),
        "p99_ms": _number(spread.p99_ms),
        "max_ms": _number(spread.max_ms),
    }


def level_record(result: LevelResult) -> dict[str, object]:
    """One level's figures as plain JSON values (``--json``), for a script that runs the
    generator in a process of its own and prints its own tables (bench/scaled_load.py)."""
    redis: dict[str, object] | None = None
    if result.redis_before is not None and result.redis_idle is not None:
        redis = {
            "before_bytes": result.redis_before.used_memory,
            "idle_bytes": result.redis_idle.used_memory,
            "after_bytes": result.redis_after.used_memory if result.redis_after else None,
            "keys_before": result.redis_before.keys,
            "keys_idle": result.redis_idle.keys,
            "keys_after": result.redis_after.keys if result.redis_after else None,
            "bytes_per_session": _number(result.redis_bytes_per_session),
            "bytes_left_per_session": _number(result.redis_bytes_left_per_session),
            "slope_kib_per_minute": _number(slope_per_minute(result.redis_series)),
        }
    return {
        "sessions": result.sessions,
        "live_sessions": result.live_sessions,
        "window_seconds": _number(result.window_seconds),
        "events": _spread_record(result.events),
        "by_kind": {kind: _spread_record(s) for kind, s in result.by_kind.items()},
        "errors": dict(result.errors.most_common()),
        "errors_total": sum(result.errors.values()),
        "logins": round(result.logins_per_second * result.window_seconds),
        "logins_per_second": _number(result.logins_per_second),
        "machine_cpu_percent": _number(result.machine_cpu_percent),
        "generator_cpu_percent": _number(result.generator_cpu_percent),
        "backends": [
            {
                "pid": b.pid,
                "cpu_percent": _number(b.cpu_percent),
                "rss_before_kib": b.rss_before_kib,
                "rss_start_kib": b.rss_start_kib,
                "rss_end_kib": b.rss_end_kib,
                "rss_after_kib": b.rss_after_kib,
                "slope_kib_per_minute": _number(b.slope_kib_per_minute),
                "samples": len(b.series),
            }
            for b in result.backends
        ],
        "watched": [
            {
                "name": t.name,
                "cpu_percent": _number(t.cpu_percent),
                "rss_kib": t.rss_end_kib,
                "processes": t.members,
            }
            for t in result.watched
        ],
        "redis": redis,
        "db_connections_max": result.db_connections_max,
        "load_start": list(result.load_start) if result.load_start else None,
        "load_end": list(result.load_end) if result.load_end else None,
    }
