"""Who may act: every company service checks its caller here, from the session row itself, so an
event forged on the websocket is refused like a click on a hidden button."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import union
from sqlmodel import Session, col, select

from foundation.clock import aware
from foundation.models.companies import MainAccessManager
from foundation.models.role_administration import RoleAdministrator
from foundation.models.session import UserSession
from identity.assurance import LevelOfAssurance
from portal.companies import assignment_errors, errors
from portal.levels import Gate, reaches

# Who manages a company's role assignments: its current GAP, or a role administrator he named.
RoleManager = MainAccessManager | RoleAdministrator


def require_live_session(session: UserSession, now: datetime) -> None:
    """A session not ended, whatever its key: enough to read one's own assignments."""
    if session.revoked_at is not None or now >= aware(session.expires_at):
        raise errors.SessionEndedError(session.id)


def require_high_assurance(session: UserSession, now: datetime) -> None:
    """A live session whose key reaches the level of role management (``portal.levels``: high,
    the eID card)."""
    require_live_session(session, now)
    if not reaches(LevelOfAssurance(session.level), Gate.ROLE_MANAGEMENT):
        raise errors.HighAssuranceRequiredError(session.national_number)


def current_gap(db: Session, company_number: str) -> MainAccessManager | None:
    return db.exec(
        select(MainAccessManager).where(
            MainAccessManager.company_number == company_number,
            col(MainAccessManager.replaced_at).is_(None),
        )
    ).first()


def require_gap(
    db: Session, session: UserSession, company_number: str, now: datetime
) -> MainAccessManager:
    """The session's person is the company's current GAP, identified with the eID card."""
    require_high_assurance(session, now)
    gap = current_gap(db, company_number)
    if gap is None or gap.national_number != session.national_number:
        raise errors.NotMainAccessManagerError(company_number)
    return gap


def role_administrator(
    db: Session, company_number: str, national_number: str
) -> RoleAdministrator | None:
    """The person's current naming as role administrator of the company, if any."""
    return db.exec(
        select(RoleAdministrator).where(
            RoleAdministrator.company_number == company_number,
            RoleAdministrator.national_number == national_number,
            col(RoleAdministrator.removed_at).is_(None),
        )
    ).first()


def require_role_manager(
    db: Session, session: UserSession, company_number: str, now: datetime
) -> RoleManager:
    """The session's person is the company's current GAP or one of its role administrators,
    identified with the eID card; read from the database at each call, so a removal counts at
    the next click."""
    require_high_assurance(session, now)
    gap = current_gap(db, company_number)
    if gap is not None and gap.national_number == session.national_number:
        return gap
    administrator = role_administrator(db, company_number, session.national_number)
    if administrator is None:
        raise assignment_errors.NotRoleManagerError(company_number)
    return administrator


def managed_company_numbers(national_number: str) -> Any:
    """A subquery of the numbers of the companies this person manages (as current GAP or role
    administrator), for ``col(...).in_(...)``."""
    as_gap = select(MainAccessManager.company_number).where(
        MainAccessManager.national_number == national_number,
        col(MainAccessManager.replaced_at).is_(None),
    )
    as_administrator = select(RoleAdministrator.company_number).where(
        RoleAdministrator.national_number == national_number,
        col(RoleAdministrator.removed_at).is_(None),
    )
    return select(union(as_gap, as_administrator).subquery().c[0])


def caller_name(session: UserSession) -> str:
    return f"{session.first_names} {session.surname}"
