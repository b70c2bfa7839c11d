"""Finding a dossier for someone, and writing down what happens to it.

A dossier is found by its reference and only in a place the person may read: a dossier of
another person, or of a company the person has no role in, is "not found" (the same answer
as for a reference that does not exist, so a guess learns nothing).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import datetime

from sqlmodel import Session, select

from foundation.models.dossiers import Dossier, DossierEvent
from foundation.models.session import UserSession
from portal.companies.roles import Permission
from portal.dossiers import permissions
from portal.dossiers.errors import DossierNotFoundError, StaleDossierError
from portal.dossiers.places import COMPANY, Place

ADMINISTRATION = "administration"  # the actor of the back office's actions


def place_of(dossier: Dossier) -> Place:
    if dossier.space == COMPANY and dossier.company_number is not None:
        return Place.company(dossier.company_number)
    return Place(dossier.space)


def reference_for(dossier_id: int, now: datetime) -> str:
    return f"ME-{now.year}-{dossier_id:06d}"


def by_reference(db: Session, reference: str, *, lock: bool = False) -> Dossier | None:
    """``lock``: the row is held until the caller's unit of work ends, for a change. Two
    backends changing one dossier from the same page then take turns, and the second sees the
    first's new version (``check_version`` refuses it) instead of both passing the check on the
    version they read (PostgreSQL; SQLite serialises writers anyway)."""
    query = select(Dossier).where(Dossier.reference == reference.strip().upper())
    if lock:
        query = query.with_for_update().execution_options(populate_existing=True)
    return db.exec(query).first()


def find_for(
    db: Session,
    session: UserSession,
    reference: str,
    permission: Permission,
    now: datetime,
) -> Dossier:
    """The dossier, if the session's person may do ``permission`` on it now; locked for the
    rest of the unit of work when ``permission`` changes it."""
    dossier = by_reference(db, reference, lock=permission is not Permission.READ)
    if dossier is None:
        raise DossierNotFoundError(reference)
    place = place_of(dossier)
    if place.company_number is None and dossier.national_number != session.national_number:
        raise DossierNotFoundError(reference)
    permissions.require(db, session, place, permission, now)
    return dossier


def check_version(dossier: Dossier, version: int | None) -> None:
    """``None``: the caller does not know of versions (the back office acts on its own)."""
    if version is not None and version != dossier.version:
        raise StaleDossierError(f"{dossier.reference}: {version} != {dossier.version}")


def touch(dossier: Dossier, actor: str, now: datetime) -> None:
    dossier.version += 1
    dossier.updated_at = now
    dossier.updated_by = actor if actor != ADMINISTRATION else dossier.updated_by


def record(
    db: Session, dossier: Dossier, actor: str, action: str, now: datetime, message: str = ""
) -> None:
    assert dossier.id is not None
    db.add(DossierEvent(dossier_id=dossier.id, at=now, actor=actor, action=action, message=message))


def values_of(dossier: Dossier) -> dict[str, str]:
    data = json.loads(dossier.data or "{}")
    return {str(k): str(v) for k, v in data.items()}


def sources_of(dossier: Dossier) -> dict[str, str]:
    data = json.loads(dossier.sources or "{}")
    return {str(k): str(v) for k, v in data.items()}


def dumped(values: Mapping[str, str]) -> str:
    return json.dumps(dict(values), ensure_ascii=False, sort_keys=True)
