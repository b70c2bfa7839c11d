"""What the pages of "Ma gestion des rôles eGov" run, as units of work on a SQLite file: the
home's counts, and the designation of a GAP from the page's entry to "Confirmer"."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, SQLModel, select

import foundation.models  # noqa: F401 - registers every table
from foundation.contacts import find_account
from foundation.db import make_engine
from foundation.models.account import Account, AccountStatus
from foundation.models.companies import (
    AssignmentStatus,
    Company,
    MainAccessManager,
    RoleAssignment,
)
from foundation.models.outbox import OutboxMessage
from identity.assurance import LevelOfAssurance
from identity.sessions import LoginIdentity, open_session, redeem_ticket
from portal.companies import designation, errors
from portal.companies.company_number import CompanyNumberCheckError
from portal.companies.designation import GapForm
from portal.companies.national_number import NationalNumberCheckError
from portal.companies.overview import open_home
from portal.companies.register import CompanyRegisterUnavailableError
from portal.visits import NotHereError, NotLoggedInError
from tests.unit.portal.companies.conftest import (
    BLA,
    CHLOE,
    JEAN_PIERRE,
    NOW,
    ORIGIN,
    STOPPED_COMPANY,
    TEST_COMPANY,
    FakeRegister,
    Person,
)


@pytest.fixture
def bound(tmp_path: Path) -> Iterator[Engine]:
    engine = make_engine(f"sqlite:///{tmp_path / 'portal.db'}")
    SQLModel.metadata.create_all(engine)
    yield engine
    engine.dispose()


def log_in(
    engine: Engine,
    person: Person,
    level: LevelOfAssurance = LevelOfAssurance.HIGH,
    *,
    account: AccountStatus | None = AccountStatus.ACTIVE,
) -> str:
    """A live session as the browser holds it after a login; the person's account."""
    with Session(engine) as db:
        if account is not None and find_account(db, person.national_number) is None:
            db.add(
                Account(
                    national_number=person.national_number,
                    surname=person.surname,
                    first_names=person.first_names,
                    birth_date=date(1970, 1, 1),
                    email=person.email,
                    status=account,
                    created_at=NOW,
                )
            )
        identity = LoginIdentity(
            person.national_number, person.surname, person.first_names, date(1970, 1, 1)
        )
        kind = "eid" if level is LevelOfAssurance.HIGH else "password"
        session_id, ticket = open_session(
            db, identity=identity, key_kind=kind, level=level, now=NOW, browser_binding="b" * 64
        )
        assert redeem_ticket(db, ticket, browser_binding="b" * 64, now=NOW) is not None
        db.commit()
    return session_id


def other(person: Person, *, national_number: str | None = None) -> GapForm:
    return GapForm(
        myself=False,
        surname=person.surname,
        first_names=person.first_names,
        national_number=national_number or person.national_number,
        email=person.email,
        phone="+32 71 12 34 56",
    )


def rows(engine: Engine, table: type[Company] | type[MainAccessManager]) -> list[object]:
    with Session(engine) as db:
        return list(db.exec(select(table)).all())


def designate(engine: Engine, register: FakeRegister, gap: GapForm, *, at: datetime = NOW) -> str:
    session_id = log_in(engine, JEAN_PIERRE)
    designation.register(session_id, TEST_COMPANY, company_register=register, now=at, bind=engine)
    designation.confirm(session_id, TEST_COMPANY, gap, now=at, public_origin=ORIGIN, bind=engine)
    return session_id


# The entry of the designation pages


def test_the_page_opens_for_an_eid_session_of_an_active_account(bound: Engine) -> None:
    session_id = log_in(bound, JEAN_PIERRE)
    visit = designation.open_designation(session_id, now=NOW, bind=bound)
    assert visit.short_name == "Jean-Pierre Dumont"


def test_a_session_below_high_is_sent_to_the_eid(bound: Engine) -> None:
    session_id = log_in(bound, JEAN_PIERRE, LevelOfAssurance.SUBSTANTIAL)
    with pytest.raises(errors.HighAssuranceRequiredError):
        designation.open_designation(session_id, now=NOW, bind=bound)


def test_no_session_or_an_account_to_finish_first_is_refused(bound: Engine) -> None:
    with pytest.raises(NotLoggedInError):
        designation.open_designation(None, now=NOW, bind=bound)
    pending = log_in(bound, JEAN_PIERRE, account=AccountStatus.PENDING)
    with pytest.raises(NotHereError):
        designation.open_designation(pending, now=NOW, bind=bound)


# "Enregistrer mon entreprise"


def test_registering_shows_the_company_as_the_register_describes_it(
    bound: Engine, register: FakeRegister
) -> None:
    session_id = log_in(bound, JEAN_PIERRE)
    shown = designation.register(
        session_id, "0712.345.630", company_register=register, now=NOW, bind=bound
    )
    assert shown.number == TEST_COMPANY
    assert shown.display_number == "0712.345.630"
    assert shown.name == "Entreprise de test"
    assert shown.address == "Avenue Georges Lemaître 19, 6041 Charleroi"
    assert register.asked == [TEST_COMPANY]


def test_a_session_below_high_does_not_even_ask_the_register(
    bound: Engine, register: FakeRegister
) -> None:
    session_id = log_in(bound, JEAN_PIERRE, LevelOfAssurance.SUBSTANTIAL)
    with pytest.raises(errors.HighAssuranceRequiredError):
        designation.register(
            session_id, TEST_COMPANY, company_register=register, now=NOW, bind=bound
        )
    assert register.asked == []


@pytest.mark.parametrize(
    ("person", "number", "refusal"),
    [
        (CHLOE, TEST_COMPANY, errors.NotLegalRepresentativeError),
        (JEAN_PIERRE, STOPPED_COMPANY, errors.CompanyStoppedError),
        (JEAN_PIERRE, "0403.170.701", errors.UnknownCompanyError),
        (JEAN_PIERRE, "0712.345.631", CompanyNumberCheckError),
    ],
)
def test_each_refusal_writes_nothing(
    bound: Engine, register: FakeRegister, person: Person, number: str, refusal: type[Exception]
) -> None:
    session_id = log_in(bound, person)
    with pytest.raises(refusal):
        designation.register(session_id, number, company_register=register, now=NOW, bind=bound)
    assert rows(bound, Company) == []


def test_a_register_that_does_not_answer_leaves_nothing_half_written(
    bound: Engine, register: FakeRegister
) -> None:
    register.unavailable = True
    session_id = log_in(bound, JEAN_PIERRE)
    with pytest.raises(CompanyRegisterUnavailableError):
        designation.register(
            session_id, TEST_COMPANY, company_register=register, now=NOW, bind=bound
        )
    assert rows(bound, Company) == []


# "Suivant" and "Confirmer"


def test_myself_takes_the_names_of_the_card_not_those_the_browser_sent(
    bound: Engine,
) -> None:
    session_id = log_in(bound, JEAN_PIERRE)
    forged = GapForm(True, "Autre", "Nom", "79110221605", "jp@example.be", "071 12 34 56")
    shown = designation.check(session_id, forged, now=NOW, bind=bound)
    assert (shown.surname, shown.first_names) == ("Dumont", "Jean-Pierre Marie")
    assert shown.national_number == "68.09.17-171.34"


def test_another_persons_details_are_checked_and_nothing_is_written(
    bound: Engine, register: FakeRegister
) -> None:
    session_id = log_in(bound, JEAN_PIERRE)
    designation.register(session_id, TEST_COMPANY, company_register=register, now=NOW, bind=bound)
    shown = designation.check(session_id, other(CHLOE), now=NOW, bind=bound)
    assert shown.national_number == "79.11.02-216.05"
    with pytest.raises(NationalNumberCheckError):
        designation.check(
            session_id, other(CHLOE, national_number="79110221606"), now=NOW, bind=bound
        )
    assert rows(bound, MainAccessManager) == []


def test_confirming_designates_the_gap_and_tells_both(
    bound: Engine, register: FakeRegister
) -> None:
    designate(bound, register, other(CHLOE))
    [manager] = rows(bound, MainAccessManager)
    assert isinstance(manager, MainAccessManager)
    assert manager.national_number == CHLOE.national_number
    with Session(bound) as db:
        recipients = {m.recipient for m in db.exec(select(OutboxMessage)).all()}
    assert recipients == {CHLOE.email, JEAN_PIERRE.email}


def test_confirming_without_registering_first_is_refused(bound: Engine) -> None:
    session_id = log_in(bound, JEAN_PIERRE)
    with pytest.raises(errors.RegistrationRequiredError):
        designation.confirm(
            session_id, TEST_COMPANY, other(CHLOE), now=NOW, public_origin=ORIGIN, bind=bound
        )
    assert rows(bound, MainAccessManager) == []


# The home's counts


def request(engine: Engine, company: str, status: AssignmentStatus) -> None:
    with Session(engine) as db:
        db.add(
            RoleAssignment(
                company_number=company,
                role_code="monespace.redacteur",
                national_number="86031414204",
                surname="Mremi",
                first_names="Naïma",
                email="nmr@example.be",
                starts_on=date(2026, 3, 2),
                status=status,
                requested_at=datetime(2026, 3, 2, tzinfo=UTC),
            )
        )
        db.commit()


def test_the_home_counts_the_requests_of_the_companies_the_person_is_gap_of(
    bound: Engine, register: FakeRegister
) -> None:
    designate(bound, register, other(CHLOE))
    with Session(bound) as db:  # a company Chloé does not manage
        db.add(
            Company(
                number=BLA,
                name="BLA",
                legal_form="SRL",
                street="Rue de Fer 25",
                zip_code="5000",
                municipality="Namur",
                registered_by="71020801586",
                registered_at=NOW,
            )
        )
        db.commit()
    request(bound, TEST_COMPANY, AssignmentStatus.REQUESTED)
    request(bound, TEST_COMPANY, AssignmentStatus.ACTIVE)
    request(bound, BLA, AssignmentStatus.REQUESTED)
    chloe = open_home(log_in(bound, CHLOE, LevelOfAssurance.SUBSTANTIAL), now=NOW, bind=bound)
    assert chloe.visit.short_name == "Chloé Ducoeur"
    assert chloe.overview.requests_to_decide == 1
    assert chloe.overview.requests_to_complete == 0
    representative = open_home(log_in(bound, JEAN_PIERRE), now=NOW, bind=bound)
    assert representative.overview.requests_to_decide == 0


def test_a_replaced_gap_has_no_request_to_decide_any_more(
    bound: Engine, register: FakeRegister
) -> None:
    designate(bound, register, other(CHLOE))
    request(bound, TEST_COMPANY, AssignmentStatus.REQUESTED)
    designate(bound, register, GapForm(True, "", "", "", JEAN_PIERRE.email, "071 12 34 56"))
    chloe = open_home(log_in(bound, CHLOE), now=NOW, bind=bound)
    assert chloe.overview.requests_to_decide == 0
    jean_pierre = open_home(log_in(bound, JEAN_PIERRE), now=NOW, bind=bound)
    assert jean_pierre.overview.requests_to_decide == 1


def test_the_home_without_a_login_asks_to_identify(bound: Engine) -> None:
    with pytest.raises(NotLoggedInError):
        open_home(None, now=NOW, bind=bound)
