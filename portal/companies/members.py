""" "Étape 1 : Sélection de personnes" of the direct assignment: "Cherchez des personnes qui sont
membres des entreprises que vous gérez. Complétez au moins 1 des champs ci-dessous."

A member is a person with an assignment (not a rejected request) in a company the caller
manages; one row per person and company, with the name and address of the newest assignment.
A row's ``key`` is that assignment's id: ``direct.assign_to_members`` takes keys back and checks
them again, so the page never handles national numbers.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import func
from sqlmodel import Session, col, select

from foundation.models.companies import AssignmentStatus, Company, RoleAssignment
from foundation.models.session import UserSession
from portal.companies import assignment_errors
from portal.companies.access import managed_company_numbers, require_high_assurance
from portal.companies.company_number import format_company_number
from portal.companies.listing import one_page

PER_PAGE = 10


@dataclass(frozen=True, slots=True)
class MemberSearch:
    surname: str = ""  # "Nom"
    first_names: str = ""  # "Prénom"
    email: str = ""  # "Adresse e-mail"
    company: str = ""  # "Entreprise": a name or a number


@dataclass(frozen=True, slots=True)
class Member:
    key: int
    surname: str
    first_names: str
    email: str
    company_number: str
    shown_company_number: str
    company: str


@dataclass(frozen=True, slots=True)
class MemberPage:
    rows: tuple[Member, ...]
    total: int
    page: int
    pages: int


def _contains(column: Any, typed: str) -> Any:
    return func.lower(column).contains(typed.strip().lower())


def search_members(
    db: Session,
    session: UserSession,
    criteria: MemberSearch,
    page: int = 1,
    per_page: int = PER_PAGE,
    *,
    now: datetime,
) -> MemberPage:
    """Members matching every field filled in, by name; ``MemberSearchEmptyError`` when none is.
    A caller who manages no company finds no one."""
    require_high_assurance(session, now)
    if not any(
        f.strip()
        for f in (criteria.surname, criteria.first_names, criteria.email, criteria.company)
    ):
        raise assignment_errors.MemberSearchEmptyError()
    newest = (
        select(func.max(RoleAssignment.id))
        .where(
            col(RoleAssignment.company_number).in_(
                managed_company_numbers(session.national_number)
            ),
            col(RoleAssignment.status) != AssignmentStatus.REJECTED,
        )
        .group_by(col(RoleAssignment.national_number), col(RoleAssignment.company_number))
    )
    query: Any = (
        select(RoleAssignment, Company.name)
        .join(Company, col(Company.number) == RoleAssignment.company_number)
        .where(col(RoleAssignment.id).in_(newest))
    )
    if criteria.surname.strip():
        query = query.where(_contains(col(RoleAssignment.surname), criteria.surname))
    if criteria.first_names.strip():
        query = query.where(_contains(col(RoleAssignment.first_names), criteria.first_names))
    if criteria.email.strip():
        query = query.where(_contains(col(RoleAssignment.email), criteria.email))
    if criteria.company.strip():
        digits = criteria.company.strip().replace(".", "").replace(" ", "")
        query = query.where(
            _contains(col(Company.name), criteria.company) | col(Company.number).contains(digits)
        )
    by_name = (
        func.lower(col(RoleAssignment.surname)),
        func.lower(col(RoleAssignment.first_names)),
        func.lower(col(Company.name)),
    )
    found = one_page(db, query, by_name, page, per_page)
    rows = []
    for member, company in found.rows:
        assert member.id is not None
        rows.append(
            Member(
                key=member.id,
                surname=member.surname,
                first_names=member.first_names,
                email=member.email,
                company_number=member.company_number,
                shown_company_number=format_company_number(member.company_number),
                company=company,
            )
        )
    return MemberPage(tuple(rows), found.total, found.page, found.pages)
