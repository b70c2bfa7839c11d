"""Assignments past their end date stop on their own (the hourly job)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from sqlmodel import Session, select

from foundation.clock import BRUSSELS
from foundation.models.companies import AssignmentStatus, RoleAssignment
from portal.companies.expiry import stop_ended_assignments
from portal.companies.history import history_of
from tests.unit.portal.companies.conftest import (
    CHLOE,
    NAIMA,
    NOW,
    TEST_COMPANY,
    FakeRegister,
    mails_to,
    make_gap,
)

LAST_DAY = date(2026, 3, 10)


@pytest.fixture(autouse=True)
def _company(db: Session, register: FakeRegister) -> None:
    make_gap(db, register, gap=CHLOE)


def assignment(
    db: Session, *, status: AssignmentStatus = AssignmentStatus.ACTIVE, ends_on: date | None
) -> int:
    row = RoleAssignment(
        company_number=TEST_COMPANY,
        role_code="monespace.writer",
        national_number=NAIMA.national_number,
        surname=NAIMA.surname,
        first_names=NAIMA.first_names,
        email=NAIMA.email,
        starts_on=date(2026, 3, 2),
        ends_on=ends_on,
        status=status,
        requested_at=NOW,
    )
    db.add(row)
    db.commit()
    assert row.id is not None
    return row.id


def status_of(db: Session, assignment_id: int) -> str:
    return db.exec(select(RoleAssignment.status).where(RoleAssignment.id == assignment_id)).one()


def brussels(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=BRUSSELS).astimezone(UTC)


def test_assignment_holds_through_its_last_day_in_brussels(db: Session) -> None:
    held = assignment(db, ends_on=LAST_DAY)
    assert stop_ended_assignments(db, brussels(LAST_DAY, 23, 59)) == 0
    assert status_of(db, held) == AssignmentStatus.ACTIVE


def test_assignment_expires_the_day_after_with_an_automatic_history_line(db: Session) -> None:
    ended = assignment(db, ends_on=LAST_DAY)
    # 00:30 in Brussels is still the last day in UTC: the Belgian calendar decides.
    at = brussels(LAST_DAY + timedelta(days=1), 0, 30)
    assert stop_ended_assignments(db, at) == 1
    assert status_of(db, ended) == AssignmentStatus.EXPIRED
    [line] = history_of(db, ended)
    assert (line.action, line.actor_name, line.actor_national_number, line.at) == (
        "Expiré(e)",
        "Automatique",
        None,
        at,
    )
    [mail] = mails_to(db, NAIMA.email)
    assert "Rédacteur de dossiers" in mail.subject
    assert "a pris fin le 10/03/2026" in mail.text_body


def test_second_run_finds_nothing_more(db: Session) -> None:
    assignment(db, ends_on=LAST_DAY)
    later = NOW + timedelta(days=30)
    assert stop_ended_assignments(db, later) == 1
    assert stop_ended_assignments(db, later + timedelta(hours=1)) == 0
    assert len(mails_to(db, NAIMA.email)) == 1


def test_unlimited_assignment_never_expires(db: Session) -> None:
    unlimited = assignment(db, ends_on=None)
    assert stop_ended_assignments(db, NOW + timedelta(days=3650)) == 0
    assert status_of(db, unlimited) == AssignmentStatus.ACTIVE


def test_request_never_decided_expires_without_an_email(db: Session) -> None:
    waiting = assignment(db, status=AssignmentStatus.REQUESTED, ends_on=LAST_DAY)
    assert stop_ended_assignments(db, NOW + timedelta(days=30)) == 1
    assert status_of(db, waiting) == AssignmentStatus.EXPIRED
    assert mails_to(db, NAIMA.email) == []


@pytest.mark.parametrize("status", [AssignmentStatus.REJECTED, AssignmentStatus.STOPPED])
def test_closed_assignment_stays_as_it_is(db: Session, status: AssignmentStatus) -> None:
    closed = assignment(db, status=status, ends_on=LAST_DAY)
    assert stop_ended_assignments(db, NOW + timedelta(days=30)) == 0
    assert status_of(db, closed) == status
