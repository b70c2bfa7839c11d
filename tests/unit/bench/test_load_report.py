"""The ramp's Markdown table (the README's), and one level's figures in it."""

from __future__ import annotations

import json
from collections import Counter

from bench.load.probes import RedisSample
from bench.load.report import level_record, markdown_table, ramp_table, table_row
from bench.load.runner import BackendFigures, LevelResult, TreeFigures
from bench.load.stats import Spread


def level(sessions: int, *, errors: int = 0, redis: bool = True) -> LevelResult:
    return LevelResult(
        sessions=sessions,
        live_sessions=sessions,
        window_seconds=60.0,
        events=Spread(3000, 12.34, 45.6, 98.7, 120.0),
        by_kind={},
        errors=Counter({"timeout: navigate": errors}) if errors else Counter(),
        logins_per_second=1.5,
        backends=[
            BackendFigures(101, "backend a", cpu_percent=60.4, rss_end_kib=200 * 1024),
            BackendFigures(102, "backend b", cpu_percent=55.2, rss_end_kib=210 * 1024),
        ],
        machine_cpu_percent=83.0,
        generator_cpu_percent=30.0,
        redis_before=RedisSample(1_000_000, 10) if redis else None,
        redis_idle=RedisSample(1_000_000 + sessions * 4096, 10 + sessions * 5) if redis else None,
        db_connections_max=12,
    )


def test_markdown_table_aligns_numbers_right() -> None:
    table = markdown_table(("Sessions", "p95 ms"), [["100", "21.0"], ["1,000", "310.5"]])
    assert table.splitlines() == [
        "| Sessions | p95 ms |",
        "|---|---:|",
        "| 100 | 21.0 |",
        "| 1,000 | 310.5 |",
    ]


def test_a_levels_row_sums_the_backends_and_divides_redis_by_the_sessions() -> None:
    row = table_row(level(1000, errors=3))
    assert row == [
        "1,000",
        "12.3",
        "45.6",
        "98.7",
        "3",
        "1.50",
        "116",  # 60.4 + 55.2 % of a core: both cores in use
        "83",
        "410",  # MiB
        "4.0",  # KiB of Redis per idle session
        "12",
        "30",
    ]


def test_figures_not_measured_show_as_a_dash() -> None:
    row = table_row(level(100, redis=False))
    assert row[9] == "–"


def test_the_ramp_table_has_one_row_per_level_in_order() -> None:
    lines = ramp_table([level(100), level(200), level(500), level(1000)]).splitlines()
    assert len(lines) == 6
    assert [line.split("|")[1].strip() for line in lines[2:]] == ["100", "200", "500", "1,000"]


def test_a_levels_json_record_holds_every_figure_and_no_nan() -> None:
    result = level(500, errors=2)
    result.watched = [TreeFigures("nginx", 77, cpu_percent=12.5, rss_end_kib=2048, members=2)]
    result.load_start, result.load_end = (0.5, 0.4, 0.3), (1.9, 0.8, 0.4)
    result.by_kind = {"navigate": Spread.of([]), "check": Spread.of([0.010, 0.020])}
    record = json.loads(json.dumps(level_record(result), allow_nan=False))
    assert record["sessions"] == 500
    assert record["events"]["p95_ms"] == 45.6
    assert record["by_kind"]["navigate"]["p50_ms"] is None  # no samples: null, not NaN
    assert record["errors"] == {"timeout: navigate": 2}
    assert record["errors_total"] == 2
    assert record["logins"] == 90  # 1.5/s over 60 s
    assert [b["cpu_percent"] for b in record["backends"]] == [60.4, 55.2]
    assert record["watched"] == [
        {"name": "nginx", "cpu_percent": 12.5, "rss_kib": 2048, "processes": 2}
    ]
    assert record["redis"]["bytes_per_session"] == 4096
    assert record["load_end"] == [1.9, 0.8, 0.4]


def test_a_level_without_redis_has_no_redis_record() -> None:
    assert level_record(level(100, redis=False))["redis"] is None
