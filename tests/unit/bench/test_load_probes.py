"""CPU and memory of a backend read from /proc: a process's CPU time and RSS, and the machine's
busy share of all cores."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from bench.load import probes

# A granian worker as the kernel writes it (command name with a space and parentheses).
STAT = (
    "4242 (python3 (w)) S 4200 4242 4200 0 -1 4194560 51875 0 0 0 "
    "1250 250 0 0 20 0 5 0 8214 1229066240 74780 18446744073709551615 1 1 0 0 0 0 0 "
    "16781312 16386 0 0 0 17 1 0 0 0 0 0"
)


def fake_proc(tmp_path: Path, stat: str = STAT, rss_pages: int = 74780) -> Path:
    (tmp_path / "4242").mkdir()
    (tmp_path / "4242" / "stat").write_text(stat)
    (tmp_path / "4242" / "statm").write_text(f"300065 {rss_pages} 6000 1 0 80000 0\n")
    (tmp_path / "4242" / "cmdline").write_bytes(b"python\0-m\0monespace_app.serve_backend\0")
    return tmp_path


def test_a_process_reads_as_cpu_seconds_and_resident_kib(tmp_path: Path) -> None:
    sample = probes.read_process(4242, fake_proc(tmp_path))
    assert sample is not None
    assert sample.cpu_seconds == pytest.approx((1250 + 250) / probes.CLOCK_TICKS)
    assert sample.rss_kib == 74780 * os.sysconf("SC_PAGE_SIZE") // 1024
    assert probes.read_process(4343, tmp_path) is None  # gone
    assert probes.command_line(4242, tmp_path) == "python -m monespace_app.serve_backend"
    assert probes.find_processes(r"serve_backend", tmp_path) == [4242]


def test_cpu_percent_is_of_one_core() -> None:
    first = probes.ProcessSample(1, at=100.0, cpu_seconds=10.0, rss_kib=0)
    busy = probes.ProcessSample(1, at=110.0, cpu_seconds=19.0, rss_kib=0)
    assert probes.cpu_percent(first, busy) == pytest.approx(90.0)
    assert probes.cpu_percent(first, first) == 0.0


def test_the_machine_share_counts_iowait_as_idle(tmp_path: Path) -> None:
    (tmp_path / "stat").write_text("cpu  100 0 100 700 100 0 0 0 0 0\ncpu0 1 2 3 4 5 6 7\n")
    first = probes.read_machine(tmp_path)
    (tmp_path / "stat").write_text("cpu  250 0 150 800 100 0 0 0 0 0\n")
    last = probes.read_machine(tmp_path)
    assert probes.machine_busy_percent(first, last) == pytest.approx(200 / 300 * 100)


def test_this_process_is_read_from_the_real_proc() -> None:
    sample = probes.read_process(os.getpid())
    assert sample is not None
    assert sample.rss_kib > 1024


def test_the_command_that_started_the_run_is_not_taken_for_a_backend(tmp_path: Path) -> None:
    proc = fake_proc(tmp_path)  # 4242, child of 4200
    (tmp_path / "4200").mkdir()
    (tmp_path / "4200" / "stat").write_text("4200 (timeout) S 1 4200 4200 0 -1 0 0 0 0 0 0 0")
    assert probes.ancestors(4242, proc) == {4242, 4200}


def _stat(pid: int, ppid: int, *, utime: int, stime: int, reaped: int, rss: int) -> str:
    """A /proc/<pid>/stat line: utime, stime, cutime (what reaped children used) and rss."""
    return (
        f"{pid} (nginx: worker) S {ppid} {pid} {pid} 0 -1 0 0 0 0 0 "
        f"{utime} {stime} {reaped} 0 20 0 1 0 100 1000 {rss} 0"
    )


def test_a_tree_counts_its_root_its_descendants_and_what_they_reaped(tmp_path: Path) -> None:
    tree = {
        500: _stat(500, 1, utime=100, stime=0, reaped=50, rss=1000),  # the master
        501: _stat(501, 500, utime=300, stime=100, reaped=0, rss=2000),  # a worker
        502: _stat(502, 501, utime=10, stime=0, reaped=0, rss=10),  # a worker's child
        600: _stat(600, 1, utime=9999, stime=0, reaped=0, rss=9999),  # someone else
    }
    for pid, line in tree.items():
        (tmp_path / str(pid)).mkdir()
        (tmp_path / str(pid) / "stat").write_text(line)
    sample = probes.read_tree(500, tmp_path)
    assert sample is not None
    assert sample.members == 3
    assert sample.cpu_seconds == pytest.approx((100 + 50 + 300 + 100 + 10) / probes.CLOCK_TICKS)
    assert sample.rss_kib == 3010 * probes.PAGE_KIB
    assert probes.read_tree(700, tmp_path) is None  # gone


def test_a_tree_busy_for_half_the_time_is_half_a_core() -> None:
    first = probes.TreeSample(1, at=10.0, cpu_seconds=4.0, rss_kib=0, members=2)
    last = probes.TreeSample(1, at=30.0, cpu_seconds=14.0, rss_kib=0, members=2)
    assert probes.tree_cpu_percent(first, last) == pytest.approx(50.0)


def test_a_real_process_tree_holds_this_process_and_its_child() -> None:
    child = subprocess.Popen(["sleep", "30"])
    try:
        sample = probes.read_tree(os.getpid())
        assert sample is not None
        assert sample.members >= 2
        assert sample.rss_kib > 1024
    finally:
        child.kill()
        child.wait()


def test_the_load_average_is_the_machines_three_figures(tmp_path: Path) -> None:
    (tmp_path / "loadavg").write_text("1.52 0.98 0.40 3/512 4242\n")
    assert probes.load_average(tmp_path) == (1.52, 0.98, 0.40)
    assert len(probes.load_average()) == 3
