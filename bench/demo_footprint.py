"""Prints how long `make demo`'s launcher takes to serve the home page and what it costs in memory.

    .venv/bin/python bench/demo_footprint.py [--cold] [--idle SECONDS]

--cold removes the frontend build first (what a fresh machine pays once the tools are installed).
Memory is summed over the launcher and every process it started, at idle: RSS (counts shared pages
once per process, so it overstates) and PSS (shares them out, the fairer figure).
"""

from __future__ import annotations

import argparse
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from simulators.stack.portal_process import web_dir_for
from simulators.stack.processes import wait_for_http

ROOT = Path(__file__).resolve().parents[1]
PORT = 3000


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


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--cold", action="store_true")
    parser.add_argument("--idle", type=float, default=20.0)
    args = parser.parse_args()
    if args.cold:
        shutil.rmtree(web_dir_for(PORT), ignore_errors=True)
    started = time.monotonic()
    demo = subprocess.Popen(
        [str(ROOT / ".venv" / "bin" / "python"), "-m", "simulators.demo"],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.STDOUT,
        env=dict(os.environ),
    )
    try:
        wait_for_http(f"http://127.0.0.1:{PORT}/", timeout=900)
        ready = time.monotonic() - started
        time.sleep(args.idle)
        rows = []
        for pid in tree(demo.pid):
            rss, pss = memory_kib(pid)
            cmd = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()[:70]
            rows.append((pid, rss, pss, cmd))
    finally:
        demo.send_signal(signal.SIGINT)
        demo.wait(timeout=60)
    print(f"home page served after : {ready:6.1f} s ({'cold build' if args.cold else 'warm'})")
    for pid, rss, pss, cmd in rows:
        print(f"  {pid:>7}  RSS {rss / 1024:6.1f} MB  PSS {pss / 1024:6.1f} MB  {cmd}")
    total_rss = sum(r[1] for r in rows) / 1024
    total_pss = sum(r[2] for r in rows) / 1024
    print(
        f"memory at idle ({args.idle:.0f} s)  : RSS {total_rss:.0f} MB, PSS {total_pss:.0f} MB "
        f"over {len(rows)} processes"
    )


if __name__ == "__main__":
    main()
