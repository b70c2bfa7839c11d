"""The hourly jobs with two backends on one PostgreSQL database: whichever claims the turn runs
them, the other does not, and a person is warned of a password about to expire once."""

from __future__ import annotations

import threading
from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from foundation.models.account import Account, AccountStatus
from foundation.models.outbox import OutboxMessage
from identity.password import DORMANT_AFTER, PasswordHasherSettings, set_credentials
from monespace_app.jobs import HourlyReport, run_hourly_jobs_if_our_turn
from tests.integration.postgres.racing import at_once

pytestmark = pytest.mark.integration

NOW = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
FAST = PasswordHasherSettings(time_cost=1, memory_cost_kib=8, parallelism=1)
WARNING = "Votre nom d'utilisateur et mot de passe Mon Espace vont expirer"


def a_password_unused_for_two_years(engine: Engine) -> datetime:
    """Marie's username + password, set at NOW; returns when it expires for want of use."""
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
    return NOW + DORMANT_AFTER


def both_backends_at(backends: list[Engine], now: datetime) -> list[HourlyReport]:
    def run(index: int, barrier: threading.Barrier) -> HourlyReport | None:
        barrier.wait()
        return run_hourly_jobs_if_our_turn(now, bind=backends[index])

    outcomes = at_once(run, runners=len(backends))
    assert outcomes.errors == []
    return [report for report in outcomes.results if report is not None]


def warnings_queued(engine: Engine) -> int:
    with Session(engine) as db:
        subjects = db.exec(select(OutboxMessage.subject)).all()
    return subjects.count(WARNING)


def test_two_backends_at_the_hour_run_the_jobs_once(
    postgres_engine: Engine, backends: list[Engine]
) -> None:
    warn_at = a_password_unused_for_two_years(postgres_engine) - timedelta(days=30)

    ran = both_backends_at(backends, warn_at)

    assert len(ran) == 1
    assert ran[0].warned_passwords == 1
    assert warnings_queued(postgres_engine) == 1
    # Within the hour, neither runs them again; an hour later, one does (and warns nobody twice).
    assert both_backends_at(backends, warn_at + timedelta(minutes=59)) == []
    again = both_backends_at(backends, warn_at + timedelta(hours=1))
    assert [report.warned_passwords for report in again] == [0]
    assert warnings_queued(postgres_engine) == 1
