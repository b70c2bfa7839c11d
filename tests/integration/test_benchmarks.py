"""The benchmarks of the README's "Benchmarks" table run as a tester runs them, with tiny rounds.

Each runs as its own process, as `.venv/bin/python bench/<name>.py` does, with this run's
environment: PCSCLITE_CSOCK_NAME may point at the test run's pcscd (and a demo may serve
/run/pcscd), and a benchmark must still start and use a private stack of its own. Those that
run the portal (dashboard_render, demo_footprint, demo_state_memory) build its frontend when the
build is not there yet, as `make demo` does: a few tens of seconds once, then a warm start.
"""

from __future__ import annotations

import re
import subprocess
import sys
from dataclasses import dataclass

import pytest

from foundation.settings import PROJECT_ROOT

pytestmark = pytest.mark.integration

BENCH = PROJECT_ROOT / "bench"
README = PROJECT_ROOT / "README.md"
MS = r"\d+(\.\d+)? ms"
TIMING = rf"median +{MS} +p95 +{MS}"
P50_P95 = r"\d+\.\d +\d+\.\d"  # the p50 ms and p95 ms columns


@dataclass(frozen=True)
class Benchmark:
    script: str
    tiny: tuple[str, ...]
    figures: tuple[str, ...]  # a line each, as the bench prints it
    timeout: float = 180.0

    def __str__(self) -> str:
        return self.script


BENCHMARKS = (
    Benchmark(
        "demo_footprint.py",
        ("--idle", "0"),
        (
            r"home page served after : +\d+\.\d s \((warm|cold build), port \d+\)",
            r"pcscd --foreground",
            r"memory at idle \(0 s\) +: RSS \d+ MB, PSS \d+ MB over \d+ processes",
        ),
        timeout=900.0,
    ),
    Benchmark(
        "eid_card.py",
        ("--rounds", "2", "--apdus", "10", "--without-quickack"),
        (
            rf"APDU round trip \(10\): +{TIMING}",
            rf"identity\+certs\+PIN\+sign \(2\): +{TIMING}",
            rf"read_all, signatures checked \(10\): +{TIMING}",
            rf"without TCP_QUICKACK, APDU round trip \(20\): +{TIMING}",
        ),
    ),
    Benchmark(
        "eid_validation.py",
        ("--runs", "3"),
        (
            rf"ES384, OCSP over loopback HTTP +{TIMING} +\(3 runs\)",
            rf"RS256, no revocation check +{TIMING} +\(3 runs\)",
        ),
    ),
    Benchmark(
        "eid_login.py",
        ("--rounds", "2"),
        (rf"applet 1\.7 \(RSA-2048\) +{TIMING}", rf"applet 1\.8 \(ECDSA P-384\) +{TIMING}"),
    ),
    Benchmark(
        "dossiers.py",
        ("--rounds", "2", "--others", "10"),
        (
            rf"open_dossier \(summary, 5 files, history, offers\) +{P50_P95}",
            rf"card \(PC/SC: pcscd, vpcd, virtual card\), \d+ calls +{P50_P95}",
            rf"server side \(whole minus card\) +{P50_P95}",
        ),
    ),
    Benchmark(
        "receipt_signing.py",
        ("--rounds", "2"),
        (
            r"applet 1\.7 \(RSA-2048\)",
            r"applet 1\.8 \(ECDSA P-384\)",
            rf"sign_dossier_receipt, whole \(2\): +{TIMING}",
            rf"pyHanko validation: +{TIMING}",
        ),
    ),
    Benchmark(
        "dashboard_render.py",
        ("--rounds", "1"),
        (r"dashboard, navigation to counters on screen \(1 loads\): +median +\d+ ms +p95 +\d+ ms",),
        timeout=900.0,
    ),
    Benchmark(
        "demo_state_memory.py",
        ("--sessions", "3", "--waves", "2", "--duration", "3", "--expiry", "2"),
        (
            r"wave 2: \d+\.\d MiB before, \d+\.\d MiB once its 3 tabs closed, \d+\.\d MiB after",
            r"\| 2 \| 3 \| \d+\.\d \| \d+\.\d \| \d+\.\d \|",
            r"after the last wave's expiry, [+-]\d+\.\d MiB against the first's",
        ),
        timeout=900.0,
    ),
    Benchmark(
        "password_totp_login.py",
        ("--logins", "4", "--persons", "2", "--rounds", "1"),
        (
            r"argon2id verify alone +\d+\.\d /s +\d+\.\d /s",
            r"password \+ TOTP logins +\d+\.\d /s +\d+\.\d /s",
            r"login rate / verify-only rate +\d+\.\d % +\d+\.\d %",
        ),
    ),
    Benchmark(
        "fuzz_inputs.py",
        ("--inputs", "3000"),
        (
            r"total (2,9|3,0)\d\d inputs in \d+\.\d s \([\d,]+ inputs/s, 1 worker\), 0 crashes, "
            r"\d+ refusal kinds",
            r"eid\.reader_session +\d+",
            r"forms\.save_dossier +\d+",
        ),
    ),
    Benchmark(
        "scaled_load.py",
        (
            "--ramp",
            "5",
            "--duration",
            "5",
            "--think",
            "1",
            "--pause",
            "1",
            "--logins-sessions",
            "2",
            "--logins-duration",
            "5",
            "--accounts",
            "4",
            "--soak",
            "0.1",
            "--soak-sessions",
            "5",
        ),
        (
            r"\| 5 \| \d+\.\d \| \d+\.\d \| \d+\.\d \| 0 \| \d+ / \d+ \|",  # the ramp
            r"\| \*\*\d+ keys\*\* \| \*\*[\d,]+\*\* \|",  # one tab in Redis
            r"\| 2 \| 2 \| \d+\.\d\d \| \d+ \| \d+ \| \d+ \|.* \| \d+% \|",  # logins
            r"\| 5 \| 0\.1 \| [\d.]+ \| [\d.]+ \| [\d.]+ \| \d+ \| \d+ → \d+ / \d+ → \d+ \|",
        ),
        timeout=900.0,
    ),
    Benchmark(
        "role_assignments.py",
        ("--rounds", "2", "--assignments", "60", "--people", "12"),
        (
            r"overview page 1, by user +p50 +\d+\.\d ms +p95 +\d+\.\d ms",
            r"export of 60 rows \(CSV\) +p50 +\d+\.\d ms",
        ),
    ),
)


def _readme_commands() -> list[str]:
    """The commands of the README's Benchmarks table, e.g. "bench/demo_footprint.py [--cold]"."""
    section = README.read_text(encoding="utf-8").split("\n## Benchmarks\n", 1)[1]
    section = section.split("\n## ", 1)[0]
    return re.findall(r"^\| `(bench/[^`]+)`", section, flags=re.MULTILINE)


def test_the_readme_lists_every_benchmark_and_only_those() -> None:
    listed = {command.split()[0].removeprefix("bench/") for command in _readme_commands()}
    # Not benchmarks: the package marker and the helpers they share.
    on_disk = {path.name for path in BENCH.glob("*.py")} - {"__init__.py", "common.py"}
    assert listed == on_disk
    assert {benchmark.script for benchmark in BENCHMARKS} == on_disk


def test_every_option_the_readme_names_is_one_the_benchmark_takes() -> None:
    for command in _readme_commands():
        script, *words = command.split()
        usage = subprocess.run(
            [sys.executable, str(PROJECT_ROOT / script), "--help"],
            capture_output=True,
            text=True,
            timeout=60,
            check=True,
        ).stdout
        for option in re.findall(r"--[a-z-]+", " ".join(words)):
            assert option in usage, f"{script} takes no {option}"


@pytest.mark.parametrize("benchmark", BENCHMARKS, ids=str)
def test_the_benchmark_runs_and_prints_its_figures(benchmark: Benchmark) -> None:
    result = subprocess.run(
        [sys.executable, str(BENCH / benchmark.script), *benchmark.tiny],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        timeout=benchmark.timeout,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    for figure in benchmark.figures:
        assert re.search(figure, result.stdout), f"no {figure!r} in:\n{result.stdout}"
