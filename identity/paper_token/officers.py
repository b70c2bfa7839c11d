"""Who may use the registration-office back office: officers named in ``registration_officer``."""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import Session

from foundation.models.registration_office import RegistrationOfficer
from identity.assurance import LevelOfAssurance
from identity.paper_token import errors

# Registering someone is identity proofing: only an officer logged in with a high-level key.
DESK_LEVEL = LevelOfAssurance.HIGH


@dataclass(frozen=True, slots=True)
class Desk:
    """What the back office shows a logged-in person: their office (None: not an officer) and
    whether their login is strong enough to register anyone."""

    office: str | None
    strong_enough: bool

    @property
    def open(self) -> bool:
        return self.office is not None and self.strong_enough


def desk_for(db: Session, *, national_number: str, level: int) -> Desk:
    return Desk(
        office=office_of(db, national_number),
        strong_enough=LevelOfAssurance(level).satisfies(DESK_LEVEL),
    )


def check_officer(db: Session, *, officer_id: str, level: int) -> str:
    """The office of the officer ``officer_id`` (a national number) logged in at ``level``, when
    they may register people; refused otherwise, whatever the page showed."""
    if not officer_id.strip():
        raise errors.RegistrationFieldError("officer_id")
    desk = desk_for(db, national_number=officer_id.strip(), level=level)
    if desk.office is None:
        raise errors.NotAnOfficerError(f"{officer_id} is no registration officer")
    if not desk.strong_enough:
        raise errors.OfficerLoginTooWeakError(f"officer {officer_id} logged in at level {level}")
    return desk.office


def office_of(db: Session, national_number: str) -> str | None:
    """The office of an officer, or None for everyone else."""
    row = db.get(RegistrationOfficer, national_number)
    return row.office if row is not None else None


def appoint_officer(db: Session, *, national_number: str, office: str) -> RegistrationOfficer:
    """Makes the person an officer of ``office`` (or moves them to it)."""
    if len(national_number) != 11 or not national_number.isdigit():
        raise ValueError(f"a national number has 11 digits, not {national_number!r}")
    if not office.strip():
        raise ValueError("the office needs a name")
    row = db.get(RegistrationOfficer, national_number) or RegistrationOfficer(
        national_number=national_number, office=office.strip()
    )
    row.office = office.strip()
    db.add(row)
    db.flush()
    return row


def dismiss_officer(db: Session, *, national_number: str) -> bool:
    row = db.get(RegistrationOfficer, national_number)
    if row is None:
        return False
    db.delete(row)
    db.flush()
    return True
