"""Who may do what with dossiers, read at each action from the database (DESIGN §2:
"stopping a role takes effect at the next click").

In a person's own space the person may do everything with their dossiers. In a company's
professional space, the person's Mon Espace assignments in force today decide, by the matrix of
seeds 001/002 (``portal.companies.roles``). Levels of assurance: each permission's row of
``portal.levels`` (reading and changing: substantial, personal data; initiating, signing and
submitting: high, the eID).
"""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Session, select

from foundation.clock import BRUSSELS, aware
from foundation.models.companies import RoleAssignment
from foundation.models.session import UserSession
from identity.assurance import LevelOfAssurance
from portal.companies.roles import MON_ESPACE, ROLES, Permission, can, is_in_force
from portal.dossiers.errors import (
    DossierSessionEndedError,
    EidRequiredError,
    RoleRequiredError,
    SpaceNotAllowedError,
    SubstantialLevelRequiredError,
)
from portal.dossiers.places import Place
from portal.levels import Gate, minimum_level, reaches
from portal.spaces import spaces_for


def gate_of(permission: Permission) -> Gate:
    """The row of ``portal.levels`` of an action on dossiers."""
    return Gate(f"dossier.{permission.value}")


def roles_allowing(permission: Permission) -> str:
    """ "Editeur de dossiers ou Propriétaire de l'espace": what a refusal names."""
    labels = [
        r.label
        for r in ROLES.values()
        if r.application == MON_ESPACE and permission in r.permissions
    ]
    return ", ".join(labels[:-1]) + (" ou " if len(labels) > 1 else "") + labels[-1]


def require_level(session: UserSession, permission: Permission, now: datetime) -> None:
    if session.revoked_at is not None or now >= aware(session.expires_at):
        raise DossierSessionEndedError(session.id)
    gate = gate_of(permission)
    if reaches(LevelOfAssurance(session.level), gate):
        return
    # The page sends the person to the eID for the high level, to the step-up chooser below it.
    if minimum_level(gate) is LevelOfAssurance.HIGH:
        raise EidRequiredError(permission.value)
    raise SubstantialLevelRequiredError(permission.value)


def assignments_of(db: Session, national_number: str, company_number: str) -> list[RoleAssignment]:
    return list(
        db.exec(
            select(RoleAssignment).where(
                RoleAssignment.national_number == national_number,
                RoleAssignment.company_number == company_number,
            )
        ).all()
    )


def permissions_in(
    db: Session, session: UserSession, place: Place, now: datetime
) -> frozenset[Permission]:
    """What the session's person may do in that place today (the buttons a page shows)."""
    if place.company_number is None:
        if place.space not in spaces_for(db, session.national_number):
            return frozenset()
        return frozenset(set(Permission) - {Permission.MANAGE_SPACE})
    today = now.astimezone(BRUSSELS).date()
    assignments = assignments_of(db, session.national_number, place.company_number)
    return frozenset(p for p in Permission if can(assignments, place.company_number, p, on=today))


def has_space_role(db: Session, national_number: str, company_number: str, now: datetime) -> bool:
    """An active Mon Espace role in force today: what shows the company's space in Mes espaces."""
    today = now.astimezone(BRUSSELS).date()
    return any(
        is_in_force(a, today)
        and ROLES.get(a.role_code, None) is not None
        and ROLES[a.role_code].application == MON_ESPACE
        for a in assignments_of(db, national_number, company_number)
    )


def require(
    db: Session, session: UserSession, place: Place, permission: Permission, now: datetime
) -> None:
    """Refuses with the reason a page can show: the session, its level, the space, the role."""
    require_level(session, permission, now)
    if place.company_number is None:
        if place.space not in spaces_for(db, session.national_number):
            raise SpaceNotAllowedError(place.space)
        if permission == Permission.MANAGE_SPACE:
            raise SpaceNotAllowedError(place.space)
        return
    if permission not in permissions_in(db, session, place, now):
        if not has_space_role(db, session.national_number, place.company_number, now):
            raise SpaceNotAllowedError(place.company_number)
        raise RoleRequiredError(permission.value, roles_allowing(permission))
