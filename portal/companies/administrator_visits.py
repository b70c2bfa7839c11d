"""The units of work of "Gérer les administrateurs de l'attribution des rôles" (seed 001, the
actions of "Gérer les attributions de rôles - Aperçu"): the companies the person is GAP of, one
company's current role administrators, naming one and removing one.

Each starts with the visit's check; ``administrators`` checks that the caller is the company's
current GAP with the eID, for the list as for each change, so a forged event is refused there.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from foundation.models.companies import Company, MainAccessManager
from foundation.models.role_administration import RoleAdministrator
from foundation.models.session import UserSession
from portal.companies.access import require_gap, require_high_assurance
from portal.companies.administrators import (
    AdministratorDetails,
    name_role_administrator,
    remove_role_administrator,
    role_administrators,
)
from portal.companies.company_number import parse_company_number
from portal.companies.entry import entered
from portal.companies.gap import CompanyOption, option_of
from portal.companies.invitation_form import shown_day
from portal.visits import Visit


@dataclass(frozen=True, slots=True)
class AdministratorRow:
    id: int
    surname: str
    first_names: str
    email: str
    named_on: str  # 02/03/2026


@dataclass(frozen=True, slots=True)
class AdministratorsPage:
    visit: Visit
    companies: tuple[CompanyOption, ...]  # those the person is the current GAP of
    company_number: str  # the one shown, "" when there is none
    administrators: tuple[AdministratorRow, ...]


def _gap_of(db: Session, national_number: str) -> tuple[CompanyOption, ...]:
    found = db.exec(
        select(Company)
        .join(MainAccessManager, col(MainAccessManager.company_number) == Company.number)
        .where(
            MainAccessManager.national_number == national_number,
            col(MainAccessManager.replaced_at).is_(None),
        )
        .order_by(col(Company.name))
    ).all()
    return tuple(map(option_of, found))


def _row(administrator: RoleAdministrator) -> AdministratorRow:
    assert administrator.id is not None  # read from the table
    return AdministratorRow(
        id=administrator.id,
        surname=administrator.surname,
        first_names=administrator.first_names,
        email=administrator.email,
        named_on=shown_day(administrator.named_at.date()),
    )


def _listed(
    db: Session, session: UserSession, number: str, now: datetime
) -> tuple[AdministratorRow, ...]:
    require_gap(db, session, number, now)
    return tuple(_row(a) for a in role_administrators(db, session, number, now))


def open_administrators(
    session_id: str | None,
    company_number: str = "",
    *,
    now: datetime,
    bind: Engine | None = None,
) -> AdministratorsPage:
    """The companies the person is GAP of and the administrators of ``company_number`` (the
    first company when none is asked); ``NotMainAccessManagerError`` for one they are not GAP of."""
    with entered(session_id, now=now, bind=bind) as inside:
        session = inside.session_row
        require_high_assurance(session, now)
        companies = _gap_of(inside.db, session.national_number)
        number = parse_company_number(company_number) if company_number.strip() else ""
        if not number and companies:
            number = companies[0].number
        listed = _listed(inside.db, session, number, now) if number else ()
        return AdministratorsPage(inside.visit, companies, number, listed)


def name(
    session_id: str | None,
    company_number: str,
    details: AdministratorDetails,
    *,
    now: datetime,
    public_origin: str,
    bind: Engine | None = None,
) -> tuple[AdministratorRow, ...]:
    """ "Ajouter": the person is named (and told by e-mail); the company's list after it."""
    with entered(session_id, now=now, bind=bind) as inside:
        session = inside.session_row
        named = name_role_administrator(
            inside.db, session, company_number, details, now, public_origin=public_origin
        )
        return _listed(inside.db, session, named.company_number, now)


def remove(
    session_id: str | None, administrator_id: int, *, now: datetime, bind: Engine | None = None
) -> tuple[AdministratorRow, ...]:
    """ "Supprimer", once confirmed: the person is told; the company's list after it."""
    with entered(session_id, now=now, bind=bind) as inside:
        session = inside.session_row
        removed = remove_role_administrator(inside.db, session, administrator_id, now)
        return _listed(inside.db, session, removed.company_number, now)
