"""Whose turn it is to run a periodic job, when every backend process runs the background loop.

A job's last start is a row of ``job_run``; a backend claims its turn with one conditional
UPDATE that moves the start to ``now`` only if the period has passed, and runs the job only if
its UPDATE changed the row. Two backends claiming at once: the second UPDATE waits for the
first to commit, then finds the start no longer due and changes nothing (PostgreSQL re-reads a
row it waited for; SQLite lets one writer at a time).

Why a row rather than a PostgreSQL advisory lock: a lock only keeps two runs from overlapping,
and each backend would still run the job at its own hour, once per backend; the row keeps the
last start where every backend sees it, so the job runs once an hour in all of them. It works
the same on SQLite (the embedded portal, the CLI) and holds no connection while the job runs.
"""

from __future__ import annotations

import os
import socket
from datetime import datetime, timedelta

from sqlalchemy import or_
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, update

from foundation.clock import require_aware
from foundation.models.job_run import JobRun

# Backends on several machines have clocks a little apart: a start this little ahead of ``now``
# is another machine's, not a clock set back (which would make the job due at once, twice).
CLOCK_SKEW = timedelta(minutes=5)


def claim_turn(db: Session, job: str, *, now: datetime, every: timedelta) -> bool:
    """True if this process is to run ``job`` now (committed: no other claim gets this turn).

    Due ``every`` after the last start, and at once when ``now`` is well before the last start
    (a demo clock set back to the real time: waiting for the clock to catch up would stop the job
    for days)."""
    require_aware(now)
    _make_row(db, job)
    started_at = col(JobRun.started_at)
    claimed = db.exec(
        update(JobRun)
        .where(
            col(JobRun.name) == job,
            or_(started_at.is_(None), started_at <= now - every, started_at > now + CLOCK_SKEW),
        )
        .values(started_at=now, started_by=f"{socket.gethostname()}:{os.getpid()}")
    )
    db.commit()
    return bool(claimed.rowcount == 1)


def _make_row(db: Session, job: str) -> None:
    """The job's row, made on first use (by whichever backend comes first)."""
    if db.get(JobRun, job) is not None:
        return
    db.add(JobRun(name=job))
    try:
        db.commit()
    except IntegrityError:  # another backend made it meanwhile
        db.rollback()
