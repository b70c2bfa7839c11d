"""The spaces a person may enter and what their dashboards show."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session, col, func, select

from foundation import routes
from foundation.clock import BRUSSELS, aware
from foundation.models.dossiers import Dossier, PersonalItem, TeachingStaffMember
from portal.dossiers.downloads import document_link

CITIZEN = "citoyen"
TEACHING = "enseignement"
ITEM_KINDS = ("document", "notification", "communication")
# The dashboard shows the latest dossiers; Mes dossiers lists them all.
LATEST_DOSSIERS = 5
# The démarches each dashboard suggests (seed 003), by their key in the catalogue.
SUGGESTED_PROCEDURES = {
    CITIZEN: ("allocation-etudes", "inscription-secondaire", "equivalence-diplome"),
    TEACHING: ("prestations-reduites", "interruption-carriere", "equivalence-diplome"),
}


class UnknownSpaceError(LookupError):
    pass


@dataclass(frozen=True, slots=True)
class DossierLine:
    title: str
    status: str  # a DossierStatus: its text is dossier.status.<status>
    updated: str
    reference: str = ""  # "" for a record the administration held before the portal


@dataclass(frozen=True, slots=True)
class Item:
    """A line of Mes documents, Mes notifications or Communications."""

    title: str
    date: str  # DD/MM/YYYY, Brussels time
    # A document of a dossier downloads its file (or the dossier's receipt); a notification about
    # a dossier opens it; "" for the rest.
    href: str = ""


@dataclass(frozen=True, slots=True)
class Dashboard:
    space: str
    dossiers: list[DossierLine]
    documents: int
    notifications: int
    communications: int
    suggested: tuple[str, ...]  # démarche keys of the catalogue


def is_teaching_staff(db: Session, national_number: str) -> bool:
    return db.get(TeachingStaffMember, national_number) is not None


def spaces_for(db: Session, national_number: str) -> list[str]:
    """Citizen for everyone; teaching for people in the teaching-staff register."""
    spaces = [CITIZEN]
    if is_teaching_staff(db, national_number):
        spaces.append(TEACHING)
    return spaces


def check_space(db: Session, national_number: str, space: str) -> None:
    if space not in spaces_for(db, national_number):
        raise UnknownSpaceError(space)


def dashboard(db: Session, national_number: str, space: str) -> Dashboard:
    check_space(db, national_number, space)
    counts = dict(
        db.exec(
            select(PersonalItem.kind, func.count())
            .where(
                PersonalItem.national_number == national_number,
                PersonalItem.space == space,
                col(PersonalItem.company_number).is_(None),
            )
            .group_by(col(PersonalItem.kind))
        ).all()
    )
    dossiers = db.exec(
        select(Dossier)
        .where(
            Dossier.national_number == national_number,
            Dossier.space == space,
            col(Dossier.company_number).is_(None),
        )
        .order_by(col(Dossier.updated_at).desc(), col(Dossier.id).desc())
        .limit(LATEST_DOSSIERS)
    ).all()
    return Dashboard(
        space=space,
        dossiers=[
            DossierLine(d.title, d.status, _day(d.updated_at), d.reference or "") for d in dossiers
        ],
        documents=counts.get("document", 0),
        notifications=counts.get("notification", 0),
        communications=counts.get("communication", 0),
        suggested=SUGGESTED_PROCEDURES[space],
    )


def items(db: Session, national_number: str, space: str, kind: str) -> list[Item]:
    """The documents, notifications or communications of a space, newest first."""
    check_space(db, national_number, space)
    if kind not in ITEM_KINDS:
        raise ValueError(f"unknown kind of item: {kind!r}")
    rows = db.exec(
        select(PersonalItem)
        .where(
            PersonalItem.national_number == national_number,
            PersonalItem.space == space,
            col(PersonalItem.company_number).is_(None),
            PersonalItem.kind == kind,
        )
        .order_by(col(PersonalItem.created_at).desc(), col(PersonalItem.id))
    ).all()
    return item_lines(db, rows)


def item_lines(db: Session, rows: Sequence[PersonalItem]) -> list[Item]:
    """The rows as a page lists them, each with its link (see ``Item.href``)."""
    ids = {row.dossier_id for row in rows if row.dossier_id is not None}
    references = (
        dict(db.exec(select(Dossier.id, Dossier.reference).where(col(Dossier.id).in_(ids))).all())
        if ids
        else {}
    )
    return [
        Item(row.title, _day(row.created_at), _link(row, references.get(row.dossier_id)))
        for row in rows
    ]


def _link(row: PersonalItem, reference: str | None) -> str:
    if row.dossier_id is None or not reference:
        return ""
    if row.kind == "document":
        return document_link(reference, row.attachment_id)
    return routes.dossier(reference)


def _day(moment: datetime) -> str:
    return aware(moment).astimezone(BRUSSELS).strftime("%d/%m/%Y")
