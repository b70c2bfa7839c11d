"""The spaces a person may enter and what their dashboards show."""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import Session, col, func, select

from foundation.models.dossiers import Dossier, PersonalItem, TeachingStaffMember

CITIZEN = "citoyen"
TEACHING = "enseignement"
ITEM_KINDS = ("document", "notification", "communication")
# Catalogue keys of the procedures suggested on each dashboard (seed 003: the démarches).
SUGGESTED_PROCEDURES = {
    CITIZEN: ("procedure.study_grant", "procedure.school_enrolment", "procedure.equivalence"),
    TEACHING: ("procedure.reduced_hours", "procedure.career_statement", "procedure.training"),
}


class UnknownSpaceError(LookupError):
    pass


@dataclass(frozen=True, slots=True)
class DossierLine:
    title: str
    status: str
    updated: str


@dataclass(frozen=True, slots=True)
class Dashboard:
    space: str
    dossiers: list[DossierLine]
    documents: int
    notifications: int
    communications: int
    suggested: tuple[str, ...]


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
            .where(PersonalItem.national_number == national_number, PersonalItem.space == space)
            .group_by(col(PersonalItem.kind))
        ).all()
    )
    dossiers = db.exec(
        select(Dossier)
        .where(Dossier.national_number == national_number, Dossier.space == space)
        .order_by(col(Dossier.updated_at).desc())
    ).all()
    return Dashboard(
        space=space,
        dossiers=[
            DossierLine(d.title, d.status, d.updated_at.strftime("%d/%m/%Y")) for d in dossiers
        ],
        documents=counts.get("document", 0),
        notifications=counts.get("notification", 0),
        communications=counts.get("communication", 0),
        suggested=SUGGESTED_PROCEDURES[space],
    )


def items(db: Session, national_number: str, space: str, kind: str) -> list[tuple[str, str]]:
    """(title, date) of the documents, notifications or communications of a space, newest first."""
    check_space(db, national_number, space)
    if kind not in ITEM_KINDS:
        raise ValueError(f"unknown kind of item: {kind!r}")
    rows = db.exec(
        select(PersonalItem)
        .where(
            PersonalItem.national_number == national_number,
            PersonalItem.space == space,
            PersonalItem.kind == kind,
        )
        .order_by(col(PersonalItem.created_at).desc(), col(PersonalItem.id))
    ).all()
    return [(row.title, row.created_at.strftime("%d/%m/%Y")) for row in rows]
