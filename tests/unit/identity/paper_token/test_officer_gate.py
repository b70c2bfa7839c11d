"""Only an officer of a registration office, logged in with a high-level key, registers a
person or issues an activation code: the service refuses anyone else, whatever a page showed."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from sqlmodel import Session, select

import foundation.models  # noqa: F401 - registers every table
from foundation.i18n.catalog import catalog
from foundation.i18n.error_messages import error_text
from foundation.models.outbox import OutboxMessage
from foundation.models.paper_token import ActivationCode, RegisteredPerson
from foundation.settings import SUPPORTED_LANGUAGES
from identity import paper_token
from identity.assurance import LevelOfAssurance
from identity.paper_token.errors import NotAnOfficerError, OfficerLoginTooWeakError
from identity.paper_token.officers import appoint_officer, check_officer, dismiss_officer

NOW = datetime(2026, 11, 22, 9, 0, tzinfo=UTC)
LINK = paper_token.ActivationLink("https://monespace.test", "/cles/activer")
OFFICER = "83041204706"
CITIZEN = "85073003328"  # logged in with her eID, but no officer
NAMUR = "Bureau d'enregistrement local de Namur"


def register(db: Session, officer_id: str, level: LevelOfAssurance) -> paper_token.Registration:
    return paper_token.register_person(
        db,
        officer_id=officer_id,
        officer_level=level,
        surname="Kowalska",
        first_names="Anna",
        birth_date=date(1990, 5, 17),
        document_type="passport",
        document_number="EA1234567",
        email="anna@example.pl",
        link=LINK,
        now=NOW,
    )


def nothing_written(db: Session) -> bool:
    return (
        db.exec(select(RegisteredPerson)).first() is None
        and db.exec(select(ActivationCode)).first() is None
        and db.exec(select(OutboxMessage)).first() is None
    )


def test_someone_who_is_no_officer_registers_nobody(db: Session) -> None:
    with pytest.raises(NotAnOfficerError):
        register(db, CITIZEN, LevelOfAssurance.HIGH)
    assert nothing_written(db)


def test_an_officer_logged_in_with_a_substantial_key_registers_nobody(db: Session) -> None:
    appoint_officer(db, national_number=OFFICER, office=NAMUR)
    with pytest.raises(OfficerLoginTooWeakError):
        register(db, OFFICER, LevelOfAssurance.SUBSTANTIAL)
    assert nothing_written(db)
    assert register(db, OFFICER, LevelOfAssurance.HIGH).person.officer_id == OFFICER


def test_a_dismissed_officer_issues_no_new_activation_code(db: Session) -> None:
    appoint_officer(db, national_number=OFFICER, office=NAMUR)
    first = register(db, OFFICER, LevelOfAssurance.HIGH)
    dismiss_officer(db, national_number=OFFICER)
    with pytest.raises(NotAnOfficerError):
        paper_token.issue_activation_code(
            db,
            officer_id=OFFICER,
            officer_level=LevelOfAssurance.HIGH,
            bis_number=first.person.bis_number,
            link=LINK,
            now=NOW,
        )
    codes = db.exec(select(ActivationCode)).all()
    assert [code.voided_at for code in codes] == [None]  # the first code still works


def test_the_gate_names_the_office_it_opens(db: Session) -> None:
    appoint_officer(db, national_number=OFFICER, office=NAMUR)
    assert check_officer(db, officer_id=f" {OFFICER} ", level=LevelOfAssurance.HIGH) == NAMUR


@pytest.mark.parametrize("language", SUPPORTED_LANGUAGES)
def test_each_refusal_reads_its_own_text(language: str) -> None:
    texts = catalog(language)
    for refusal in (NotAnOfficerError("x"), OfficerLoginTooWeakError("x")):
        assert error_text(language, refusal) == texts[f"error.{type(refusal).__name__}"]
    assert error_text(language, NotAnOfficerError("x")) != error_text(
        language, OfficerLoginTooWeakError("x")
    )
