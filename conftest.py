"""Fixtures shared by every test folder (tests/ and e2e/)."""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest

from monespace_app.settings import PROJECT_ROOT
from simulators.pcsc.stack import PcscStack

PCSC_TEST_BASE_PORT = 36300


@pytest.fixture(scope="session")
def pcsc_stack() -> Iterator[PcscStack]:
    """One private pcscd for the whole run.

    libpcsclite reads PCSCLITE_CSOCK_NAME once per process, so every test of a run must talk to
    the same socket path: a second private stack in the same process would be unreachable.
    """
    stack = PcscStack(
        PROJECT_ROOT / "var" / "test-pcsc", private=True, base_port=PCSC_TEST_BASE_PORT
    )
    stack.start()
    previous = {name: os.environ.get(name) for name in stack.client_env}
    os.environ.update(stack.client_env)
    yield stack
    stack.stop()
    for name, value in previous.items():
        if value is None:
            os.environ.pop(name, None)
        else:
            os.environ[name] = value
