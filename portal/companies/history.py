"""The lines of "Historique de l'attribution de rôle", in the seed's words."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Session, col, select

from foundation.models.companies import RoleAssignmentHistory
from foundation.models.session import UserSession
from portal.companies.access import caller_name

AUTOMATIC = "Automatique"  # the actor of what the portal does by itself
REQUESTED = "Demandé(e)"
APPROVED = "Attribution de rôle approuvée"
GRANTED = "Attribution de rôle octroyée"
REJECTED = "Attribution de rôle rejetée"
EXPIRED = "Expiré(e)"


def record(
    db: Session,
    assignment_id: int,
    action: str,
    *,
    by: UserSession | None,
    at: datetime,
    details: str = "",
) -> RoleAssignmentHistory:
    """One line; ``by`` None is the portal itself ("Automatique"); ``details`` is the
    "Informations supplémentaires" column (a new end date, a requester's message)."""
    entry = RoleAssignmentHistory(
        assignment_id=assignment_id,
        at=at,
        actor_national_number=None if by is None else by.national_number,
        actor_name=AUTOMATIC if by is None else caller_name(by),
        action=action,
        details=details,
    )
    db.add(entry)
    return entry


def history_of(db: Session, assignment_id: int) -> list[RoleAssignmentHistory]:
    """Newest first, as the seed's table reads."""
    return list(
        db.exec(
            select(RoleAssignmentHistory)
            .where(RoleAssignmentHistory.assignment_id == assignment_id)
            .order_by(col(RoleAssignmentHistory.at).desc(), col(RoleAssignmentHistory.id).desc())
        ).all()
    )
