""" "Mes attributions de rôles": the person's own assignments and the status each one reads."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session

from foundation.models.companies import AssignmentStatus, RoleAssignment
from identity.assurance import LevelOfAssurance
from portal.companies.errors import HighAssuranceRequiredError
from portal.companies.my_assignments import (
    ShownStatus,
    assignments_of,
    open_my_assignments,
    shown_status,
)
from portal.visits import NotLoggedInError
from tests.unit.portal.companies.conftest import (
    BLA,
    CHLOE,
    MARC,
    NAIMA,
    NOW,
    TEST_COMPANY,
    TODAY,
    FakeRegister,
    Person,
    make_gap,
)
from tests.unit.portal.companies.page_sessions import database_file, log_in

DAY = timedelta(days=1)


def assignment(
    person: Person = NAIMA,
    *,
    status: AssignmentStatus = AssignmentStatus.ACTIVE,
    role: str = "monespace.writer",
    company: str = TEST_COMPANY,
    starts_on: date = TODAY,
    ends_on: date | None = None,
) -> RoleAssignment:
    return RoleAssignment(
        company_number=company,
        role_code=role,
        national_number=person.national_number,
        surname=person.surname,
        first_names=person.first_names,
        email=person.email,
        starts_on=starts_on,
        ends_on=ends_on,
        status=status,
        requested_at=NOW,
    )


@pytest.mark.parametrize(
    ("row", "shown"),
    [
        (assignment(status=AssignmentStatus.REQUESTED), ShownStatus.REQUESTED),
        (assignment(starts_on=TODAY + DAY), ShownStatus.SCHEDULED),
        (assignment(ends_on=TODAY), ShownStatus.ACTIVE),  # its last day
        (assignment(starts_on=TODAY - 9 * DAY, ends_on=TODAY - DAY), ShownStatus.EXPIRED),
        (assignment(status=AssignmentStatus.REJECTED), ShownStatus.REJECTED),
        (assignment(status=AssignmentStatus.EXPIRED), ShownStatus.EXPIRED),
    ],
)
def test_the_status_a_person_reads_is_that_of_the_day(
    row: RoleAssignment, shown: ShownStatus
) -> None:
    assert shown_status(row, TODAY) is shown


@pytest.fixture
def companies(db: Session, register: FakeRegister) -> None:
    make_gap(db, register, gap=CHLOE)
    make_gap(db, register, number=BLA, representative=MARC, gap=MARC)


def test_only_the_persons_own_assignments_by_company_then_role(
    db: Session, companies: None
) -> None:
    db.add_all(
        [
            assignment(role="monespace.writer"),
            assignment(role="monespace.reader", status=AssignmentStatus.REQUESTED),
            assignment(company=BLA, status=AssignmentStatus.REJECTED),
            assignment(CHLOE, role="monespace.owner"),
        ]
    )
    db.commit()
    rows = assignments_of(db, NAIMA.national_number, now=NOW)
    assert [(r.company, r.role, r.status) for r in rows] == [
        ("BLA", "Rédacteur de dossiers", ShownStatus.REJECTED),
        ("Entreprise de test", "Relecteur de dossiers", ShownStatus.REQUESTED),
        ("Entreprise de test", "Rédacteur de dossiers", ShownStatus.ACTIVE),
    ]
    assert rows[2].role_description.startswith("Créer, lire, modifier")


def test_current_ones_leave_out_what_ended_or_was_refused(db: Session, companies: None) -> None:
    db.add_all(
        [
            assignment(starts_on=TODAY + DAY),
            assignment(role="monespace.reader", status=AssignmentStatus.REQUESTED),
            assignment(role="monespace.signer", ends_on=TODAY - DAY, starts_on=TODAY - 5 * DAY),
            assignment(company=BLA, status=AssignmentStatus.REJECTED),
            assignment(company=BLA, role="monespace.owner", status=AssignmentStatus.STOPPED),
        ]
    )
    db.commit()
    current = assignments_of(db, NAIMA.national_number, now=NOW, current_only=True)
    assert sorted(r.status for r in current) == [ShownStatus.REQUESTED, ShownStatus.SCHEDULED]
    assert len(assignments_of(db, NAIMA.national_number, now=NOW)) == 5


@pytest.fixture
def bound(tmp_path: Path) -> Iterator[Engine]:
    with database_file(tmp_path) as engine:
        yield engine


def test_the_page_needs_a_login_and_shows_the_visitors_rows_only(
    bound: Engine, register: FakeRegister
) -> None:
    with pytest.raises(NotLoggedInError):
        open_my_assignments(None, now=NOW, bind=bound)
    with Session(bound) as db:
        make_gap(db, register, gap=CHLOE)
        db.add(assignment())
        db.commit()
    mine = open_my_assignments(log_in(bound, NAIMA), now=NOW, bind=bound)
    assert [r.role for r in mine.rows] == ["Rédacteur de dossiers"]
    assert mine.visit.short_name == "Naïma Mremi"
    assert open_my_assignments(log_in(bound, CHLOE), now=NOW, bind=bound).rows == ()


def test_ones_own_roles_need_the_level_of_role_management(
    bound: Engine, register: FakeRegister
) -> None:
    with Session(bound) as db:
        make_gap(db, register, gap=CHLOE)
        db.add(assignment())
        db.commit()
    for lower in (LevelOfAssurance.LOW, LevelOfAssurance.SUBSTANTIAL):
        with pytest.raises(HighAssuranceRequiredError):
            open_my_assignments(log_in(bound, NAIMA, lower), now=NOW, bind=bound)


@pytest.mark.parametrize("status", list(AssignmentStatus))
def test_every_status_of_the_table_has_one_to_show(status: AssignmentStatus) -> None:
    shown = shown_status(assignment(status=status, starts_on=TODAY - DAY), TODAY)
    assert shown.value == status.value
