"""The PC/SC stack: a real pcscd with four vpcd readers, private to the test run."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from simulators.pcsc.stack import PcscStack

pytestmark = pytest.mark.integration


@pytest.fixture
def stack(pcsc_stack: PcscStack) -> PcscStack:
    return pcsc_stack


def _reader_names() -> list[str]:
    from smartcard.System import readers

    return sorted(str(r) for r in readers())


def test_four_virtual_readers_are_listed(stack: PcscStack) -> None:
    assert _reader_names() == [
        "Virtual PCD 1 00 00",
        "Virtual PCD 1 00 01",
        "Virtual PCD 2 00 00",
        "Virtual PCD 2 00 01",
    ]


def test_private_stack_does_not_use_the_machine_socket(stack: PcscStack) -> None:
    assert stack.socket_path.exists()
    assert Path(os.environ["PCSCLITE_CSOCK_NAME"]) == stack.socket_path
    assert not Path("/run/pcscd/pcscd.comm").exists() or stack.socket_path != Path(
        "/run/pcscd/pcscd.comm"
    )


def test_restart_brings_the_readers_back(stack: PcscStack) -> None:
    stack.restart_pcscd()
    assert len(_reader_names()) == 4


def test_stop_leaves_no_daemon_behind(tmp_path: Path) -> None:
    pcsc = PcscStack(tmp_path / "pcsc2", private=True, base_port=36160)
    pcsc.start()
    pid = int(pcsc.pid_file.read_text())
    pcsc.stop()
    with pytest.raises(ProcessLookupError):
        os.kill(pid, 0)
