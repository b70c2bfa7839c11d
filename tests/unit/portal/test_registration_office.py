"""The registration office's page service: the visit, then the officer gate, in the unit of
work that registers; a forged event from anyone else writes nothing."""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from foundation.models.paper_token import RegisteredPerson
from identity import paper_token
from identity.assurance import LevelOfAssurance
from identity.paper_token.errors import (
    NotAnOfficerError,
    OfficerLoginTooWeakError,
    RegistrationFieldError,
)
from identity.paper_token.officers import appoint_officer
from identity.sessions import LoginIdentity
from portal import registration_office
from portal.visits import NotLoggedInError
from tests.unit.portal.visitors import NOW, log_in

LINK = paper_token.ActivationLink("https://monespace.test", "/cles/activer")
HELENE = LoginIdentity("83041204706", "Lambert", "Hélène", date(1983, 4, 12))
ANNA = registration_office.PersonForm(
    surname="Kowalska",
    first_names="Anna",
    birth_date="1990-05-17",
    document_type="passport",
    document_number="EA 1234567",
    email="anna@example.pl",
)


def people(engine: Engine) -> list[str]:
    with Session(engine) as db:
        return [p.surname for p in db.exec(select(RegisteredPerson)).all()]


def officer(engine: Engine) -> None:
    with Session(engine) as db:
        appoint_officer(db, national_number=HELENE.national_number, office="Namur")
        db.commit()


def test_an_officer_logged_in_with_her_eid_registers_a_person(engine: Engine) -> None:
    officer(engine)
    session_id = log_in(engine, identity=HELENE)
    desk = registration_office.desk(session_id, now=NOW, bind=engine)
    assert (desk.office, desk.open) == ("Namur", True)
    slip = registration_office.register(session_id, ANNA, now=NOW, link=LINK, bind=engine)
    assert (slip.name, slip.email) == ("Anna Kowalska", "anna@example.pl")
    assert len(slip.activation_code) == 23  # 4 groups of 5, spaced
    again = registration_office.reissue(
        session_id, f" {slip.bis_number[:6]}-{slip.bis_number[6:]}", now=NOW, link=LINK, bind=engine
    )
    assert again.bis_number == slip.bis_number
    assert again.activation_code != slip.activation_code


def test_no_session_a_citizen_or_a_weak_login_registers_nobody(engine: Engine) -> None:
    officer(engine)
    with pytest.raises(NotLoggedInError):
        registration_office.register(None, ANNA, now=NOW, link=LINK, bind=engine)
    citizen = log_in(engine)  # Naïma, with her eID: no officer
    assert registration_office.desk(citizen, now=NOW, bind=engine).office is None
    with pytest.raises(NotAnOfficerError):
        registration_office.register(citizen, ANNA, now=NOW, link=LINK, bind=engine)
    weak = log_in(engine, LevelOfAssurance.SUBSTANTIAL, identity=HELENE, key_kind="totp")
    with pytest.raises(OfficerLoginTooWeakError):
        registration_office.register(weak, ANNA, now=NOW, link=LINK, bind=engine)
    with pytest.raises(NotAnOfficerError):
        registration_office.reissue(citizen, "90451712320", now=NOW, link=LINK, bind=engine)
    assert people(engine) == []


def test_a_date_that_is_no_date_names_the_field(engine: Engine) -> None:
    officer(engine)
    session_id = log_in(engine, identity=HELENE)
    typed = dataclasses.replace(ANNA, birth_date="17/05/1990")
    with pytest.raises(RegistrationFieldError) as refused:
        registration_office.register(session_id, typed, now=NOW, link=LINK, bind=engine)
    assert refused.value.field == "birth_date"
