"""Prints how long `make demo`'s launcher takes to serve the home page and what it costs in memory.

    .venv/bin/python bench/demo_footprint.py [--cold] [--idle SECONDS]

The launcher runs as `make demo` runs it, with everything of its own so that a demo already
running is never disturbed: a data folder in /tmp (so the start includes the migrations and the
seeds of a first run), a private pcscd, free ports for the mail, OCSP and key simulators, and the
portal on 3000 with the demo's build (.web), or on the first free port of 3290-3299 with a build
of its own (.web-<port>) when 3000 is taken.

--cold removes that frontend build first (what a fresh machine pays once the tools are
installed); without it, a build that is not there yet is made, and the figure says "cold build".
Memory is summed over the launcher and every process it started, at idle: RSS (counts shared pages
once per process, so it overstates) and PSS (shares them out, the fairer figure).
"""

from __future__ import annotations

import argparse
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from simulators.stack.portal_process import DEFAULT_PORT, web_dir_for
from simulators.stack.processes import port_is_free

ROOT = Path(__file__).resolve().parents[1]
SPARE_PORTAL_PORTS = range(3290, 3300)
# Above the test runs' readers (36300-36699) and the other benchmarks' (36700-36899).
PCSC_PORTS = range(36900, 37000, 4)
KEY_SIMULATOR_PORTS = range(
    37000, 37120, 6
)  # SMS, itsme, authenticator, trainers, BCE, back office
START_TIMEOUT = 900.0


def portal_port() -> int:
    ports: list[int] = [DEFAULT_PORT, *SPARE_PORTAL_PORTS]
    for port in ports:
        if port_is_free(port):
            return port
    raise RuntimeError(f"ports {DEFAULT_PORT} and 3290-3299 are all taken")


def free_block(bases: range, size: int) -> int:
    for base in bases:
        if all(port_is_free(port, "0.0.0.0") for port in range(base, base + size)):
            return base
    raise RuntimeError(f"no {size} free ports in a row in {bases.start}-{bases.stop - 1}")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def tree(pid: int) -> list[int]:
    out = subprocess.run(["ps", "-eo", "pid=,ppid="], capture_output=True, text=True, check=True)
    children: dict[int, list[int]] = {}
    for line in out.stdout.splitlines():
        child, parent = (int(x) for x in line.split())
        children.setdefault(parent, []).append(child)
    found, todo = [pid], [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            found.append(child)
            todo.append(child)
    return found


def memory_kib(pid: int) -> tuple[int, int]:
    rss = pss = 0
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            name, _, rest = line.partition(":")
            if name == "Rss":
                rss = int(rest.split()[0])
            elif name == "Pss":
                pss = int(rest.split()[0])
    except (FileNotFoundError, ProcessLookupError, PermissionError):
        pass
    return rss, pss


def demo_environment(work: Path, port: int) -> dict[str, str]:
    env = dict(os.environ)
    env.pop("PCSCLITE_CSOCK_NAME", None)  # the launcher's private pcscd says where it is
    env.update(
        {
            "MONESPACE_PORT": str(port),
            "MONESPACE_PUBLIC_ORIGIN": f"http://localhost:{port}",
            "MONESPACE_DATA_DIR": str(work),
            "MONESPACE_DATABASE_URL": "",
            "MONESPACE_SMTP_PORT": str(free_port()),
            "MONESPACE_DEMO_MAILBOX_PORT": str(free_port()),
            "MONESPACE_DEMO_OCSP_PORT": str(free_port()),
            "MONESPACE_DEMO_PCSC_PRIVATE": "true",
            "MONESPACE_DEMO_PCSC_BASE_PORT": str(free_block(PCSC_PORTS, 4)),
            "MONESPACE_DEMO_KEY_SIMULATORS_PORT": str(free_block(KEY_SIMULATOR_PORTS, 6)),
        }
    )
    return env


def wait_for_home_page(url: str, demo: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if demo.poll() is not None:
            raise RuntimeError(
                f"the launcher exited with {demo.returncode}:\n{log.read_text(errors='replace')}"
            )
        try:
            with urllib.request.urlopen(url, timeout=2) as page:
                if page.status == 200:
                    return
        except (urllib.error.URLError, OSError):
            pass
        time.sleep(0.1)
    raise RuntimeError(f"{url} not served after {START_TIMEOUT:.0f} s")


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--cold", action="store_true", help="remove the frontend build first")
    parser.add_argument("--idle", type=float, default=20.0, help="seconds idle before measuring")
    args = parser.parse_args()
    port = portal_port()
    if args.cold:
        shutil.rmtree(web_dir_for(port), ignore_errors=True)
    cold = not web_dir_for(port).exists()
    work = Path(tempfile.mkdtemp(prefix="monespace-bench-demo-"))
    log = work / "launcher.log"
    started = time.monotonic()
    with open(log, "wb") as output:
        demo = subprocess.Popen(
            [str(ROOT / ".venv" / "bin" / "python"), "-m", "simulators.demo"],
            cwd=ROOT,
            stdout=output,
            stderr=subprocess.STDOUT,
            env=demo_environment(work, port),
        )
    try:
        wait_for_home_page(f"http://127.0.0.1:{port}/", demo, log)
        ready = time.monotonic() - started
        time.sleep(args.idle)
        rows = []
        for pid in tree(demo.pid):
            rss, pss = memory_kib(pid)
            try:
                cmdline = Path(f"/proc/{pid}/cmdline").read_bytes()
            except FileNotFoundError:
                continue  # a short-lived child (ps) gone meanwhile
            rows.append((pid, rss, pss, cmdline.replace(b"\0", b" ").decode()[:70]))
    finally:
        demo.send_signal(signal.SIGINT)
        demo.wait(timeout=60)
        shutil.rmtree(work, ignore_errors=True)
    print(
        f"home page served after : {ready:6.1f} s ({'cold build' if cold else 'warm'}, port {port})"
    )
    for pid, rss, pss, cmd in rows:
        print(f"  {pid:>7}  RSS {rss / 1024:6.1f} MB  PSS {pss / 1024:6.1f} MB  {cmd}")
    total_rss = sum(r[1] for r in rows) / 1024
    total_pss = sum(r[2] for r in rows) / 1024
    print(
        f"memory at idle ({args.idle:.0f} s)  : RSS {total_rss:.0f} MB, PSS {total_pss:.0f} MB "
        f"over {len(rows)} processes"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
