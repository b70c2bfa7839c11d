""" "Gérer les administrateurs de l'attribution des rôles": the GAP names people who may manage
the company's role assignments without being GAP (``access.require_role_manager`` lets them in),
and removes them. Only the GAP names or removes; each change is kept in the table (a removed
administrator keeps his row, with who removed him and when) and told to the person by e-mail.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select, update

from foundation import routes
from foundation.mail_outbox import enqueue
from foundation.models.companies import Company
from foundation.models.role_administration import RoleAdministrator
from foundation.models.session import UserSession
from portal.companies import assignment_errors, assignment_mails
from portal.companies.access import (
    caller_name,
    require_gap,
    require_role_manager,
    role_administrator,
)
from portal.companies.company_number import parse_company_number
from portal.companies.mail_language import recipient_language
from portal.companies.people import Person, checked_person

# The person as the GAP types them (or as ``direct.find_person`` prefills them).
AdministratorDetails = Person


def _company(db: Session, number: str) -> Company:
    company = db.get(Company, number)
    assert company is not None  # it has a GAP, so it was registered
    return company


def role_administrators(
    db: Session, session: UserSession, company_number: str, now: datetime
) -> list[RoleAdministrator]:
    """The current role administrators by name; any manager of the company may read them."""
    number = parse_company_number(company_number)
    require_role_manager(db, session, number, now)
    return list(
        db.exec(
            select(RoleAdministrator)
            .where(
                RoleAdministrator.company_number == number,
                col(RoleAdministrator.removed_at).is_(None),
            )
            .order_by(col(RoleAdministrator.surname), col(RoleAdministrator.first_names))
        ).all()
    )


def administrator_record(
    db: Session, session: UserSession, company_number: str, now: datetime
) -> list[RoleAdministrator]:
    """Every naming, removed ones included, newest first: who named whom and who removed him."""
    number = parse_company_number(company_number)
    require_gap(db, session, number, now)
    return list(
        db.exec(
            select(RoleAdministrator)
            .where(RoleAdministrator.company_number == number)
            .order_by(col(RoleAdministrator.named_at).desc(), col(RoleAdministrator.id).desc())
        ).all()
    )


def name_role_administrator(
    db: Session,
    session: UserSession,
    company_number: str,
    details: AdministratorDetails,
    now: datetime,
    *,
    public_origin: str,
) -> RoleAdministrator:
    """Only the company's GAP; refused for the GAP himself and for a person already named."""
    number = parse_company_number(company_number)
    gap = require_gap(db, session, number, now)
    person = checked_person(details)
    if person.national_number == gap.national_number:
        raise assignment_errors.GapNeedsNoAdministrationError(number)
    if role_administrator(db, number, person.national_number) is not None:
        raise assignment_errors.AlreadyRoleAdministratorError(number)
    administrator = RoleAdministrator(
        company_number=number,
        national_number=person.national_number,
        surname=person.surname,
        first_names=person.first_names,
        email=person.email,
        named_by=session.national_number,
        named_at=now,
    )
    db.add(administrator)
    try:
        db.flush()
    except IntegrityError:  # two GAP tabs naming the same person at once
        raise assignment_errors.AlreadyRoleAdministratorError(number) from None
    enqueue(
        db,
        assignment_mails.role_administrator_named(
            to=person.email,
            language=recipient_language(db, national_number=person.national_number, actor=session),
            company=_company(db, number).name,
            gap=caller_name(session),
            management_url=f"{public_origin}{routes.ROLE_MANAGEMENT}",
        ),
        now=now,
    )
    return administrator


def remove_role_administrator(
    db: Session, session: UserSession, administrator_id: int, now: datetime
) -> RoleAdministrator:
    """Only the GAP of the administrator's company. Conditional on the row still being current,
    so a second removal (another tab) is refused and sends no second e-mail."""
    administrator = db.get(RoleAdministrator, administrator_id)
    if administrator is None:
        raise assignment_errors.RoleAdministratorNotFoundError(str(administrator_id))
    require_gap(db, session, administrator.company_number, now)
    result = db.exec(
        update(RoleAdministrator)
        .where(
            col(RoleAdministrator.id) == administrator_id,
            col(RoleAdministrator.removed_at).is_(None),
        )
        .values(removed_at=now, removed_by=session.national_number)
        .execution_options(synchronize_session=False)
    )
    if result.rowcount != 1:
        raise assignment_errors.RoleAdministratorNotFoundError(str(administrator_id))
    db.refresh(administrator)
    enqueue(
        db,
        assignment_mails.role_administrator_removed(
            to=administrator.email,
            language=recipient_language(
                db, national_number=administrator.national_number, actor=session
            ),
            company=_company(db, administrator.company_number).name,
            gap=caller_name(session),
        ),
        now=now,
    )
    return administrator
