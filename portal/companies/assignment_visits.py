"""The units of work of "Gérer les attributions de rôles" (seed 001 "Consulter le rôle attribué",
"Suspendre l'ancien rôle"): the company picker, one company's table, an assignment's detail,
its four actions and the CSV export.

Each starts with the visit's check (a live session of an active account), then runs the rules
of ``company_picker``, ``assignments``, ``transitions`` and ``export``, which check the eID
level and that the caller is the company's GAP or one of its role administrators, at each call.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.engine import Engine
from sqlmodel import Session, func, select

from foundation.db import session_scope
from foundation.models.companies import Company, RoleAssignment
from foundation.models.session import UserSession
from portal.companies import transitions
from portal.companies.assignments import (
    AssignmentDetail,
    AssignmentPage,
    Sort,
    assignment_detail,
    assignments_of_company,
)
from portal.companies.company_number import format_company_number, parse_company_number
from portal.companies.company_picker import CompanyPage, ManagedCompany, managed_companies
from portal.companies.entry import entered
from portal.companies.export import export_assignments, file_name
from portal.companies.invitation_form import parse_day
from portal.companies.transitions import Action
from portal.visits import Visit

END_FIELD = "ends_on"  # the field of "Modifier la date d'expiration"
BY_ROLE = Sort()  # the table's first order


@dataclass(frozen=True, slots=True)
class PickerVisit:
    visit: Visit
    page: CompanyPage


@dataclass(frozen=True, slots=True)
class CompanyVisit:
    visit: Visit
    company: ManagedCompany  # "Entreprise: "BLA", 0845.059.050, (29)": every assignment counted
    page: AssignmentPage  # the page of the search


@dataclass(frozen=True, slots=True)
class DetailVisit:
    visit: Visit
    detail: AssignmentDetail


@dataclass(frozen=True, slots=True)
class Export:
    file_name: str
    lines: Iterator[str]  # read while the unit of work that made it is open


def open_picker(
    session_id: str | None,
    *,
    search: str = "",
    page: int = 1,
    now: datetime,
    bind: Engine | None = None,
) -> PickerVisit:
    """The companies the caller manages, ten a page (``HighAssuranceRequiredError`` below the
    eID: the page sends the person to log in with it)."""
    with entered(session_id, now=now, bind=bind) as inside:
        found = managed_companies(inside.db, inside.session_row, search, page, now=now)
        return PickerVisit(inside.visit, found)


def _company(db: Session, number: str) -> ManagedCompany:
    company = db.get(Company, number)
    assert company is not None  # the caller manages it: it is registered
    count = db.exec(
        select(func.count())
        .select_from(RoleAssignment)
        .where(RoleAssignment.company_number == number)
    ).one()
    return ManagedCompany(number, format_company_number(number), company.name, int(count))


def open_company(
    session_id: str | None,
    company_number: str,
    *,
    search: str = "",
    sort: Sort = BY_ROLE,
    page: int = 1,
    now: datetime,
    bind: Engine | None = None,
) -> CompanyVisit:
    """One page of the company's assignments, for its GAP or role administrators only."""
    with entered(session_id, now=now, bind=bind) as inside:
        found = assignments_of_company(
            inside.db, inside.session_row, company_number, search, sort, page, now=now
        )
        company = _company(inside.db, parse_company_number(company_number))
        return CompanyVisit(inside.visit, company, found)


def open_detail(
    session_id: str | None, assignment_id: int, *, now: datetime, bind: Engine | None = None
) -> DetailVisit:
    with entered(session_id, now=now, bind=bind) as inside:
        detail = assignment_detail(inside.db, inside.session_row, assignment_id, now)
        return DetailVisit(inside.visit, detail)


def act(
    session_id: str | None,
    assignment_id: int,
    action: Action,
    *,
    now: datetime,
    public_origin: str,
    bind: Engine | None = None,
) -> AssignmentDetail:
    """ "Arrêter", "Désactiver temporairement" or "Recommencer"; the detail as it now reads."""
    with entered(session_id, now=now, bind=bind) as inside:
        change = transitions.ACTIONS.get(action)
        if change is None:  # "Modifier la date d'expiration" takes its date: modify_end
            raise ValueError(action)
        change(inside.db, inside.session_row, assignment_id, now, public_origin=public_origin)
        inside.db.flush()
        return assignment_detail(inside.db, inside.session_row, assignment_id, now)


def modify_end(
    session_id: str | None,
    assignment_id: int,
    typed: str,
    *,
    unlimited: bool,
    now: datetime,
    public_origin: str,
    bind: Engine | None = None,
) -> AssignmentDetail:
    """ "Modifier la date d'expiration": the day as typed (02/03/2026), or "Illimité"; a date
    that cannot be read is refused beside the field (``field`` "ends_on"), like the rule's own
    refusals."""
    with entered(session_id, now=now, bind=bind) as inside:
        ends_on = None if unlimited else parse_day(typed, END_FIELD, required=True)
        transitions.modify_end_date(
            inside.db, inside.session_row, assignment_id, ends_on, now, public_origin=public_origin
        )
        inside.db.flush()
        return assignment_detail(inside.db, inside.session_row, assignment_id, now)


@contextmanager
def exported(
    session_id: str | None,
    company_number: str,
    *,
    now: datetime,
    language: str = "fr",
    bind: Engine | None = None,
) -> Iterator[Export]:
    """ "Exporter les attributions de rôles": the caller is checked before the first line is
    made; the lines are read while this block is open.

    The visit has a unit of work of its own, committed at once: the session's idle clock is a
    write, and a write held open while 50,000 lines go out would hold every other writer of a
    SQLite database back. The lines come from a second, read-only one."""
    with entered(session_id, now=now, bind=bind) as inside:
        inside.db.flush()
        caller: UserSession = inside.session_row
        inside.db.expunge(caller)  # its values stay readable once that unit of work ends
    with session_scope(bind) as db:
        lines = export_assignments(db, caller, company_number, now, language=language)
        yield Export(file_name(parse_company_number(company_number), now), lines)
