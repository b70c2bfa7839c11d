"""The plugin's options: each has its environment variable, named after it."""

from __future__ import annotations

from monespace_testing import options


def test_every_option_has_its_environment_variable() -> None:
    assert options.PORTAL_URL.env == "MONESPACE_TESTING_PORTAL_URL"
    assert options.PRIVATE_SIMULATORS_PORT.env == "MONESPACE_TESTING_PRIVATE_SIMULATORS_PORT"
    assert options.STACK.flag == "--monespace-stack"
    names = [option.name for option in options.ALL]
    assert len(set(names)) == len(names)
    assert all(name.startswith("monespace-") for name in names)
