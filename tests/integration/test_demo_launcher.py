"""`make demo`'s launcher: everything comes up, and one Ctrl-C stops every process it started."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from foundation.settings import PROJECT_ROOT
from simulators.stack.processes import port_is_free, wait_for_http
from tests.integration.conftest import free_ports, free_run

pytestmark = pytest.mark.integration


def _descendants(pid: int) -> set[int]:
    out = subprocess.run(["ps", "-eo", "pid=,ppid="], capture_output=True, text=True, check=True)
    children: dict[int, list[int]] = {}
    for line in out.stdout.splitlines():
        child, parent = (int(x) for x in line.split())
        children.setdefault(parent, []).append(child)
    found: set[int] = set()
    stack = [pid]
    while stack:
        for child in children.get(stack.pop(), []):
            found.add(child)
            stack.append(child)
    return found


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    # A zombie is dead for our purpose.
    state = Path(f"/proc/{pid}/stat")
    return state.exists() and state.read_text().split()[2] != "Z"


def _command_line(pid: int) -> bytes:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes()
    except FileNotFoundError:
        return b""


def _environment(pid: int) -> list[bytes]:
    try:
        return Path(f"/proc/{pid}/environ").read_bytes().split(b"\0")
    except FileNotFoundError:
        return []


def test_demo_starts_everything_and_ctrl_c_stops_it_all(tmp_path: Path) -> None:
    # Free ports, so that two runs of the suite on one machine never read each other's demo.
    demo_port, smtp_port, mailbox_port, ocsp_port = free_ports(4)
    # The key simulators take six ports from their base on.
    key_simulators_port = free_run(6, besides=[demo_port, smtp_port, mailbox_port, ocsp_port])
    env = {
        **os.environ,
        "MONESPACE_PORT": str(demo_port),
        "MONESPACE_PUBLIC_ORIGIN": f"http://localhost:{demo_port}",
        "MONESPACE_DATA_DIR": str(tmp_path),
        "MONESPACE_SMTP_PORT": str(smtp_port),
        "MONESPACE_DEMO_MAILBOX_PORT": str(mailbox_port),
        "MONESPACE_DEMO_PCSC_PRIVATE": "true",
        "MONESPACE_DEMO_PCSC_BASE_PORT": "36400",
        "MONESPACE_DEMO_OCSP_PORT": str(ocsp_port),
        "MONESPACE_DEMO_KEY_SIMULATORS_PORT": str(key_simulators_port),
    }
    env.pop("PCSCLITE_CSOCK_NAME", None)
    demo = subprocess.Popen(
        [sys.executable, "-m", "simulators.demo"],
        cwd=PROJECT_ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        wait_for_http(f"http://127.0.0.1:{demo_port}/", timeout=600)
        with urllib.request.urlopen(f"http://127.0.0.1:{demo_port}/", timeout=5) as page:
            assert "Guichet électronique" in page.read().decode()
        wait_for_http(f"http://127.0.0.1:{mailbox_port}/", timeout=10)
        assert (tmp_path / "monespace.db").exists()
        assert (tmp_path / "run" / "pcsc" / "pcscd" / "pcscd.comm").exists()
        children = _descendants(demo.pid)
        assert len(children) >= 2  # pcscd and the portal, at least
        # The portal reads the cards of this demo's private pcscd, not of a demo on /run/pcscd.
        socket_path = tmp_path / "run" / "pcsc" / "pcscd" / "pcscd.comm"
        assert any(
            f"PCSCLITE_CSOCK_NAME={socket_path}".encode() in _environment(pid)
            for pid in children
            if b"reflex" in _command_line(pid)
        )
        # A trainer's reset from a second terminal: the demo's own process reads Naïma's card
        # and signs her dossiers through its private pcscd (docs/trainers.md).
        reset = subprocess.run(
            [sys.executable, "-m", "simulators.demo", "reset", "--scenario", "dossiers"],
            cwd=PROJECT_ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
        assert reset.returncode == 0, reset.stderr
        assert "La démo est dans l'état « Dossiers »" in reset.stdout
    finally:
        demo.send_signal(signal.SIGINT)
        output, _ = demo.communicate(timeout=60)
    assert demo.returncode == 0, output
    assert "Mon Espace est prêt" in output
    assert "Mon Espace est arrêté." in output
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and any(_alive(pid) for pid in children):
        time.sleep(0.2)
    assert [pid for pid in children if _alive(pid)] == []
    assert port_is_free(demo_port)
    assert port_is_free(smtp_port)
