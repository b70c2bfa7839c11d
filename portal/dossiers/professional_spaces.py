"""The companies' professional spaces: which ones a person sees in Mes espaces ("Espace
professionnel — <company>", for an active Mon Espace role in force today: the GAP without a role
does not see it, seed 002 §3), and "Gérer l'espace" (the contact address, the notifications it
wants, who has access with which role, read only)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session, col, select

from foundation.clock import BRUSSELS
from foundation.email_address import is_email_address
from foundation.models.companies import Company, RoleAssignment
from foundation.models.dossiers import CompanySpace
from foundation.models.session import UserSession
from portal.companies.roles import MON_ESPACE, ROLES, Permission, is_in_force
from portal.dossiers import permissions
from portal.dossiers.errors import SpaceSettingsError
from portal.dossiers.places import Place


@dataclass(frozen=True, slots=True)
class CompanySpaceLink:
    company_number: str
    name: str


@dataclass(frozen=True, slots=True)
class SpaceMember:
    name: str
    role: str
    until: str  # DD/MM/YYYY, or "" for no end


@dataclass(frozen=True, slots=True)
class SpaceSettings:
    company_number: str
    company_name: str
    contact_email: str
    notify_submitted: bool
    notify_complement: bool
    notify_closed: bool
    members: list[SpaceMember]


def professional_spaces(db: Session, national_number: str, now: datetime) -> list[CompanySpaceLink]:
    today = now.astimezone(BRUSSELS).date()
    rows = db.exec(
        select(RoleAssignment, Company)
        .join(Company, col(Company.number) == col(RoleAssignment.company_number))
        .where(RoleAssignment.national_number == national_number)
    ).all()
    found: dict[str, str] = {}
    for assignment, company in rows:
        role = ROLES.get(assignment.role_code)
        if role is not None and role.application == MON_ESPACE and is_in_force(assignment, today):
            found[company.number] = company.name
    return [
        CompanySpaceLink(number, name) for number, name in sorted(found.items(), key=lambda x: x[1])
    ]


def company_name(db: Session, company_number: str) -> str:
    company = db.get(Company, company_number)
    return company.name if company is not None else company_number


def _members(db: Session, company_number: str, now: datetime) -> list[SpaceMember]:
    today = now.astimezone(BRUSSELS).date()
    rows = db.exec(
        select(RoleAssignment)
        .where(RoleAssignment.company_number == company_number)
        .order_by(col(RoleAssignment.surname), col(RoleAssignment.first_names))
    ).all()
    return [
        SpaceMember(
            name=f"{a.first_names} {a.surname}",
            role=ROLES[a.role_code].label,
            until=a.ends_on.strftime("%d/%m/%Y") if a.ends_on else "",
        )
        for a in rows
        if a.role_code in ROLES
        and ROLES[a.role_code].application == MON_ESPACE
        and is_in_force(a, today)
    ]


def space_settings(
    db: Session, session: UserSession, company_number: str, now: datetime
) -> SpaceSettings:
    permissions.require(db, session, Place.company(company_number), Permission.MANAGE_SPACE, now)
    row = db.get(CompanySpace, company_number) or CompanySpace(company_number=company_number)
    return SpaceSettings(
        company_number=company_number,
        company_name=company_name(db, company_number),
        contact_email=row.contact_email,
        notify_submitted=row.notify_submitted,
        notify_complement=row.notify_complement,
        notify_closed=row.notify_closed,
        members=_members(db, company_number, now),
    )


def save_space_settings(
    db: Session,
    session: UserSession,
    company_number: str,
    *,
    contact_email: str,
    notify_submitted: bool,
    notify_complement: bool,
    notify_closed: bool,
    now: datetime,
) -> None:
    permissions.require(db, session, Place.company(company_number), Permission.MANAGE_SPACE, now)
    address = contact_email.strip()
    if address and not is_email_address(address):
        raise SpaceSettingsError(address)
    row = db.get(CompanySpace, company_number) or CompanySpace(company_number=company_number)
    row.contact_email = address
    row.notify_submitted = notify_submitted
    row.notify_complement = notify_complement
    row.notify_closed = notify_closed
    row.updated_by = session.national_number
    row.updated_at = now
    db.add(row)
