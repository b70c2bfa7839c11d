"""The home of "Ma gestion des rôles eGov" for the person logged in (seed 001, step 8): the counts
of its priority tasks, "demander ou refuser les demandes (n)" and "compléter des demandes (n)".

The page is open to any live session of an active account (single sign-on): it only counts. Each
task the counts lead to checks its own caller (``access.require_gap``, high level of assurance).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.engine import Engine
from sqlmodel import Session, col, func, select

from foundation.models.companies import AssignmentStatus, RoleAssignment
from portal.companies.access import managed_company_numbers
from portal.companies.entry import entered
from portal.levels import Gate
from portal.visits import Visit


@dataclass(frozen=True, slots=True)
class RolesOverview:
    requests_to_decide: int  # "demander ou refuser les demandes"
    requests_to_complete: int  # "compléter des demandes"


@dataclass(frozen=True, slots=True)
class RolesHome:
    visit: Visit
    overview: RolesOverview


def requests_to_decide(db: Session, national_number: str) -> int:
    """Requests waiting for the decision of this person, as the current GAP or a role
    administrator of their company."""
    count = db.exec(
        select(func.count())
        .select_from(RoleAssignment)
        .where(
            col(RoleAssignment.company_number).in_(managed_company_numbers(national_number)),
            RoleAssignment.status == AssignmentStatus.REQUESTED,
        )
    ).one()
    return int(count)


def roles_overview(db: Session, national_number: str) -> RolesOverview:
    # No request of this portal waits to be completed by its approver: an invitation carries
    # every property of the role. The seed's line stays, at 0, until a request can ask for more.
    return RolesOverview(requests_to_decide(db, national_number), requests_to_complete=0)


def open_home(session_id: str | None, *, now: datetime, bind: Engine | None = None) -> RolesHome:
    """The visit and its counts; ``NotLoggedInError`` for a visitor who has not logged in (the
    page then shows "S'identifier"), ``NotHereError`` for an account that is not active."""
    with entered(session_id, now=now, needs=Gate.ROLES_HOME, bind=bind) as inside:
        return RolesHome(inside.visit, roles_overview(inside.db, inside.visit.national_number))
