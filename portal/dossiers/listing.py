"""Mes dossiers: the dossiers of one space, searchable by reference or title, filtered by
status, ten a page, newest change first."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session, col, func, or_, select

from foundation.clock import BRUSSELS, aware
from foundation.models.dossiers import Dossier, DossierStatus
from foundation.models.session import UserSession
from portal.companies.roles import Permission
from portal.dossiers import permissions
from portal.dossiers.places import Place

PAGE_SIZE = 10


@dataclass(frozen=True, slots=True)
class DossierLine:
    reference: str  # "" for a record the administration held before the portal
    title: str
    status: str  # DossierStatus
    updated: str  # DD/MM/YYYY, Brussels time


@dataclass(frozen=True, slots=True)
class DossierPage:
    lines: list[DossierLine]
    total: int
    page: int
    pages: int


def _escaped(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def dossiers_in(
    db: Session,
    session: UserSession,
    place: Place,
    *,
    search: str = "",
    status: str = "",
    page: int = 1,
    now: datetime,
) -> DossierPage:
    permissions.require(db, session, place, Permission.READ, now)
    query = select(Dossier).where(Dossier.space == place.space)
    if place.company_number is not None:
        query = query.where(Dossier.company_number == place.company_number)
    else:
        query = query.where(
            Dossier.national_number == session.national_number,
            col(Dossier.company_number).is_(None),
        )
    if status in set(DossierStatus):
        query = query.where(Dossier.status == status)
    needle = search.strip()
    if needle:
        pattern = f"%{_escaped(needle)}%"
        query = query.where(
            or_(
                col(Dossier.title).ilike(pattern, escape="\\"),
                col(Dossier.reference).ilike(pattern, escape="\\"),
            )
        )
    total = int(db.exec(select(func.count()).select_from(query.subquery())).one())
    pages = max(1, -(-total // PAGE_SIZE))
    current = min(max(1, page), pages)
    rows = db.exec(
        query.order_by(col(Dossier.updated_at).desc(), col(Dossier.id).desc())
        .offset((current - 1) * PAGE_SIZE)
        .limit(PAGE_SIZE)
    ).all()
    return DossierPage(
        lines=[
            DossierLine(
                reference=d.reference or "",
                title=d.title,
                status=d.status,
                updated=aware(d.updated_at).astimezone(BRUSSELS).strftime("%d/%m/%Y"),
            )
            for d in rows
        ],
        total=total,
        page=current,
        pages=pages,
    )
