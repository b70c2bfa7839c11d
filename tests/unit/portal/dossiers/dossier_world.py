"""The people, companies, roles and sources of the dossiers' unit tests: Naïma in her own
spaces, and the people of "Entreprise de test" each with one Mon Espace role."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from sqlmodel import Session

from foundation.models.companies import AssignmentStatus, Company, RoleAssignment
from foundation.models.dossiers import TeachingStaffMember
from foundation.models.session import UserSession
from identity.assurance import LevelOfAssurance
from tests.unit.portal.companies.conftest import (
    CHLOE,
    NAIMA,
    NOW,
    TEST_COMPANY,
    Person,
    add_account,
    session_of,
)

__all__ = ["CHLOE", "NAIMA", "NOW", "TEST_COMPANY", "Person", "add_account", "session_of"]

TODAY = NOW.date()
ROLE_CODES = {
    "reader": "monespace.reader",
    "writer": "monespace.writer",
    "editor": "monespace.editor",
    "space_manager": "monespace.space_manager",
    "space_owner": "monespace.space_owner",
}
# One person per role, plus a person of another company.
PEOPLE = {
    "reader": Person("85071012345", "Relecteur", "Rita", "rita@entreprise.test"),
    "writer": Person("90020254321", "Rédacteur", "Robert", "robert@entreprise.test"),
    "editor": Person("77120311122", "Editeur", "Edith", "edith@entreprise.test"),
    "space_manager": Person("82050533344", "Gestion", "Gilles", "gilles@entreprise.test"),
    "space_owner": Person("70010155566", "Proprio", "Paula", "paula@entreprise.test"),
}
OTHER_COMPANY = "0845059050"


def add_company(db: Session, number: str = TEST_COMPANY, name: str = "Entreprise de test") -> None:
    db.add(
        Company(
            number=number,
            name=name,
            legal_form="SRL",
            street="Avenue Georges Lemaître 19",
            zip_code="6041",
            municipality="Charleroi",
            registered_by="68091717134",
            registered_at=NOW,
        )
    )
    db.flush()


def give_role(
    db: Session,
    person: Person,
    role: str,
    *,
    company: str = TEST_COMPANY,
    status: AssignmentStatus = AssignmentStatus.ACTIVE,
    starts_on: date = TODAY - timedelta(days=30),
    ends_on: date | None = None,
) -> RoleAssignment:
    row = RoleAssignment(
        company_number=company,
        role_code=ROLE_CODES[role],
        national_number=person.national_number,
        surname=person.surname,
        first_names=person.first_names,
        email=person.email,
        starts_on=starts_on,
        ends_on=ends_on,
        status=status,
        requested_at=NOW - timedelta(days=31),
    )
    db.add(row)
    db.flush()
    return row


def make_teacher(db: Session, person: Person) -> None:
    db.add(TeachingStaffMember(national_number=person.national_number, employer="Athénée"))
    db.flush()


def eid_session(person: Person, at: datetime = NOW) -> UserSession:
    return session_of(person, level=LevelOfAssurance.HIGH, at=at)


def app_session(person: Person, at: datetime = NOW) -> UserSession:
    """A login with the mobile app: substantial, not the eID."""
    return session_of(person, level=LevelOfAssurance.SUBSTANTIAL, at=at)


@dataclass
class FixedSources:
    """The card and the register as the tests want them; records who asked for what."""

    people: dict[str, Mapping[str, str]] = field(default_factory=dict)
    companies: dict[str, Mapping[str, str]] = field(default_factory=dict)
    asked: list[str] = field(default_factory=list)

    def person(self, national_number: str) -> Mapping[str, str]:
        self.asked.append(national_number)
        return self.people[national_number]

    def company(self, company_number: str) -> Mapping[str, str]:
        self.asked.append(company_number)
        return self.companies[company_number]


def naima_card() -> dict[str, str]:
    return {
        "eid.national_number": NAIMA.national_number,
        "eid.surname": "Mremi",
        "eid.given_names": "Naïma Samira",
        "eid.first_name": "Naïma",
        "eid.birth_date": "1986-03-14",
        "eid.birth_place": "Namur",
        "eid.nationality": "Belge",
        "eid.street": "Rue de Fer 12",
        "eid.postal_code": "5000",
        "eid.municipality": "Namur",
    }


def company_register_values() -> dict[str, str]:
    return {
        "company.number": TEST_COMPANY,
        "company.name": "Entreprise de test",
        "company.legal_form": "SRL",
        "company.street": "Avenue Georges Lemaître 19",
        "company.postal_code": "6041",
        "company.municipality": "Charleroi",
    }


def sources_for(*people: Person) -> FixedSources:
    found = FixedSources()
    for person in people:
        card = naima_card() | {"eid.national_number": person.national_number}
        card["eid.surname"] = person.surname
        found.people[person.national_number] = card
    found.companies[TEST_COMPANY] = company_register_values()
    return found


LATER = NOW + timedelta(minutes=5)
