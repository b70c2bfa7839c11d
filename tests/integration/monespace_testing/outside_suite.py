"""A tester's suite in its own folder, run by its own pytest process: only the installed
``monespace`` plugin, none of the project's conftest or configuration."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Run:
    returncode: int
    output: str


def run_suite(
    folder: Path,
    files: Mapping[str, str],
    *arguments: str,
    env: Mapping[str, str] | None = None,
    timeout: float = 300,
) -> Run:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "pytest.ini").write_text("[pytest]\n", encoding="utf-8")
    for name, text in files.items():
        (folder / name).write_text(textwrap.dedent(text), encoding="utf-8")
    environment = {
        name: value
        for name, value in os.environ.items()
        if not name.startswith(("PYTEST_", "MONESPACE_TESTING_", "MONESPACE_DEMO_"))
    }
    environment.update(env or {})
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", *arguments],
        cwd=folder,
        env=environment,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    return Run(done.returncode, done.stdout + done.stderr)
