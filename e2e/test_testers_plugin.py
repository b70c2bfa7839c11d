"""The testers' example suite (examples/testers_suite/), run as a tester's own repository runs
it: copied out of the project, in its own pytest process, with nothing but the installed
``monespace`` plugin, against a private stack the plugin starts (its own portal, cards,
mailbox and phones; docs/testing.md).

It needs neither this suite's portal nor its records: its portal listens on the next port
(``MONESPACE_E2E_PORT`` + 1, built once into .web-<port>), its ten simulators from
``MONESPACE_E2E_SIMULATORS_PORT`` + 12.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from e2e.conftest import E2E_PORT, E2E_SMTP_PORT
from foundation.settings import PROJECT_ROOT
from monespace_testing.chromium import SYSTEM_CHROMIUM

pytestmark = pytest.mark.e2e

EXAMPLES = PROJECT_ROOT / "examples" / "testers_suite"
PRIVATE_PORT = E2E_PORT + 1
# The e2e suite's simulators take twelve from E2E_SMTP_PORT (its Redis and eIDAS node the last).
PRIVATE_SIMULATORS_PORT = E2E_SMTP_PORT + 12
SUITE_TIMEOUT = 1500  # a first run builds the private portal's frontend


@pytest.fixture(scope="module")
def fresh_records() -> None:
    """This file starts no portal of the e2e suite (the example suite runs its own stack)."""


def test_the_example_suite_passes_against_a_private_stack(tmp_path: Path) -> None:
    suite = tmp_path / "testers-suite"
    shutil.copytree(EXAMPLES, suite, ignore=shutil.ignore_patterns("__pycache__", ".*cache"))
    # The child sees only what a tester's shell would: not this run's pcscd nor its options.
    env = {
        name: value
        for name, value in os.environ.items()
        if not name.startswith(("PCSCLITE_", "PYTEST_", "MONESPACE_TESTING_"))
    }
    run = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-p",
            "no:cacheprovider",
            "--monespace-stack=private",
            f"--monespace-private-port={PRIVATE_PORT}",
            f"--monespace-private-simulators-port={PRIVATE_SIMULATORS_PORT}",
            f"--monespace-private-data-dir={PROJECT_ROOT / 'var' / f'testers-{PRIVATE_PORT}'}",
            f"--monespace-chromium={SYSTEM_CHROMIUM}",
        ],
        cwd=suite,
        env=env,
        capture_output=True,
        text=True,
        timeout=SUITE_TIMEOUT,
        check=False,
    )
    output = run.stdout + run.stderr
    assert run.returncode == 0, output
    # Its own configuration (the copy's pytest.ini), and every example ran.
    assert f"rootdir: {suite}" in output, output
    examples = sum(f.read_text().count("\ndef test_") for f in suite.glob("test_*.py"))
    summary = re.search(r"(\d+) passed", output)
    assert summary, output
    assert int(summary.group(1)) == examples, output
