"""Fixtures shared by every test folder (tests/ and e2e/)."""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest

from foundation.settings import PROJECT_ROOT
from simulators.pcsc.stack import PcscStack
from simulators.stack.processes import port_is_free

# Readers of test runs sit above the demo's (35963-35966); each run takes four free ports.
PCSC_TEST_PORTS = range(36300, 36700, 4)


def _free_reader_ports() -> int:
    for base in PCSC_TEST_PORTS:
        if all(port_is_free(port, "0.0.0.0") for port in range(base, base + 4)):  # noqa: S104
            return base
    raise RuntimeError("no four free ports for the virtual readers in 36300-36699")


@pytest.fixture(scope="session")
def pcsc_stack() -> Iterator[PcscStack]:
    """One private pcscd for the whole run.

    libpcsclite reads PCSCLITE_CSOCK_NAME once per process, so every test of a run must talk to
    the same socket path: a second private stack in the same process would be unreachable.
    Each run has its own folder and ports, so two runs (or a run and a demo) never meet.
    """
    base_port = _free_reader_ports()
    stack = PcscStack(
        PROJECT_ROOT / "var" / f"test-pcsc-{base_port}", private=True, base_port=base_port
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
