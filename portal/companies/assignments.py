""" "Gérer les attributions de rôles" (seed 001 "Consulter le rôle attribué", "Suspendre l'ancien
rôle"): one company's assignments ten at a time (searched, sorted by any column), and one
assignment's detail with the actions its status allows and its whole history (the company
picker is ``company_picker``). Only the company's GAP or role administrators
read them (``access.require_role_manager``, at each call).
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import case, func, literal
from sqlmodel import Session, col, select

from foundation.models.companies import AssignmentStatus, Company, RoleAssignment
from foundation.models.session import UserSession
from portal.companies import assignment_errors
from portal.companies.access import require_high_assurance, require_role_manager
from portal.companies.company_number import format_company_number, parse_company_number
from portal.companies.dates import today
from portal.companies.history import history_of
from portal.companies.listing import page_within, searched
from portal.companies.my_assignments import ShownStatus, shown_status
from portal.companies.roles import ROLES, find_role
from portal.companies.transitions import Action, allowed_actions

PER_PAGE = 10


class SortColumn(StrEnum):
    ROLE = "role"
    USER = "user"
    STARTS_ON = "starts_on"
    ENDS_ON = "ends_on"
    STATUS = "status"


@dataclass(frozen=True, slots=True)
class Sort:
    column: SortColumn = SortColumn.ROLE
    descending: bool = False


@dataclass(frozen=True, slots=True)
class AssignmentRow:
    """One row of the seed's table."""

    assignment_id: int
    role: str  # "Rédacteur de dossiers"
    role_description: str  # the short one, shown when the role is hovered or focused
    user: str  # "Naïma Samira Mremi"
    email: str
    starts_on: date
    ends_on: date | None  # None: "Illimité"
    status: ShownStatus
    properties: tuple[str, ...] = ()  # "-": no role of the catalogue has properties yet


@dataclass(frozen=True, slots=True)
class AssignmentPage:
    rows: tuple[AssignmentRow, ...]
    total: int
    page: int  # 1-based, within 1..pages
    pages: int  # at least 1


@dataclass(frozen=True, slots=True)
class HistoryLine:
    at: datetime  # "Date"
    actor: str  # "Exécutant": a name or "Automatique"
    action: str
    details: str  # "Informations supplémentaires"


@dataclass(frozen=True, slots=True)
class AssignmentDetail:
    row: AssignmentRow
    long_description: str
    company_number: str
    shown_company_number: str
    company: str
    actions: tuple[Action, ...]  # what the status allows, in the seed's order
    history: tuple[HistoryLine, ...]  # newest first; "Afficher la ligne du temps complète"


def _folded(text: str) -> str:
    # "redacteur" finds and sorts like "Rédacteur": SQLite compares bytes, é after z.
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


_ROLE_LABEL = case(
    {code: _folded(r.label) for code, r in ROLES.items()},
    value=col(RoleAssignment.role_code),
    else_=col(RoleAssignment.role_code),
)
# In force first, then waiting, then ended.
STATUS_ORDER = (
    AssignmentStatus.ACTIVE,
    AssignmentStatus.DEACTIVATED,
    AssignmentStatus.REQUESTED,
    AssignmentStatus.SUSPENDED,
    AssignmentStatus.EXPIRED,
    AssignmentStatus.REJECTED,
    AssignmentStatus.STOPPED,
)
_STATUS_ORDER = case(
    {s.value: n for n, s in enumerate(STATUS_ORDER)},
    value=col(RoleAssignment.status),
    else_=len(STATUS_ORDER),
)


def _order(sort: Sort) -> list[Any]:
    columns: dict[SortColumn, list[Any]] = {
        SortColumn.ROLE: [_ROLE_LABEL],
        SortColumn.USER: [
            func.lower(col(RoleAssignment.surname)),
            func.lower(col(RoleAssignment.first_names)),
        ],
        SortColumn.STARTS_ON: [col(RoleAssignment.starts_on)],
        # "Illimité" after every date.
        SortColumn.ENDS_ON: [col(RoleAssignment.ends_on).is_(None), col(RoleAssignment.ends_on)],
        SortColumn.STATUS: [_STATUS_ORDER],
    }
    chosen = [c.desc() if sort.descending else c.asc() for c in columns[sort.column]]
    return [*chosen, col(RoleAssignment.id)]  # ties in a stable order, for paging


def _roles_named(needle: str) -> list[str]:
    """Codes of the roles whose label, as the table shows it, contains ``needle``."""
    folded = _folded(needle)
    return [code for code, r in ROLES.items() if folded in _folded(r.label)]


def _role_named(needle: str) -> list[Any]:
    return [col(RoleAssignment.role_code).in_(_roles_named(needle))]


def _row(assignment: RoleAssignment, on: date) -> AssignmentRow:
    assert assignment.id is not None
    role = find_role(assignment.role_code)
    return AssignmentRow(
        assignment_id=assignment.id,
        role=role.label if role is not None else assignment.role_code,
        role_description=role.short_description if role is not None else "",
        user=f"{assignment.first_names} {assignment.surname}",
        email=assignment.email,
        starts_on=assignment.starts_on,
        ends_on=assignment.ends_on,
        status=shown_status(assignment, on),
    )


def assignments_of_company(
    db: Session,
    session: UserSession,
    company_number: str,
    search: str = "",
    sort: Sort = Sort(),  # frozen: one shared default is safe
    page: int = 1,
    per_page: int = PER_PAGE,
    *,
    now: datetime,
) -> AssignmentPage:
    """One page of the company's assignments, whatever their status; ``search`` looks in the
    person's name and address and the role's label (accents and case ignored for the role)."""
    number = parse_company_number(company_number)
    require_role_manager(db, session, number, now)
    # Searching scans every row: one pass gives the page and, beside each row, the count of
    # all found. Without a search the count comes from the index, and the window would cost.
    searching = bool(search.strip())
    counted = func.count().over() if searching else literal(0)
    query = searched(
        select(RoleAssignment, counted).where(RoleAssignment.company_number == number),
        search,
        _role_named,
    )
    page = max(1, page)
    found = _page_of(db, query, sort, page, per_page) if searching else []
    if found:
        total = int(found[0][1])
    else:
        total = db.exec(select(func.count()).select_from(query.subquery())).one()
        page = page_within(total, page, per_page)[0]
        found = _page_of(db, query, sort, page, per_page) if total else []
    page, pages = page_within(total, page, per_page)
    on = today(now)
    return AssignmentPage(tuple(_row(a, on) for a, _ in found), total, page, pages)


def _page_of(db: Session, query: Any, sort: Sort, page: int, per_page: int) -> list[Any]:
    return list(
        db.exec(query.order_by(*_order(sort)).offset((page - 1) * per_page).limit(per_page)).all()
    )


def assignment_detail(
    db: Session, session: UserSession, assignment_id: int, now: datetime
) -> AssignmentDetail:
    """ "Détails de l'attribution de rôle", its actions and "Historique de l'attribution de
    rôle"; refused to anyone who does not manage its company."""
    require_high_assurance(session, now)
    assignment = db.get(RoleAssignment, assignment_id)
    if assignment is None:
        raise assignment_errors.AssignmentNotFoundError(str(assignment_id))
    require_role_manager(db, session, assignment.company_number, now)
    company = db.get(Company, assignment.company_number)
    assert company is not None  # a foreign key
    role = find_role(assignment.role_code)
    return AssignmentDetail(
        row=_row(assignment, today(now)),
        long_description=role.long_description if role is not None else "",
        company_number=company.number,
        shown_company_number=format_company_number(company.number),
        company=company.name,
        actions=allowed_actions(assignment.status),
        history=tuple(
            HistoryLine(h.at, h.actor_name, h.action, h.details)
            for h in history_of(db, assignment_id)
        ),
    )
