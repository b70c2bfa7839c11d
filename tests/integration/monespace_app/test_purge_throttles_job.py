"""The cron command that forgets throttling events out of their window, run as a process
against a migrated SQLite file."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlmodel import Session, select

from foundation.db import make_engine
from foundation.models.migrate import upgrade
from foundation.models.throttling import ThrottleSlot
from identity.throttling import DatabaseThrottleStore

pytestmark = pytest.mark.integration
NOW = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)


def test_the_job_forgets_only_what_left_its_window(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'monespace.db'}"
    upgrade(url)
    engine = make_engine(url)
    with Session(engine) as db:
        store = DatabaseThrottleStore(db)
        store.take("old", limit=5, window=timedelta(minutes=15), now=NOW)
        store.take("recent", limit=5, window=timedelta(minutes=15), now=NOW + timedelta(hours=1))
    as_of = (NOW + timedelta(hours=1, minutes=5)).isoformat()
    done = subprocess.run(
        [sys.executable, "-m", "monespace_app.jobs", "purge-throttles", "--as-of", as_of],
        env={**os.environ, "MONESPACE_DATABASE_URL": url},
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "forgot 1 throttling event(s)"
    with Session(engine) as db:
        assert [row.bucket for row in db.exec(select(ThrottleSlot)).all()] == ["recent"]
