"""Chromium for the simulators' page tests: Debian's build, no outside network (DESIGN §5)."""

from __future__ import annotations

from typing import Any

import pytest

from monespace_testing.chromium import CHROMIUM_ARGS, SYSTEM_CHROMIUM


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict[str, Any]) -> dict[str, Any]:
    return {**browser_type_launch_args, "executable_path": SYSTEM_CHROMIUM, "args": CHROMIUM_ARGS}
