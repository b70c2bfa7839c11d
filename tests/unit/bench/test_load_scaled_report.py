"""The scaled stack's tables (bench/scaled_load.py), read from the generator's JSON records: each
backend in its column, the machine's other processes beside them, the login rate against the
hash-only rate of every core."""

from __future__ import annotations

from typing import Any

from bench.load import scaled_report


def level(sessions: int = 1000, **changes: Any) -> dict[str, Any]:
    record: dict[str, Any] = {
        "sessions": sessions,
        "window_seconds": 600.0,
        "events": {"count": 9000, "p50_ms": 12.34, "p95_ms": 88.0, "p99_ms": 140.5},
        "by_kind": {"login": {"count": 300, "p50_ms": 420.4, "p95_ms": 980.6}},
        "errors": {},
        "errors_total": 0,
        "logins": 0,
        "logins_per_second": 0.0,
        "machine_cpu_percent": 97.2,
        "generator_cpu_percent": 41.0,
        "backends": [
            {
                "pid": 11,
                "cpu_percent": 71.6,
                "rss_start_kib": 200 * 1024,
                "rss_end_kib": 230 * 1024,
                "slope_kib_per_minute": 12.4,
            },
            {
                "pid": 12,
                "cpu_percent": 64.0,
                "rss_start_kib": 210 * 1024,
                "rss_end_kib": 205 * 1024,
                "slope_kib_per_minute": -3.0,
            },
        ],
        "watched": [
            {"name": "nginx", "cpu_percent": 6.4, "rss_kib": 1, "processes": 2},
            {"name": "redis", "cpu_percent": 3.0, "rss_kib": 1, "processes": 1},
            {"name": "postgres", "cpu_percent": 1.2, "rss_kib": 1, "processes": 9},
        ],
        "redis": {"bytes_per_session": 44 * 1024, "slope_kib_per_minute": 0.4},
        "db_connections_max": 6,
        "load_end": [2.41, 1.8, 1.2],
    }
    record.update(changes)
    return record


def test_a_ramp_row_shows_each_backend_and_the_other_processes() -> None:
    assert scaled_report.ramp_row(level()) == [
        "1,000",
        "12.3",
        "88.0",
        "140.5",
        "0",
        "72 / 64",  # CPU % of one core, each backend
        "230 / 205",  # MiB at the end of the window
        "6",
        "3",
        "1",
        "41",
        "97",
        "44.0",
        "6",
        "2.41",
    ]


def test_figures_not_measured_are_dashes() -> None:
    row = scaled_report.ramp_row(level(watched=[], redis=None, db_connections_max=None))
    assert row[7:10] == ["–", "–", "–"]
    assert row[12:14] == ["–", "–"]


def test_the_ramp_table_has_a_row_per_level_in_order() -> None:
    lines = scaled_report.ramp_table([level(100), level(1000)]).splitlines()
    assert lines[0].startswith("| Sessions | Event p50 ms | p95 ms | p99 ms | Errors |")
    assert [line.split("|")[1].strip() for line in lines[2:]] == ["100", "1,000"]


def test_the_logins_row_compares_with_the_hash_only_rate_of_every_core() -> None:
    logins = level(12, logins=3000, logins_per_second=5.0)
    hash_only = [
        {"threads": 1, "per_second": 6.2, "per_cpu_second": 6.2},
        {"threads": 2, "per_second": 10.0, "per_cpu_second": 5.9},
    ]
    row = scaled_report.logins_row(logins, hash_only)
    assert row[:6] == ["2", "12", "5.00", "420", "981", "0"]
    # (71.6 + 64.0) % of a core over 600 s is 813.6 CPU seconds, for 3,000 logins.
    assert row[7] == "271"
    assert row[8:] == ["10.00 (2 threads)", "50%"]


def test_no_logins_no_cost_per_login() -> None:
    assert scaled_report.backend_cpu_ms_per_login(level(logins=0)) is None
    assert scaled_report.logins_row(level(logins=0), [])[7:] == ["–", "–", "–"]


def test_the_soak_row_gives_each_backends_memory_and_slope() -> None:
    row = scaled_report.soak_row(level(500))
    assert row[:2] == ["500", "10.0"]
    assert row[6:9] == ["200 → 230 / 210 → 205", "+12 / -3", "+0"]


def test_the_errors_line_names_each_kind() -> None:
    errors = {"timeout: navigate": 1200, "disconnected": 3}
    assert scaled_report.errors_line(level(errors=errors)) == (
        "1,200 × timeout: navigate; 3 × disconnected"
    )
    assert scaled_report.errors_line(level()) == ""


def test_several_numbers_of_logins_sessions_are_one_row_each_against_the_same_rate() -> None:
    hash_only = [{"threads": 2, "per_second": 100.0, "per_cpu_second": 50.0}]
    levels = [level(n, logins=n * 100, logins_per_second=float(n) * 2) for n in (8, 12, 24)]
    lines = scaled_report.logins_table(levels, hash_only).splitlines()
    rows = [line.split(" | ") for line in lines[2:]]
    assert [(row[1], row[-1]) for row in rows] == [
        ("8", "16% |"),
        ("12", "24% |"),
        ("24", "48% |"),
    ]
