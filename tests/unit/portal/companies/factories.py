"""Rows the tests of assignments start from: an assignment in a given status, a role
administrator named by the GAP."""

from __future__ import annotations

from datetime import date

from sqlmodel import Session

from foundation.models.companies import AssignmentStatus, RoleAssignment
from foundation.models.role_administration import RoleAdministrator
from portal.companies.administrators import AdministratorDetails, name_role_administrator
from tests.unit.portal.companies.conftest import (
    CHLOE,
    NAIMA,
    NOW,
    ORIGIN,
    TEST_COMPANY,
    TODAY,
    Person,
    session_of,
)

WRITER = "monespace.writer"
READER = "monespace.reader"


def add_assignment(
    db: Session,
    *,
    person: Person = NAIMA,
    company: str = TEST_COMPANY,
    role: str = WRITER,
    status: AssignmentStatus = AssignmentStatus.ACTIVE,
    starts_on: date = TODAY,
    ends_on: date | None = None,
) -> RoleAssignment:
    row = RoleAssignment(
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
    db.add(row)
    db.commit()
    return row


def details_of(person: Person) -> AdministratorDetails:
    return AdministratorDetails(
        person.national_number, person.surname, person.first_names, person.email
    )


def name_administrator(
    db: Session, person: Person, *, company: str = TEST_COMPANY, gap: Person = CHLOE
) -> RoleAdministrator:
    administrator = name_role_administrator(
        db, session_of(gap), company, details_of(person), NOW, public_origin=ORIGIN
    )
    db.commit()
    return administrator
