"""The demo clock: in a demo, the portal's time may run ahead of the wall clock.

A trainer shows live what happens after a day or after 30 days (the end of an account's
withdrawal period, an invitation's expiry, an assignment's last day) by moving the time forward
from the trainers' page; a tester does the same from a suite. The offset is a small JSON file in
the data folder, ``<data_dir>/demo-clock.json`` (``{"offset_seconds": 2678400}``), so that
every process reading that folder (the portal, its background jobs, the demo's simulators, a
``python -m monespace_app.jobs`` run) sees the same time; no file means no offset.

``foundation.clock.utc_now`` adds the offset only when ``MONESPACE_DEMO_MODE`` is on, and a
portal outside demo mode refuses to start while the file exists
(``monespace_app.startup_checks``).

The API (kept stable: the testers' ``demo_clock`` fixture wraps it):

- ``demo_clock_offset(data_dir) -> timedelta``
- ``set_demo_clock_offset(data_dir, offset) -> timedelta``  (0 to 10 years; 0 removes the file)
- ``advance_demo_clock(data_dir, by) -> timedelta``           (the new offset)
- ``reset_demo_clock(data_dir) -> None``                      (back to the real time)
- ``demo_clock_for(data_dir)() -> datetime``                  (real time + that folder's offset)

The trainers' page serves the same over HTTP: ``GET /api/clock``, ``POST /api/clock``.
"""

from __future__ import annotations

import json
import os
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

OFFSET_FILE_NAME = "demo-clock.json"
# Far enough for any demo (a year-long invitation, a password unused for years), near enough
# that a typo does not push the portal past its certificates' and cards' validity.
MAX_OFFSET = timedelta(days=3650)


class DemoClockError(ValueError):
    """An offset out of range, or an offset file that cannot be read."""


def offset_file(data_dir: Path) -> Path:
    return Path(data_dir) / OFFSET_FILE_NAME


@dataclass(frozen=True, slots=True)
class _Cached:
    signature: tuple[int, int, int]  # inode, mtime (ns), size: a rewrite changes one of them
    offset: timedelta


# utc_now is called many times per page event: the file is read again only when its stat
# changes (a stat costs microseconds), so a move made by another process is seen at once.
_cache: dict[Path, _Cached] = {}
_cache_lock = threading.Lock()


def _parse(text: str, path: Path) -> timedelta:
    try:
        seconds = json.loads(text)["offset_seconds"]
    except (ValueError, KeyError, TypeError) as error:
        raise DemoClockError(f"{path} is not a demo clock file: {error}") from error
    if isinstance(seconds, bool) or not isinstance(seconds, int):
        raise DemoClockError(f"{path}: offset_seconds must be a whole number of seconds")
    return _checked(timedelta(seconds=seconds))


def _checked(offset: timedelta) -> timedelta:
    if offset < timedelta(0):
        raise DemoClockError("the demo clock only moves forward from the real time")
    if offset > MAX_OFFSET:
        raise DemoClockError(f"the demo clock moves at most {MAX_OFFSET.days} days ahead")
    return timedelta(seconds=int(offset.total_seconds()))


def demo_clock_offset(data_dir: Path) -> timedelta:
    """How far ahead of the real time the demo in ``data_dir`` runs (zero without a file)."""
    path = offset_file(data_dir)
    try:
        status = path.stat()
    except FileNotFoundError:
        return timedelta(0)
    signature = (status.st_ino, status.st_mtime_ns, status.st_size)
    with _cache_lock:
        cached = _cache.get(path)
    if cached is not None and cached.signature == signature:
        return cached.offset
    try:
        offset = _parse(path.read_text(encoding="utf-8"), path)
    except FileNotFoundError:  # reset between the stat and the read
        return timedelta(0)
    with _cache_lock:
        _cache[path] = _Cached(signature, offset)
    return offset


def set_demo_clock_offset(data_dir: Path, offset: timedelta) -> timedelta:
    """Puts the demo's time ``offset`` ahead of the real time; returns the offset kept (whole
    seconds). Written to a temporary file then renamed: a reader never sees half a file."""
    offset = _checked(offset)
    path = offset_file(data_dir)
    if not offset:
        reset_demo_clock(data_dir)
        return offset
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.{threading.get_ident()}")
    temporary.write_text(
        json.dumps({"offset_seconds": int(offset.total_seconds())}) + "\n", encoding="utf-8"
    )
    temporary.replace(path)
    _forget(path)
    return offset


def advance_demo_clock(data_dir: Path, by: timedelta) -> timedelta:
    """Moves the demo's time forward by ``by``; returns the new offset."""
    return set_demo_clock_offset(data_dir, demo_clock_offset(data_dir) + by)


def reset_demo_clock(data_dir: Path) -> None:
    """Back to the real time: the file goes."""
    path = offset_file(data_dir)
    path.unlink(missing_ok=True)
    _forget(path)


def demo_clock_for(data_dir: Path) -> Callable[[], datetime]:
    """A clock for the demo's simulators (OCSP responder, phones, SMS gateway): the real time
    plus ``data_dir``'s offset, so that what they sign or date agrees with the portal's time."""

    def now() -> datetime:
        return datetime.now(UTC) + demo_clock_offset(data_dir)

    return now


def _forget(path: Path) -> None:
    with _cache_lock:
        _cache.pop(path, None)
