"""The job warns each person 14 days before an assignment's last day, once per end date; a
deactivated assignment ends at its end date like an active one."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlmodel import Session

from foundation.models.companies import AssignmentStatus
from portal.companies.expiry import stop_ended_assignments, warn_ending_assignments
from portal.companies.transitions import modify_end_date
from tests.unit.portal.companies.conftest import (
    CHLOE,
    NAIMA,
    NOW,
    ORIGIN,
    TODAY,
    FakeRegister,
    mails_to,
    make_gap,
    session_of,
)
from tests.unit.portal.companies.factories import add_assignment

IN_14_DAYS = TODAY + timedelta(days=14)
S = AssignmentStatus


@pytest.fixture(autouse=True)
def _company(db: Session, register: FakeRegister) -> None:
    make_gap(db, register, gap=CHLOE)


def warn(db: Session, days_later: int = 0) -> int:
    count = warn_ending_assignments(db, NOW + timedelta(days=days_later), public_origin=ORIGIN)
    db.commit()
    return count


def test_assignment_ending_in_14_days_is_announced_once(db: Session) -> None:
    row = add_assignment(db, ends_on=IN_14_DAYS)
    assert warn(db) == 1
    assert warn(db) == 0
    assert warn(db, days_later=3) == 0
    [mail] = mails_to(db, NAIMA.email)
    assert mail.subject == "Votre attribution de rôle Rédacteur de dossiers prend fin le 16/03/2026"
    assert "pour « Entreprise de test » prend fin le 16/03/2026." in mail.text_body
    assert f"{ORIGIN}/" in mail.text_body
    assert row.ending_notice_for == IN_14_DAYS


def test_assignment_ending_in_15_days_waits_a_day(db: Session) -> None:
    add_assignment(db, ends_on=IN_14_DAYS + timedelta(days=1))
    assert warn(db) == 0
    assert warn(db, days_later=1) == 1


def test_assignment_given_for_a_week_is_announced_at_once(db: Session) -> None:
    add_assignment(db, ends_on=TODAY + timedelta(days=7))
    assert warn(db) == 1


def test_no_warning_after_the_last_day(db: Session) -> None:
    add_assignment(db, starts_on=date(2026, 1, 1), ends_on=TODAY - timedelta(days=1))
    assert warn(db) == 0


@pytest.mark.parametrize(
    ("status", "warned"),
    [
        (S.ACTIVE, 1),
        (S.DEACTIVATED, 1),
        (S.REQUESTED, 0),
        (S.SUSPENDED, 0),
        (S.REJECTED, 0),
        (S.EXPIRED, 0),
    ],
)
def test_only_people_holding_the_role_are_warned(
    db: Session, status: AssignmentStatus, warned: int
) -> None:
    add_assignment(db, status=status, ends_on=IN_14_DAYS)
    assert warn(db) == warned
    assert len(mails_to(db, NAIMA.email)) == warned


def test_a_new_end_date_gets_its_own_warning(db: Session) -> None:
    row = add_assignment(db, ends_on=IN_14_DAYS)
    assert row.id is not None
    assert warn(db) == 1
    modify_end_date(
        db, session_of(CHLOE), row.id, TODAY + timedelta(days=10), NOW, public_origin=ORIGIN
    )
    db.commit()
    assert warn(db) == 1
    assert warn(db) == 0


def test_deactivated_assignment_expires_at_its_end_date(db: Session) -> None:
    row = add_assignment(
        db, status=S.DEACTIVATED, starts_on=date(2026, 1, 1), ends_on=TODAY - timedelta(days=1)
    )
    assert stop_ended_assignments(db, NOW) == 1
    db.refresh(row)
    assert row.status == S.EXPIRED
    assert any("a expiré" in m.subject for m in mails_to(db, NAIMA.email))
