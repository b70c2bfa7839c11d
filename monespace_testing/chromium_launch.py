"""Registered by the plugin only with ``--monespace-chromium``, after pytest-playwright: its
browser launch arguments are then this module's (a conftest's own override still comes last)."""

from __future__ import annotations

from typing import Any

import pytest

from monespace_testing import options
from monespace_testing.chromium import CHROMIUM_ARGS


@pytest.fixture(scope="session")
def browser_type_launch_args(
    browser_type_launch_args: dict[str, Any], pytestconfig: pytest.Config
) -> dict[str, Any]:
    """Playwright's Chromium taken from the given executable (where Playwright cannot download
    its own), kept off the internet: a suite against a local demo needs none."""
    return {
        **browser_type_launch_args,
        "executable_path": options.value(pytestconfig, options.CHROMIUM),
        "args": [*browser_type_launch_args.get("args", []), *CHROMIUM_ARGS],
    }
