"""Who may act: every company service checks its caller here, from the session row itself, so an
event forged on the websocket is refused like a click on a hidden button."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlmodel import Session, col, select

from foundation.models.companies import MainAccessManager
from foundation.models.session import UserSession
from identity.assurance import LevelOfAssurance
from portal.companies import errors


def aware(moment: datetime) -> datetime:
    # SQLite may hand datetimes back without their zone; the portal only ever stores UTC.
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


def require_high_assurance(session: UserSession, now: datetime) -> None:
    """A live session opened with a high-assurance key (the eID card)."""
    if session.revoked_at is not None or now >= aware(session.expires_at):
        raise errors.SessionEndedError(session.id)
    if not LevelOfAssurance(session.level).satisfies(LevelOfAssurance.HIGH):
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


def caller_name(session: UserSession) -> str:
    return f"{session.first_names} {session.surname}"
