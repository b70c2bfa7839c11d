"""A company's professional space as its pages show it ("Espace professionnel — <company>"):
the person's place there (the company, their roles in force today, what those allow), the
dashboard (latest dossiers, documents and notifications counted, the démarches they may start)
and the company's documents and notifications with their links.

Each function starts with the READ check of ``permissions.require`` (a live session of a
substantial level, an active Mon Espace role of that company in force today), so a forged
company number, or a role stopped since the last page, is refused at the next call. What the
company holds is the company's: every person with a role in it sees the same lines, and nothing
of another company.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session, col, func, select

from foundation.clock import BRUSSELS
from foundation.models.dossiers import PersonalItem
from foundation.models.session import UserSession
from portal.companies.company_number import CompanyNumberError, parse_company_number
from portal.companies.roles import MON_ESPACE, ROLES, Permission, is_in_force
from portal.dossiers import permissions
from portal.dossiers.catalogue import Procedure, load_catalogue
from portal.dossiers.errors import SpaceNotAllowedError
from portal.dossiers.listing import DossierLine, dossiers_in
from portal.dossiers.places import COMPANY, Place
from portal.dossiers.professional_spaces import company_name
from portal.spaces import LATEST_DOSSIERS, Item, item_lines

# What a company's space lists (it has no communications).
COMPANY_ITEM_KINDS = ("document", "notification")


@dataclass(frozen=True, slots=True)
class CompanyPlace:
    """Who the person is in the company's space, for every page of it."""

    company_number: str  # ten digits: 0712345630
    company_name: str
    roles: tuple[str, ...]  # "Rédacteur de dossiers": the Mon Espace roles in force today
    permissions: frozenset[Permission]


@dataclass(frozen=True, slots=True)
class CompanyBoard:
    """MON TABLEAU DE BORD of the company's space."""

    place: CompanyPlace
    dossiers: list[DossierLine]  # the latest changed
    documents: int
    notifications: int
    # The catalogue's démarches for companies, for a person who may create a dossier; none else.
    suggested: tuple[Procedure, ...]


def company_number_of(typed: str) -> str:
    """The ten digits of a company number as a link carries it (dots allowed); a number that is
    none is refused as a space the person has no access to."""
    try:
        return parse_company_number(typed)
    except CompanyNumberError:
        raise SpaceNotAllowedError(typed) from None


def role_labels(
    db: Session, national_number: str, company_number: str, now: datetime
) -> tuple[str, ...]:
    """The person's Mon Espace roles in the company in force today, in the catalogue's order."""
    today = now.astimezone(BRUSSELS).date()
    held = {
        a.role_code
        for a in permissions.assignments_of(db, national_number, company_number)
        if is_in_force(a, today)
    }
    return tuple(
        role.label
        for code, role in ROLES.items()
        if code in held and role.application == MON_ESPACE
    )


def company_place(
    db: Session, session: UserSession, company_number: str, now: datetime
) -> CompanyPlace:
    number = company_number_of(company_number)
    place = Place.company(number)
    permissions.require(db, session, place, Permission.READ, now)
    return CompanyPlace(
        company_number=number,
        company_name=company_name(db, number),
        roles=role_labels(db, session.national_number, number, now),
        permissions=permissions.permissions_in(db, session, place, now),
    )


def company_board(
    db: Session, session: UserSession, company_number: str, now: datetime
) -> CompanyBoard:
    place = company_place(db, session, company_number, now)
    number = place.company_number
    counts = dict(
        db.exec(
            select(PersonalItem.kind, func.count())
            .where(PersonalItem.company_number == number, PersonalItem.space == COMPANY)
            .group_by(col(PersonalItem.kind))
        ).all()
    )
    latest = dossiers_in(db, session, Place.company(number), now=now).lines[:LATEST_DOSSIERS]
    may_create = Permission.CREATE in place.permissions
    return CompanyBoard(
        place=place,
        dossiers=latest,
        documents=counts.get("document", 0),
        notifications=counts.get("notification", 0),
        suggested=load_catalogue().for_space(COMPANY) if may_create else (),
    )


def company_items(
    db: Session, session: UserSession, company_number: str, kind: str, now: datetime
) -> tuple[CompanyPlace, list[Item]]:
    """The company's documents or notifications, newest first, with their links."""
    if kind not in COMPANY_ITEM_KINDS:
        raise ValueError(f"a company's space lists no {kind!r}")
    place = company_place(db, session, company_number, now)
    rows = db.exec(
        select(PersonalItem)
        .where(
            PersonalItem.company_number == place.company_number,
            PersonalItem.space == COMPANY,
            PersonalItem.kind == kind,
        )
        .order_by(col(PersonalItem.created_at).desc(), col(PersonalItem.id))
    ).all()
    return place, item_lines(db, rows)
