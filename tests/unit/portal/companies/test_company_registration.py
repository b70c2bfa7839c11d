"""Registering a company: the register says whether the person is a legal representative of
the active company (seed 002 §2.3, "Enregistrer mon entreprise")."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import pytest
from sqlmodel import Session, select

from foundation.models.companies import Company
from foundation.models.outbox import OutboxMessage
from identity.assurance import LevelOfAssurance
from portal.companies import errors
from portal.companies.company_number import CompanyNumberCheckError
from portal.companies.gap import register_company
from portal.companies.register import CompanyRegisterUnavailableError
from tests.unit.portal.companies.conftest import (
    CHLOE,
    JEAN_PIERRE,
    NOW,
    STOPPED_COMPANY,
    TEST_COMPANY,
    FakeRegister,
    session_of,
)


def nothing_written(db: Session) -> bool:
    return not db.exec(select(Company)).all() and not db.exec(select(OutboxMessage)).all()


def test_representative_registers_the_active_company_as_the_register_describes_it(
    db: Session, register: FakeRegister
) -> None:
    company = register_company(db, register, session_of(JEAN_PIERRE), "0712.345.630", NOW)
    assert (company.number, company.name, company.municipality) == (
        TEST_COMPANY,
        "Entreprise de test",
        "Charleroi",
    )
    assert (company.registered_by, company.registered_at) == (JEAN_PIERRE.national_number, NOW)


def test_unknown_company_is_refused_and_nothing_is_written(
    db: Session, register: FakeRegister
) -> None:
    with pytest.raises(errors.UnknownCompanyError) as refused:
        register_company(db, register, session_of(JEAN_PIERRE), "0403.170.701", NOW)
    assert refused.value.field == "company_number"
    assert nothing_written(db)


def test_stopped_company_is_refused(db: Session, register: FakeRegister) -> None:
    with pytest.raises(errors.CompanyStoppedError):
        register_company(db, register, session_of(JEAN_PIERRE), STOPPED_COMPANY, NOW)
    assert nothing_written(db)


def test_person_who_is_not_a_representative_is_refused(db: Session, register: FakeRegister) -> None:
    with pytest.raises(errors.NotLegalRepresentativeError) as refused:
        register_company(db, register, session_of(CHLOE), TEST_COMPANY, NOW)
    assert refused.value.field == "company_number"
    assert nothing_written(db)


def test_register_down_is_said_and_nothing_is_written(db: Session, register: FakeRegister) -> None:
    register.unavailable = True
    with pytest.raises(CompanyRegisterUnavailableError):
        register_company(db, register, session_of(JEAN_PIERRE), TEST_COMPANY, NOW)
    assert nothing_written(db)


def test_malformed_number_is_refused_before_asking_the_register(
    db: Session, register: FakeRegister
) -> None:
    with pytest.raises(CompanyNumberCheckError):
        register_company(db, register, session_of(JEAN_PIERRE), "0712.345.631", NOW)
    assert register.asked == []


@pytest.mark.parametrize("level", [LevelOfAssurance.LOW, LevelOfAssurance.SUBSTANTIAL])
def test_session_below_high_assurance_is_refused_before_asking_the_register(
    db: Session, register: FakeRegister, level: LevelOfAssurance
) -> None:
    with pytest.raises(errors.HighAssuranceRequiredError):
        register_company(db, register, session_of(JEAN_PIERRE, level=level), TEST_COMPANY, NOW)
    assert register.asked == []


def test_revoked_session_is_refused(db: Session, register: FakeRegister) -> None:
    session = session_of(JEAN_PIERRE)
    session.revoked_at = NOW - timedelta(minutes=1)
    with pytest.raises(errors.SessionEndedError):
        register_company(db, register, session, TEST_COMPANY, NOW)


def test_expired_session_is_refused(db: Session, register: FakeRegister) -> None:
    with pytest.raises(errors.SessionEndedError):
        register_company(
            db, register, session_of(JEAN_PIERRE, at=NOW - timedelta(hours=9)), TEST_COMPANY, NOW
        )


def test_registering_again_takes_the_registers_new_name(
    db: Session, register: FakeRegister
) -> None:
    register_company(db, register, session_of(JEAN_PIERRE), TEST_COMPANY, NOW)
    register.companies[TEST_COMPANY] = replace(
        register.companies[TEST_COMPANY], name="Entreprise de test 2"
    )
    company = register_company(db, register, session_of(JEAN_PIERRE), TEST_COMPANY, NOW)
    assert company.name == "Entreprise de test 2"
    assert len(db.exec(select(Company)).all()) == 1
