"""The server side of a run, read from outside the servers: each backend process's CPU time and
resident memory (``/proc``), Redis's memory and keys (``INFO``, ``DBSIZE``) and PostgreSQL's
connections (``pg_stat_activity``)."""

from __future__ import annotations

import os
import re
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

PROC = Path("/proc")
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")
PAGE_KIB = os.sysconf("SC_PAGE_SIZE") // 1024


@dataclass(frozen=True, slots=True)
class ProcessSample:
    pid: int
    at: float  # time.monotonic()
    cpu_seconds: float  # user + system, since the process started
    rss_kib: int


def read_process(pid: int, proc: Path = PROC) -> ProcessSample | None:
    """None when the process is gone."""
    try:
        stat = (proc / str(pid) / "stat").read_text()
        statm = (proc / str(pid) / "statm").read_text()
    except (FileNotFoundError, ProcessLookupError):
        return None
    # The command name (field 2) may hold spaces and parentheses: split after its last ')'.
    fields = stat[stat.rindex(")") + 2 :].split()
    utime, stime = int(fields[11]), int(fields[12])
    return ProcessSample(
        pid, time.monotonic(), (utime + stime) / CLOCK_TICKS, int(statm.split()[1]) * PAGE_KIB
    )


@dataclass(frozen=True, slots=True)
class TreeSample:
    """A process and its descendants (nginx's workers, PostgreSQL's connections) at one moment."""

    root: int
    at: float
    cpu_seconds: float  # the live members' own time and that of the children they reaped
    rss_kib: int
    members: int


def _stat_fields(pid: int, proc: Path) -> list[str] | None:
    try:
        stat = (proc / str(pid) / "stat").read_text()
    except (FileNotFoundError, ProcessLookupError):
        return None
    # The command name (field 2) may hold spaces and parentheses: split after its last ')'.
    return stat[stat.rindex(")") + 2 :].split()


def read_tree(root: int, proc: Path = PROC) -> TreeSample | None:
    """``root`` and every live descendant. A member that exits between two samples moves its
    time into its parent's reaped-children fields, so the sum stays continuous; None when the
    root is gone."""
    parents: dict[int, list[int]] = {}
    for entry in proc.iterdir():
        if entry.name.isdigit() and (fields := _stat_fields(int(entry.name), proc)):
            parents.setdefault(int(fields[1]), []).append(int(entry.name))
    at = time.monotonic()
    cpu_ticks, rss_pages, members = 0, 0, 0
    todo = [root]
    while todo:
        pid = todo.pop()
        fields = _stat_fields(pid, proc)
        if fields is None:
            if pid == root:
                return None
            continue
        utime, stime, cutime, cstime = (int(v) for v in fields[11:15])
        cpu_ticks += utime + stime + cutime + cstime
        rss_pages += int(fields[21])
        members += 1
        todo += parents.get(pid, [])
    return TreeSample(root, at, cpu_ticks / CLOCK_TICKS, rss_pages * PAGE_KIB, members)


def tree_cpu_percent(first: TreeSample, last: TreeSample) -> float:
    """Of one core, as ``cpu_percent``."""
    elapsed = last.at - first.at
    return 100 * (last.cpu_seconds - first.cpu_seconds) / elapsed if elapsed > 0 else 0.0


def load_average(proc: Path = PROC) -> tuple[float, float, float]:
    """The machine's 1-, 5- and 15-minute load averages (``/proc/loadavg``)."""
    one, five, fifteen = (proc / "loadavg").read_text().split()[:3]
    return float(one), float(five), float(fifteen)


def cpu_percent(first: ProcessSample, last: ProcessSample) -> float:
    """Of one core: 100 is one core busy all the time."""
    elapsed = last.at - first.at
    return 100 * (last.cpu_seconds - first.cpu_seconds) / elapsed if elapsed > 0 else 0.0


def command_line(pid: int, proc: Path = PROC) -> str:
    try:
        raw = (proc / str(pid) / "cmdline").read_bytes()
    except (FileNotFoundError, ProcessLookupError):
        return ""
    return raw.replace(b"\0", b" ").decode(errors="replace").strip()


def ancestors(pid: int, proc: Path = PROC) -> set[int]:
    """``pid`` and its parent, grandparent… up to init."""
    chain = set()
    while pid > 1 and pid not in chain:
        chain.add(pid)
        try:
            stat = (proc / str(pid) / "stat").read_text()
        except OSError:
            break
        pid = int(stat[stat.rindex(")") + 2 :].split()[1])
    return chain


def find_processes(pattern: str, proc: Path = PROC) -> list[int]:
    """Pids whose command line matches ``pattern`` (a regular expression), this process and
    its ancestors excepted (the commands that started the run may carry the pattern)."""
    regex = re.compile(pattern)
    mine = ancestors(os.getpid(), proc)
    found = []
    for entry in proc.iterdir():
        if entry.name.isdigit() and int(entry.name) not in mine:
            line = command_line(int(entry.name), proc)
            if line and regex.search(line):
                found.append(int(entry.name))
    return sorted(found)


@dataclass(frozen=True, slots=True)
class RedisSample:
    used_memory: int  # bytes
    keys: int


def read_redis(url: str) -> RedisSample:
    import redis

    client = redis.Redis.from_url(url)
    try:
        info: dict[str, Any] = client.info("memory")  # type: ignore[assignment]
        keys = int(client.dbsize())  # type: ignore[arg-type]
    finally:
        client.close()
    return RedisSample(int(info["used_memory"]), keys)


def postgres_connections(url: str) -> int:
    """Connections to the URL's database, the one asking included."""
    import psycopg

    with psycopg.connect(_libpq_url(url)) as connection:
        row = connection.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
        ).fetchone()
    return int(row[0]) if row else 0


def _libpq_url(url: str) -> str:
    """A SQLAlchemy URL (``postgresql+psycopg://``) as libpq reads it."""
    scheme, sep, rest = url.partition("://")
    return f"postgresql://{rest}" if sep and scheme.startswith("postgresql") else url


def listeners_on(port: int, proc: Path = PROC) -> list[int]:
    """Pids holding a listening TCP socket on ``port`` (a single portal: its server and worker
    processes, which share the socket)."""
    inodes = set()
    for table in ("tcp", "tcp6"):
        try:
            lines = (proc / "net" / table).read_text().splitlines()[1:]
        except FileNotFoundError:
            continue
        for line in lines:
            fields = line.split()
            local, state, inode = fields[1], fields[3], fields[9]
            if state == "0A" and int(local.rsplit(":", 1)[1], 16) == port:  # 0A: LISTEN
                inodes.add(f"socket:[{inode}]")
    pids = []
    for entry in proc.iterdir():
        if not entry.name.isdigit():
            continue
        try:
            links = {os.readlink(fd) for fd in (entry / "fd").iterdir()}
        except OSError:  # gone meanwhile, or not ours to read
            continue
        if links & inodes:
            pids.append(int(entry.name))
    return sorted(pids)


@dataclass(frozen=True, slots=True)
class MachineSample:
    busy: int  # clock ticks, all cores
    total: int


def read_machine(proc: Path = PROC) -> MachineSample:
    fields = [int(v) for v in (proc / "stat").read_text().splitlines()[0].split()[1:]]
    idle = fields[3] + fields[4]  # idle + iowait
    return MachineSample(sum(fields) - idle, sum(fields))


def machine_busy_percent(first: MachineSample, last: MachineSample) -> float:
    """Of all cores together: 100 is every core busy."""
    total = last.total - first.total
    return 100 * (last.busy - first.busy) / total if total > 0 else 0.0
