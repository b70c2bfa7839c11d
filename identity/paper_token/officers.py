"""Who may use the registration-office back office: officers named in ``registration_officer``."""

from __future__ import annotations

from sqlmodel import Session

from monespace_app.models.registration_office import RegistrationOfficer


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
