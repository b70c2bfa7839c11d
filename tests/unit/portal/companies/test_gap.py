"""Designating the company's main access manager (seed 002 §2.3, "Suivant", "Confirmer")."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import pytest
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, select

from foundation.models.companies import MainAccessManager
from foundation.models.outbox import OutboxMessage
from identity.assurance import LevelOfAssurance
from portal.companies import errors
from portal.companies.access import current_gap
from portal.companies.gap import (
    GapDetails,
    companies_managed_by,
    designate_gap,
    register_company,
)
from portal.companies.national_number import NationalNumberCheckError
from tests.unit.portal.companies.conftest import (
    BLA,
    CHLOE,
    JEAN_PIERRE,
    MARC,
    NAIMA,
    NOW,
    ORIGIN,
    TEST_COMPANY,
    FakeRegister,
    add_account,
    gap_details,
    mails_to,
    make_gap,
    session_of,
)


def registered(db: Session, register: FakeRegister) -> None:
    register_company(db, register, session_of(JEAN_PIERRE), TEST_COMPANY, NOW)


def test_representative_designates_another_person_and_both_get_an_email(
    db: Session, register: FakeRegister
) -> None:
    add_account(db, JEAN_PIERRE)
    registered(db, register)
    manager = designate_gap(
        db, session_of(JEAN_PIERRE), TEST_COMPANY, gap_details(CHLOE), NOW, public_origin=ORIGIN
    )
    assert current_gap(db, TEST_COMPANY) == manager
    assert (manager.national_number, manager.email, manager.designated_by) == (
        CHLOE.national_number,
        CHLOE.email,
        JEAN_PIERRE.national_number,
    )
    [to_gap] = mails_to(db, CHLOE.email)
    assert "Jean-Pierre Marie Dumont" in to_gap.text_body
    assert "gestionnaire d'accès principal" in to_gap.text_body
    assert f"{ORIGIN}/roles" in to_gap.text_body
    [to_representative] = mails_to(db, JEAN_PIERRE.email)
    assert "Vous avez désigné Chloé Anne Ducoeur" in to_representative.text_body


def test_representative_designating_himself_gets_one_email(
    db: Session, register: FakeRegister
) -> None:
    add_account(db, JEAN_PIERRE)
    registered(db, register)
    session = session_of(JEAN_PIERRE)
    details = GapDetails.myself(session, email="direction@entreprise-de-test.be", phone="071123456")
    designate_gap(db, session, TEST_COMPANY, details, NOW, public_origin=ORIGIN)
    assert current_gap(db, TEST_COMPANY).national_number == JEAN_PIERRE.national_number  # type: ignore[union-attr]
    assert [m.recipient for m in db.exec(select(OutboxMessage)).all()] == [
        "direction@entreprise-de-test.be"
    ]


def test_designating_without_registering_first_is_refused(
    db: Session, register: FakeRegister
) -> None:
    with pytest.raises(errors.RegistrationRequiredError):
        designate_gap(
            db, session_of(JEAN_PIERRE), TEST_COMPANY, gap_details(CHLOE), NOW, public_origin=ORIGIN
        )


def test_designating_for_a_company_someone_else_registered_is_refused(
    db: Session, register: FakeRegister
) -> None:
    registered(db, register)
    with pytest.raises(errors.RegistrationRequiredError):
        designate_gap(
            db, session_of(MARC), TEST_COMPANY, gap_details(MARC), NOW, public_origin=ORIGIN
        )
    assert current_gap(db, TEST_COMPANY) is None


def test_designating_an_hour_after_the_register_check_is_refused(
    db: Session, register: FakeRegister
) -> None:
    registered(db, register)
    later = NOW + timedelta(hours=1, seconds=1)
    with pytest.raises(errors.RegistrationRequiredError):
        designate_gap(
            db,
            session_of(JEAN_PIERRE, at=later),
            TEST_COMPANY,
            gap_details(CHLOE),
            later,
            public_origin=ORIGIN,
        )


def test_designating_from_a_low_assurance_session_is_refused(
    db: Session, register: FakeRegister
) -> None:
    registered(db, register)
    with pytest.raises(errors.HighAssuranceRequiredError):
        designate_gap(
            db,
            session_of(JEAN_PIERRE, level=LevelOfAssurance.SUBSTANTIAL),
            TEST_COMPANY,
            gap_details(CHLOE),
            NOW,
            public_origin=ORIGIN,
        )


@pytest.mark.parametrize(
    ("change", "error", "field"),
    [
        ({"national_number": "79.11.02-216.06"}, NationalNumberCheckError, "national_number"),
        ({"email": "cdc@ewbs"}, errors.ContactEmailInvalidError, "email"),
        ({"phone": "12 34"}, errors.ContactPhoneInvalidError, "phone"),
        ({"phone": "071 12 34 5x"}, errors.ContactPhoneInvalidError, "phone"),
        ({"phone": " "}, errors.RequiredFieldMissingError, "phone"),
        ({"surname": "  "}, errors.RequiredFieldMissingError, "surname"),
        ({"first_names": ""}, errors.RequiredFieldMissingError, "first_names"),
        ({"surname": "x" * 201}, errors.FieldTooLongError, "surname"),
    ],
)
def test_wrong_gap_detail_is_refused_naming_its_field(
    db: Session,
    register: FakeRegister,
    change: dict[str, str],
    error: type[Exception],
    field: str,
) -> None:
    registered(db, register)
    details = replace(gap_details(CHLOE), **change)
    with pytest.raises(error) as refused:
        designate_gap(db, session_of(JEAN_PIERRE), TEST_COMPANY, details, NOW, public_origin=ORIGIN)
    assert getattr(refused.value, "field", None) == field
    assert current_gap(db, TEST_COMPANY) is None


def test_national_number_is_kept_as_its_eleven_digits(db: Session, register: FakeRegister) -> None:
    registered(db, register)
    details = replace(gap_details(CHLOE), national_number="79.11.02-216.05")
    manager = designate_gap(
        db, session_of(JEAN_PIERRE), TEST_COMPANY, details, NOW, public_origin=ORIGIN
    )
    assert manager.national_number == "79110221605"


def test_new_gap_replaces_the_previous_one_who_is_told(db: Session, register: FakeRegister) -> None:
    make_gap(db, register, gap=CHLOE)
    later = NOW + timedelta(days=30)
    make_gap(db, register, gap=NAIMA, now=later)
    managers = db.exec(select(MainAccessManager).order_by(MainAccessManager.id)).all()  # type: ignore[arg-type]
    assert [(m.national_number, m.replaced_at) for m in managers] == [
        (CHLOE.national_number, later),
        (NAIMA.national_number, None),
    ]
    replaced = [m for m in mails_to(db, CHLOE.email) if "n'êtes plus" in m.subject]
    assert len(replaced) == 1
    assert "Naïma Samira Mremi" in replaced[0].text_body


def test_designating_the_same_gap_again_tells_no_one_they_are_replaced(
    db: Session, register: FakeRegister
) -> None:
    make_gap(db, register, gap=CHLOE)
    make_gap(db, register, gap=CHLOE, now=NOW + timedelta(days=1))
    assert not [m for m in mails_to(db, CHLOE.email) if "n'êtes plus" in m.subject]
    assert current_gap(db, TEST_COMPANY).national_number == CHLOE.national_number  # type: ignore[union-attr]


def test_database_holds_one_current_gap_per_company(db: Session, register: FakeRegister) -> None:
    make_gap(db, register, gap=CHLOE)
    db.add(replace_manager(current_gap(db, TEST_COMPANY), NAIMA.national_number))
    with pytest.raises(IntegrityError):
        db.flush()


def replace_manager(manager: MainAccessManager | None, national_number: str) -> MainAccessManager:
    assert manager is not None
    return MainAccessManager(
        **manager.model_dump(exclude={"id", "national_number"}), national_number=national_number
    )


def test_companies_managed_by_lists_the_current_gaps_companies_by_name(
    db: Session, register: FakeRegister
) -> None:
    make_gap(db, register, gap=CHLOE)
    make_gap(db, register, number=BLA, representative=MARC, gap=CHLOE)
    assert [c.name for c in companies_managed_by(db, CHLOE.national_number)] == [
        "BLA",
        "Entreprise de test",
    ]
    make_gap(db, register, gap=NAIMA, now=NOW + timedelta(days=1))
    assert [c.name for c in companies_managed_by(db, CHLOE.national_number)] == ["BLA"]
    assert companies_managed_by(db, JEAN_PIERRE.national_number) == []
