"""The demo clock: an offset in the data folder that utc_now adds in demo mode only, read by
every process, forward only and bounded; outside demo mode the file changes nothing."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from foundation.clock import utc_now
from foundation.demo_clock import (
    MAX_OFFSET,
    DemoClockError,
    advance_demo_clock,
    demo_clock_for,
    demo_clock_offset,
    offset_file,
    reset_demo_clock,
    set_demo_clock_offset,
)
from foundation.settings import get_settings

DAY = timedelta(days=1)


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    monkeypatch.setenv("MONESPACE_DATA_DIR", str(tmp_path))
    get_settings.cache_clear()
    yield tmp_path
    get_settings.cache_clear()


def demo_mode(monkeypatch: pytest.MonkeyPatch, on: bool) -> None:
    monkeypatch.setenv("MONESPACE_DEMO_MODE", "true" if on else "false")
    get_settings.cache_clear()


def close_to(moment: datetime, expected: datetime) -> bool:
    return abs(moment - expected) < timedelta(seconds=5)


def test_no_file_no_offset(data_dir: Path) -> None:
    assert demo_clock_offset(data_dir) == timedelta(0)
    assert not offset_file(data_dir).exists()


def test_the_offset_moves_forward_and_back_to_the_real_time(data_dir: Path) -> None:
    assert advance_demo_clock(data_dir, DAY) == DAY
    assert advance_demo_clock(data_dir, 30 * DAY) == 31 * DAY
    assert demo_clock_offset(data_dir) == 31 * DAY
    assert json.loads(offset_file(data_dir).read_text()) == {"offset_seconds": 31 * 86400}
    reset_demo_clock(data_dir)
    assert demo_clock_offset(data_dir) == timedelta(0)
    assert not offset_file(data_dir).exists()
    reset_demo_clock(data_dir)  # twice is fine


def test_setting_zero_removes_the_file(data_dir: Path) -> None:
    set_demo_clock_offset(data_dir, DAY)
    assert set_demo_clock_offset(data_dir, timedelta(0)) == timedelta(0)
    assert not offset_file(data_dir).exists()


def test_whole_seconds_are_kept(data_dir: Path) -> None:
    assert set_demo_clock_offset(data_dir, timedelta(seconds=90, microseconds=700)) == (
        timedelta(seconds=90)
    )


@pytest.mark.parametrize("offset", [timedelta(seconds=-1), MAX_OFFSET + timedelta(seconds=1)])
def test_the_clock_never_goes_back_nor_too_far(data_dir: Path, offset: timedelta) -> None:
    set_demo_clock_offset(data_dir, DAY)
    with pytest.raises(DemoClockError):
        set_demo_clock_offset(data_dir, offset)
    assert demo_clock_offset(data_dir) == DAY  # nothing lost


def test_a_move_made_by_another_process_is_seen_at_once(data_dir: Path) -> None:
    """The cache follows the file's stat: another process's rename is read on the next call."""
    set_demo_clock_offset(data_dir, DAY)
    assert demo_clock_offset(data_dir) == DAY
    other = data_dir / "written-elsewhere.json"
    other.write_text(json.dumps({"offset_seconds": 3 * 86400}))
    os.replace(other, offset_file(data_dir))
    assert demo_clock_offset(data_dir) == 3 * DAY
    offset_file(data_dir).unlink()
    assert demo_clock_offset(data_dir) == timedelta(0)


@pytest.mark.parametrize(
    "content",
    [
        "not json",
        "{}",
        '{"offset_seconds": "10"}',
        '{"offset_seconds": true}',
        "[1]",
        '{"offset_seconds": -5}',
    ],
)
def test_a_malformed_file_is_an_error_not_a_silent_zero(data_dir: Path, content: str) -> None:
    offset_file(data_dir).write_text(content)
    with pytest.raises(DemoClockError):
        demo_clock_offset(data_dir)


def test_utc_now_follows_the_offset_in_demo_mode(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    demo_mode(monkeypatch, True)
    set_demo_clock_offset(data_dir, 31 * DAY)
    assert close_to(utc_now(), datetime.now(UTC) + 31 * DAY)
    reset_demo_clock(data_dir)
    assert close_to(utc_now(), datetime.now(UTC))


def test_outside_demo_mode_utc_now_is_the_real_time(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    demo_mode(monkeypatch, False)
    set_demo_clock_offset(data_dir, 31 * DAY)
    assert close_to(utc_now(), datetime.now(UTC))
    # Not even a malformed file is read.
    offset_file(data_dir).write_text("not json")
    assert close_to(utc_now(), datetime.now(UTC))


def test_the_simulators_clock_follows_its_folder(tmp_path: Path) -> None:
    clock = demo_clock_for(tmp_path)
    assert close_to(clock(), datetime.now(UTC))
    advance_demo_clock(tmp_path, 30 * DAY)
    assert close_to(clock(), datetime.now(UTC) + 30 * DAY)
