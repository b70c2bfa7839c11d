"""Loads records.toml into the portal's database; running it again adds nothing twice."""

from __future__ import annotations

import tomllib
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlmodel import Session, select

from foundation.models.dossiers import Dossier, PersonalItem, TeachingStaffMember
from identity.paper_token.officers import appoint_officer, office_of
from simulators.personas.loader import load_personas

RECORDS_FILE = Path(__file__).with_name("records.toml")


def seed_administration_records(db: Session, *, now: datetime) -> int:
    """Returns how many rows it added."""
    records: dict[str, Any] = tomllib.loads(RECORDS_FILE.read_text(encoding="utf-8"))
    personas = load_personas()
    added = 0
    for slug, record in records.items():
        national_number = personas[slug].national_number
        office = record.get("registration_office")
        if office and office_of(db, national_number) is None:
            appoint_officer(db, national_number=national_number, office=office)
            added += 1
        if (
            db.exec(
                select(PersonalItem).where(PersonalItem.national_number == national_number)
            ).first()
            or db.exec(select(Dossier).where(Dossier.national_number == national_number)).first()
        ):
            continue  # this persona's records are already there
        employer = record.get("teaching_employer")
        if employer and db.get(TeachingStaffMember, national_number) is None:
            db.add(TeachingStaffMember(national_number=national_number, employer=employer))
            added += 1
        for dossier in record.get("dossiers", []):
            db.add(
                Dossier(
                    national_number=national_number,
                    space=dossier["space"],
                    title=dossier["title"],
                    status=dossier["status"],
                    updated_at=now,
                )
            )
            added += 1
        for group in record.get("items", []):
            for title in group["titles"]:
                db.add(
                    PersonalItem(
                        national_number=national_number,
                        space=group["space"],
                        kind=group["kind"],
                        title=title,
                        created_at=now,
                    )
                )
                added += 1
    return added
