"""The cron command that warns of a username + password about to expire for want of use, run as
a process against a migrated SQLite file: one e-mail thirty days before, none the second time."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from sqlmodel import Session, select

from foundation.db import make_engine
from foundation.models.account import Account, AccountStatus
from foundation.models.migrate import upgrade
from foundation.models.outbox import OutboxMessage
from identity.password import DORMANT_AFTER, PasswordHasherSettings, set_credentials

pytestmark = pytest.mark.integration
NOW = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
FAST = PasswordHasherSettings(time_cost=1, memory_cost_kib=8, parallelism=1)


def run_job(url: str, as_of: datetime) -> str:
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "monespace_app.jobs",
            "warn-passwords",
            "--as-of",
            as_of.isoformat(),
        ],
        env={**os.environ, "MONESPACE_DATABASE_URL": url},
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


def test_the_job_warns_once_thirty_days_before(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'monespace.db'}"
    upgrade(url)
    engine = make_engine(url)
    with Session(engine) as db:
        db.add(
            Account(
                national_number="85073003328",
                surname="Dupont",
                first_names="Marie",
                birth_date=date(1985, 7, 30),
                email="marie.dupont@example.be",
                status=AccountStatus.ACTIVE,
                created_at=NOW,
            )
        )
        set_credentials(
            db,
            national_number="85073003328",
            username="marie.d",
            password="tulipe cartable horizon",
            now=NOW,
            settings=FAST,
        )
        db.commit()
    ends = NOW + DORMANT_AFTER
    assert run_job(url, ends - timedelta(days=31)).startswith("warned 0 ")
    assert run_job(url, ends - timedelta(days=30)).startswith("warned 1 ")
    assert run_job(url, ends - timedelta(days=29)).startswith("warned 0 ")
    with Session(engine) as db:
        subjects = [m.subject for m in db.exec(select(OutboxMessage)).all()]
    assert subjects.count("Votre nom d'utilisateur et mot de passe Mon Espace vont expirer") == 1
