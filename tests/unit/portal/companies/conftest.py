"""The people and companies of the seeds' journeys, a register in memory and sessions as the
pages hand them to the services."""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta

import pytest
from sqlmodel import Session, select

from foundation.models.account import Account, AccountStatus
from foundation.models.outbox import OutboxMessage
from foundation.models.session import UserSession
from identity.assurance import LevelOfAssurance
from portal.companies.gap import GapDetails, designate_gap, register_company
from portal.companies.register import (
    CompanyRegisterUnavailableError,
    CompanyStatus,
    LegalRepresentative,
    RegisteredCompany,
)

# 10:00 in Brussels on Monday 2 March 2026.
NOW = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
TODAY = date(2026, 3, 2)
ORIGIN = "https://monespace.test"

TEST_COMPANY = "0712345630"  # "Entreprise de test"
BLA = "0845059050"
STOPPED_COMPANY = "0201234517"


@dataclass(frozen=True)
class Person:
    national_number: str
    surname: str
    first_names: str
    email: str


JEAN_PIERRE = Person("68091717134", "Dumont", "Jean-Pierre Marie", "jp.dumont@example.be")
CHLOE = Person("79110221605", "Ducoeur", "Chloé Anne", "cdc@ewbs.be")
NAIMA = Person("86031414204", "Mremi", "Naïma Samira", "nmr@ewbs.be")
MARC = Person("71020801586", "Lhoest", "Marc André", "marc.lhoest@example.be")


def company(
    number: str, name: str, *, representative: Person, stopped: bool = False
) -> RegisteredCompany:
    return RegisteredCompany(
        number=number,
        name=name,
        legal_form="SRL",
        street="Avenue Georges Lemaître 19",
        zip_code="6041",
        municipality="Charleroi",
        status=CompanyStatus.STOPPED if stopped else CompanyStatus.ACTIVE,
        representatives=(
            LegalRepresentative(
                representative.national_number,
                representative.surname,
                representative.first_names,
                "Administrateur délégué",
            ),
        ),
    )


@dataclass
class FakeRegister:
    """The company register in memory; ``unavailable`` makes it answer like a register down."""

    companies: dict[str, RegisteredCompany] = field(default_factory=dict)
    unavailable: bool = False
    asked: list[str] = field(default_factory=list)

    def find(self, number: str) -> RegisteredCompany | None:
        self.asked.append(number)
        if self.unavailable:
            raise CompanyRegisterUnavailableError("company register unreachable (fake)")
        return self.companies.get(number)


@pytest.fixture
def register() -> FakeRegister:
    return FakeRegister(
        {
            TEST_COMPANY: company(TEST_COMPANY, "Entreprise de test", representative=JEAN_PIERRE),
            BLA: company(BLA, "BLA", representative=MARC),
            STOPPED_COMPANY: company(
                STOPPED_COMPANY, "Ancienne Brasserie", representative=JEAN_PIERRE, stopped=True
            ),
        }
    )


def session_of(
    person: Person, *, level: LevelOfAssurance = LevelOfAssurance.HIGH, at: datetime = NOW
) -> UserSession:
    """The session row a page reads from the cookie (not stored: services do not read it)."""
    return UserSession(
        id=secrets.token_hex(16),
        national_number=person.national_number,
        surname=person.surname,
        first_names=person.first_names,
        birth_date="1979-11-02",
        key_kind="eid" if level is LevelOfAssurance.HIGH else "password",
        level=int(level),
        created_at=at,
        authenticated_at=at,
        last_seen_at=at,
        expires_at=at + timedelta(hours=8),
    )


def add_account(db: Session, person: Person) -> None:
    db.add(
        Account(
            national_number=person.national_number,
            surname=person.surname,
            first_names=person.first_names,
            birth_date=date(1970, 1, 1),
            email=person.email,
            status=AccountStatus.ACTIVE,
            created_at=NOW,
        )
    )
    db.flush()


def gap_details(person: Person, *, phone: str = "+32 71 12 34 56") -> GapDetails:
    return GapDetails(
        person.surname, person.first_names, person.national_number, person.email, phone
    )


def make_gap(
    db: Session,
    register: FakeRegister,
    *,
    number: str = TEST_COMPANY,
    representative: Person = JEAN_PIERRE,
    gap: Person = CHLOE,
    now: datetime = NOW,
) -> None:
    """The representative registers the company and designates ``gap``."""
    session = session_of(representative, at=now)
    register_company(db, register, session, number, now)
    designate_gap(db, session, number, gap_details(gap), now, public_origin=ORIGIN)
    db.commit()


def mails_to(db: Session, address: str) -> list[OutboxMessage]:
    return list(db.exec(select(OutboxMessage).where(OutboxMessage.recipient == address)).all())
