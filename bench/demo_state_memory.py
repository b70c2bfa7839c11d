"""What `make demo`'s portal keeps of past visitors: its state manager (Reflex's, in memory, each
tab's states dropped ``--expiry`` seconds after its last event; an hour in `make demo`).

    .venv/bin/python bench/demo_state_memory.py [--sessions 300] [--waves 3] [--expiry 60]

Runs the portal as `make demo` runs it (one `reflex run --env prod` process, SQLite, the
in-memory state manager) on port 3300 (or the next free one up to 3309, each port with its
frontend build, .web-<port>, made on first use, as bench/dashboard_render.py's) with its own data
folder and a short expiry, then sends waves of browser-like visitors on public pages
(`bench.load`, a click every 10 s) one after the other. After each wave it waits for the expiry
and prints the portal's memory: with an expiry, what the process holds follows the tabs of the
last ``--expiry`` seconds, not every tab since the start (Reflex's disk manager kept five files
a tab and listed them all in its purge loop). RSS of the portal and its children, in MiB.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from foundation.models.migrate import upgrade
from simulators.stack.portal_process import portal_process, web_dir_for
from simulators.stack.processes import port_is_free, wait_for_http

PORTS = range(3300, 3310)
ROOT = Path(__file__).resolve().parent.parent
PURGE_MARGIN = 5.0  # seconds after the expiry for Reflex's purge task to run


def free_port() -> int:
    for port in PORTS:
        if port_is_free(port):
            return port
    raise RuntimeError("ports 3300-3309 are all taken")


def tree_rss_mib(pid: int) -> float:
    """RSS of a process and its descendants (the granian worker runs the backend)."""
    pids, queue = [], [pid]
    while queue:
        current = queue.pop()
        pids.append(current)
        children = Path(f"/proc/{current}/task/{current}/children")
        if children.exists():
            queue.extend(int(p) for p in children.read_text().split())
    total_kib = 0
    for each in pids:
        try:
            for line in Path(f"/proc/{each}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total_kib += int(line.split()[1])
        except FileNotFoundError:
            continue
    return total_kib / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sessions", type=int, default=300, help="visitors of each wave")
    parser.add_argument("--waves", type=int, default=3)
    parser.add_argument("--duration", type=float, default=30, help="measured seconds a wave")
    parser.add_argument("--expiry", type=int, default=60, help="seconds a tab's states live")
    args = parser.parse_args()
    port = free_port()
    work = Path(tempfile.mkdtemp(prefix="monespace-bench-demo-memory-"))
    url = f"sqlite:///{work / 'monespace.db'}"
    upgrade(url)
    portal = portal_process(
        port=port,
        web_dir=web_dir_for(port),
        pid_dir=work,
        log_path=work / "portal.log",
        overrides={
            "MONESPACE_DATA_DIR": str(work),
            "MONESPACE_DATABASE_URL": url,
            # Reflex's name for the expiry of every state manager's tabs, Redis's or not.
            "REFLEX_REDIS_TOKEN_EXPIRATION": str(args.expiry),
        },
    )
    portal.start()
    rows = []
    try:
        wait_for_http(f"http://127.0.0.1:{port}/", timeout=900, process=portal)
        assert portal.popen is not None
        pid = portal.popen.pid
        time.sleep(5)
        started = tree_rss_mib(pid)
        print(f"portal on {port}, pid {pid}: {started:.1f} MiB at idle before any visitor")
        for wave in range(1, args.waves + 1):
            before = tree_rss_mib(pid)
            subprocess.run(
                [
                    sys.executable,
                    "-m",
                    "bench.load",
                    "--url",
                    f"http://localhost:{port}",
                    "--sessions",
                    str(args.sessions),
                    "--duration",
                    str(args.duration),
                    "--backend-pattern",
                    f"granian.*{port}|reflex run",
                ],
                cwd=ROOT,
                check=True,
                stdout=subprocess.DEVNULL,
            )
            closed = tree_rss_mib(pid)
            time.sleep(args.expiry + PURGE_MARGIN)
            expired = tree_rss_mib(pid)
            rows.append((wave, before, closed, expired))
            print(
                f"wave {wave}: {before:.1f} MiB before, {closed:.1f} MiB once its "
                f"{args.sessions} tabs closed, {expired:.1f} MiB after the expiry"
            )
    finally:
        portal.stop()
        shutil.rmtree(work, ignore_errors=True)
    print()
    print(f"| Wave | Sessions | RSS before MiB | Tabs closed MiB | After {args.expiry} s MiB |")
    print("|---:|---:|---:|---:|---:|")
    for wave, before, closed, expired in rows:
        print(f"| {wave} | {args.sessions} | {before:.1f} | {closed:.1f} | {expired:.1f} |")
    growth = rows[-1][3] - rows[0][3] if len(rows) > 1 else 0.0
    print(f"after the last wave's expiry, {growth:+.1f} MiB against the first's")


if __name__ == "__main__":
    main()
