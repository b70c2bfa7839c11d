"""The administrators' command ends sessions in the portal's own database (ASVS 7.4.5): run as a
process, as an administrator would, against a SQLite file."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

import pytest
from sqlmodel import Session

from foundation.clock import utc_now
from foundation.db import make_engine
from foundation.models.migrate import alembic_config
from identity.assurance import LevelOfAssurance
from identity.sessions import LoginIdentity, current_session, open_session, redeem_ticket

pytestmark = pytest.mark.integration
NAIMA = LoginIdentity("85010112345", "Mremi", "Naïma", date(1985, 1, 1))
MAROUAN = LoginIdentity("83041204706", "Chaoui", "Marouan", date(1983, 4, 12))


def _command(url: str, *arguments: str) -> subprocess.CompletedProcess[str]:
    environment = {**os.environ, "MONESPACE_DATABASE_URL": url}
    return subprocess.run(
        [sys.executable, "-m", "monespace_app.sessions_admin", *arguments],
        env=environment,
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )


def _logged_in(db: Session, who: LoginIdentity) -> str:
    now = utc_now()
    _, ticket = open_session(
        db,
        identity=who,
        key_kind="eid",
        level=LevelOfAssurance.HIGH,
        now=now,
        browser_binding="b" * 64,
    )
    db.commit()
    row = redeem_ticket(db, ticket, browser_binding="b" * 64, now=now)
    assert row is not None
    db.commit()
    return row.id


def _live(db: Session, session_id: str) -> bool:
    db.expire_all()
    return current_session(db, session_id, now=utc_now() + timedelta(seconds=1)) is not None


def test_ending_one_persons_sessions_then_everyones(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'monespace.db'}"
    from alembic import command

    command.upgrade(alembic_config(url), "head")
    with Session(make_engine(url)) as db:
        naima_home, naima_work, marouan = (
            _logged_in(db, NAIMA),
            _logged_in(db, NAIMA),
            _logged_in(db, MAROUAN),
        )

        ended = _command(url, "end", "--person", NAIMA.national_number)
        assert ended.returncode == 0, ended.stderr
        assert "2 session(s) ended" in ended.stdout
        assert not _live(db, naima_home)
        assert not _live(db, naima_work)
        assert _live(db, marouan)

        everyone = _command(url, "end", "--everyone")
        assert "1 session(s) ended" in everyone.stdout
        assert not _live(db, marouan)


def test_a_national_number_that_is_not_one_is_refused(tmp_path: Path) -> None:
    refused = _command(f"sqlite:///{tmp_path / 'x.db'}", "end", "--person", "8504")
    assert refused.returncode == 2
    assert "a national number is 11 digits" in refused.stderr
