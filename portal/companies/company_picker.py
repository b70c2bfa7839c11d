""" "Gérer les attributions de rôles - Aperçu", its first step (seed 001 "Consulter le rôle
attribué", step 2): the companies the person manages (as GAP or role administrator), ten a page,
searched by name or number, each with its number of assignments. A person who manages one
company skips it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import func, or_
from sqlmodel import Session, col, select

from foundation.models.companies import Company, RoleAssignment
from foundation.models.session import UserSession
from portal.companies.access import managed_company_numbers, require_high_assurance
from portal.companies.company_number import format_company_number
from portal.companies.listing import one_page

PER_PAGE = 10


@dataclass(frozen=True, slots=True)
class ManagedCompany:
    number: str
    shown_number: str  # "0845.059.050"
    name: str
    assignments: int  # the "(29)" of "Entreprise: "BLA", 0845.059.050, (29)"


@dataclass(frozen=True, slots=True)
class CompanyPage:
    rows: tuple[ManagedCompany, ...]
    total: int  # one company: the page skips the picker
    page: int
    pages: int


def managed_companies(
    db: Session,
    session: UserSession,
    search: str = "",
    page: int = 1,
    per_page: int = PER_PAGE,
    *,
    now: datetime,
) -> CompanyPage:
    """The picker: companies the caller manages, by name; ``search`` in name or number."""
    require_high_assurance(session, now)
    managed = managed_company_numbers(session.national_number)
    counts = (
        select(RoleAssignment.company_number, func.count().label("n"))
        .where(col(RoleAssignment.company_number).in_(managed))
        .group_by(col(RoleAssignment.company_number))
        .subquery()
    )
    query: Any = (
        select(Company, func.coalesce(counts.c.n, 0))
        .outerjoin(counts, counts.c.company_number == Company.number)
        .where(col(Company.number).in_(managed))
    )
    needle = search.strip().lower()
    if needle:
        query = query.where(
            or_(
                func.lower(col(Company.name)).contains(needle),
                col(Company.number).contains(needle.replace(".", "").replace(" ", "")),
            )
        )
    by_name = (func.lower(col(Company.name)), col(Company.number))
    found = one_page(db, query, by_name, page, per_page)
    rows = tuple(
        ManagedCompany(c.number, format_company_number(c.number), c.name, int(n))
        for c, n in found.rows
    )
    return CompanyPage(rows, found.total, found.page, found.pages)
