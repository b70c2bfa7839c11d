""" "Mes attributions de rôles" (seed 000 step 3, seed 001 sub-step 2): the role assignments of
the person logged in, whatever their state, each with the status the person reads.

The shown status is a day's view of the row: an approved assignment is "in force" only from its
start date, and one whose end date has passed reads "expired" at once, before the hourly job
marks it so (``roles.is_in_force`` draws the same line for permissions).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from typing import Protocol

from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from foundation.models.companies import AssignmentStatus, Company, RoleAssignment
from portal.companies.dates import today
from portal.companies.entry import entered
from portal.companies.roles import find_role
from portal.visits import Visit


class ShownStatus(StrEnum):
    REQUESTED = "requested"  # waiting for the GAP's approval
    SCHEDULED = "scheduled"  # approved, its start date not reached yet
    ACTIVE = "active"  # "Actif(s)/active(s)"
    REJECTED = "rejected"
    SUSPENDED = "suspended"
    DEACTIVATED = "deactivated"
    STOPPED = "stopped"
    EXPIRED = "expired"


# "attributions de rôles actuelles": what is or will be in force, and what still waits.
CURRENT = frozenset({ShownStatus.REQUESTED, ShownStatus.SCHEDULED, ShownStatus.ACTIVE})


@dataclass(frozen=True, slots=True)
class MyAssignment:
    assignment_id: int
    role: str  # "Rédacteur de dossiers"
    role_description: str  # the short one: "Créer, lire, modifier et supprimer les dossiers"
    company_number: str
    company: str
    starts_on: date
    ends_on: date | None  # None: "Illimité"
    status: ShownStatus


@dataclass(frozen=True, slots=True)
class MyAssignments:
    visit: Visit
    rows: tuple[MyAssignment, ...]


class Dated(Protocol):
    """What the shown status reads: an assignment row, or the columns the CSV export selects."""

    @property
    def status(self) -> str: ...
    @property
    def starts_on(self) -> date: ...
    @property
    def ends_on(self) -> date | None: ...


def shown_status(assignment: Dated, on: date) -> ShownStatus:
    status = AssignmentStatus(assignment.status)
    if status is AssignmentStatus.ACTIVE:
        if assignment.ends_on is not None and assignment.ends_on < on:
            return ShownStatus.EXPIRED
        if assignment.starts_on > on:
            return ShownStatus.SCHEDULED
        return ShownStatus.ACTIVE
    return ShownStatus(status.value)


def assignments_of(
    db: Session, national_number: str, *, now: datetime, current_only: bool = False
) -> list[MyAssignment]:
    """This person's assignments by company name, then role, then newest start first;
    ``current_only`` keeps those requested, approved or in force."""
    on = today(now)
    found = db.exec(
        select(RoleAssignment, Company.name)
        .join(Company, col(Company.number) == RoleAssignment.company_number)
        .where(RoleAssignment.national_number == national_number)
    ).all()
    rows = []
    for assignment, company in found:
        assert assignment.id is not None
        role = find_role(assignment.role_code)
        status = shown_status(assignment, on)
        if current_only and status not in CURRENT:
            continue
        rows.append(
            MyAssignment(
                assignment_id=assignment.id,
                role=role.label if role is not None else assignment.role_code,
                role_description=role.short_description if role is not None else "",
                company_number=assignment.company_number,
                company=company,
                starts_on=assignment.starts_on,
                ends_on=assignment.ends_on,
                status=status,
            )
        )
    rows.sort(key=lambda r: (r.company.casefold(), r.role.casefold(), -r.starts_on.toordinal()))
    return rows


def open_my_assignments(
    session_id: str | None, *, now: datetime, current_only: bool = False, bind: Engine | None = None
) -> MyAssignments:
    """The page's unit of work: a live session of an active account at the level of role
    management (``HighAssuranceRequiredError`` below it), and only that person's rows."""
    with entered(session_id, now=now, high_assurance=True, bind=bind) as inside:
        national_number = inside.visit.national_number
        rows = assignments_of(inside.db, national_number, now=now, current_only=current_only)
        return MyAssignments(inside.visit, tuple(rows))
