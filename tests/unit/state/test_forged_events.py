"""Forged events: a handler called directly, as a crafted websocket message would call it, on a
page that never offered the action. The service behind it refuses, and nothing is written.

The three gates: only a registration officer registers a person; adding a key needs a recent
strong login; removing a key needs one too.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from foundation.clock import utc_now
from foundation.i18n.catalog import catalog
from foundation.models.account import AccountStatus
from foundation.models.digital_keys import DigitalKeyRecord
from foundation.models.outbox import OutboxMessage
from foundation.models.paper_token import RegisteredPerson
from identity.assurance import LevelOfAssurance
from identity.keys.records import find_key
from identity.paper_token.officers import appoint_officer
from identity.sessions import LoginIdentity
from state.key_activation_state import KeyActivationState
from state.keys_state import KeysState
from state.registration_office_state import RegistrationOfficeState
from tests.unit.portal.visitors import NAIMA, log_in, open_account
from tests.unit.state.conftest import Tab, fire

HELENE = LoginIdentity("83041204706", "Lambert", "Hélène", date(1983, 4, 12))
ANNA = {
    "surname": "Kowalska",
    "first_names": "Anna",
    "birth_date": "1990-05-17",
    "document_type": "passport",
    "document_number": "EA1234567",
    "email": "anna@example.pl",
}
FRENCH = catalog("fr")


def registered_people(engine: Engine) -> list[str]:
    with Session(engine) as db:
        return [person.surname for person in db.exec(select(RegisteredPerson)).all()]


def mails(engine: Engine) -> int:
    with Session(engine) as db:
        return len(db.exec(select(OutboxMessage)).all())


def officer_helene(engine: Engine) -> None:
    with Session(engine) as db:
        appoint_officer(db, national_number=HELENE.national_number, office="Namur")
        db.commit()


def test_a_citizen_forging_a_registration_registers_nobody(engine: Engine) -> None:
    officer_helene(engine)
    tab = Tab(log_in(engine, at=utc_now()))  # Naïma, with her eID: no officer
    office = tab.page(RegistrationOfficeState)
    assert fire(office, "load") is None
    assert office.office == ""  # the page shows "reserved to officers", no form
    assert fire(office, "register", ANNA) is None
    assert office.error_text == FRENCH["error.NotAnOfficerError"]
    assert not office.issued
    assert registered_people(engine) == []
    assert mails(engine) == 0


def test_an_officer_logged_in_with_a_lower_key_registers_nobody(engine: Engine) -> None:
    officer_helene(engine)
    weak = log_in(
        engine, LevelOfAssurance.SUBSTANTIAL, at=utc_now(), identity=HELENE, key_kind="totp"
    )
    office = Tab(weak).page(RegistrationOfficeState)
    fire(office, "reissue", {"bis_number": "90451712320"})
    assert office.error_text == FRENCH["error.OfficerLoginTooWeakError"]
    fire(office, "register", ANNA)
    assert office.error_text == FRENCH["error.OfficerLoginTooWeakError"]
    assert registered_people(engine) == []


def test_the_officer_with_her_eid_registers_through_the_same_handler(engine: Engine) -> None:
    officer_helene(engine)
    office = Tab(log_in(engine, at=utc_now(), identity=HELENE)).page(RegistrationOfficeState)
    assert fire(office, "load") is None
    assert (office.office, office.strong) == ("Namur", True)
    fire(office, "register", ANNA)
    assert (office.error_text, office.issued, office.issued_name) == ("", True, "Anna Kowalska")
    assert registered_people(engine) == ["Kowalska"]


def with_email_code_key(engine: Engine) -> None:
    open_account(engine, AccountStatus.ACTIVE)
    with Session(engine) as db:
        db.add(
            DigitalKeyRecord(
                national_number=NAIMA.national_number, kind="email_code", created_at=utc_now()
            )
        )
        db.commit()


def test_removing_a_key_after_a_login_with_a_lower_key_is_refused(engine: Engine) -> None:
    with_email_code_key(engine)
    app_login = log_in(engine, LevelOfAssurance.SUBSTANTIAL, at=utc_now(), key_kind="totp")
    keys = Tab(app_login).page(KeysState)
    fire(keys, "ask_remove", "email_code")  # the confirmation the page never showed
    fire(keys, "remove")
    assert keys.message_key == "keys.strong_login_needed"
    with Session(engine) as db:
        assert find_key(db, national_number=NAIMA.national_number, kind="email_code") is not None


def test_removing_a_key_with_a_fresh_eid_login_goes_through(engine: Engine) -> None:
    with_email_code_key(engine)
    keys = Tab(log_in(engine, at=utc_now())).page(KeysState)
    fire(keys, "ask_remove", "email_code")
    fire(keys, "remove")
    assert keys.message_key == "keys.removed"
    with Session(engine) as db:
        assert find_key(db, national_number=NAIMA.national_number, kind="email_code") is None


def test_adding_a_key_after_a_login_with_a_lower_key_sends_no_code(engine: Engine) -> None:
    open_account(engine, AccountStatus.ACTIVE)
    app_login = log_in(engine, LevelOfAssurance.SUBSTANTIAL, at=utc_now(), key_kind="totp")
    wizard = Tab(app_login).page(KeyActivationState)
    assert fire(wizard, "load", "email_code") is None
    assert not wizard.allowed  # the page shows the way to an eID login, no form
    fire(wizard, "send_registration_code", {"destination": "naima.other@example.be"})
    assert not wizard.allowed
    assert wizard.destination == ""
    assert mails(engine) == 0


def test_adding_a_key_with_a_fresh_eid_login_sends_the_code(engine: Engine) -> None:
    open_account(engine, AccountStatus.ACTIVE)
    wizard = Tab(log_in(engine, at=utc_now())).page(KeyActivationState)
    fire(wizard, "load", "email_code")
    assert wizard.allowed
    fire(wizard, "send_registration_code", {"destination": "naima.other@example.be"})
    assert wizard.destination == "naima.other@example.be"
    assert mails(engine) == 1
