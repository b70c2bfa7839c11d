"""The activation wizards of Mes clés numériques: what a wizard shows as it opens, and its steps,
each refused without a recent strong login (a forged event reaches the service, not the page)."""

from __future__ import annotations

import pytest
from sqlmodel import Session

from foundation.models.digital_keys import KeyStatus
from identity.keys.errors import StrongLoginRequiredError
from identity.keys.records import find_key
from identity.password import set_credentials, username_of
from identity.registry import UnknownKeyError
from portal.keys import wizard
from tests.unit.identity.key_people import (
    EMAIL,
    NOW,
    PERSON,
    add_account,
    fresh_eid_login,
    old_eid_login,
    outbox,
    six_digits_in,
)


def test_the_wizards_are_those_of_the_registry() -> None:
    assert wizard.wizard_of("totp").step_names == [
        "contact",
        "install",
        "activate",
        "credentials",
        "confirmation",
    ]
    assert wizard.wizard_of("email_code").step_names == [
        "destination",
        "code",
        "credentials",
        "confirmation",
    ]
    assert wizard.wizard_of("password").step_names == ["credentials", "confirmation"]
    for kind in ("eid", "itsme", "paper_token", "nope"):
        with pytest.raises(UnknownKeyError):
            wizard.wizard_of(kind)


def test_the_app_wizard_opens_with_a_secret_to_scan_after_a_fresh_eid_login(db: Session) -> None:
    add_account(db)
    opening = wizard.open_wizard(
        db, kind="totp", session=fresh_eid_login(db), account_email=EMAIL, now=NOW
    )
    assert opening.allowed
    assert opening.username == ""
    assert len(opening.started.secret) == 32
    assert opening.started.qr_src.startswith("data:image/png;base64,")


def test_a_wizard_opened_without_a_recent_strong_login_shows_nothing_to_scan(
    db: Session,
) -> None:
    add_account(db)
    set_credentials(
        db,
        national_number=PERSON.national_number,
        username="marie.d",
        password="tulipe cartable horizon",
        now=NOW,
    )
    opening = wizard.open_wizard(
        db, kind="totp", session=old_eid_login(db), account_email=EMAIL, now=NOW
    )
    assert not opening.allowed
    assert opening.started.secret == ""
    assert opening.username == "marie.d"


def test_the_email_wizard_sends_then_confirms_the_registration_code(db: Session) -> None:
    add_account(db)
    session = fresh_eid_login(db)
    opening = wizard.open_wizard(
        db, kind="email_code", session=session, account_email=EMAIL, now=NOW
    )
    assert opening.started.secret == ""  # nothing starts before the address is typed
    started = wizard.send_registration_code(
        db, kind="email_code", session=session, destination=f" {EMAIL} ", now=NOW
    )
    assert started.destination == EMAIL
    code = six_digits_in(outbox(db)[0].text_body)
    wizard.confirm_enrolment(db, kind="email_code", session=session, code=code, secret="", now=NOW)
    key = find_key(db, national_number=PERSON.national_number, kind="email_code")
    assert key is not None
    assert key.status == KeyStatus.ACTIVE


def test_every_step_refuses_an_old_eid_login(db: Session) -> None:
    add_account(db)
    session = old_eid_login(db)
    with pytest.raises(StrongLoginRequiredError):
        wizard.send_registration_code(
            db, kind="email_code", session=session, destination=EMAIL, now=NOW
        )
    with pytest.raises(StrongLoginRequiredError):
        wizard.confirm_enrolment(
            db, kind="email_code", session=session, code="123456", secret="", now=NOW
        )
    with pytest.raises(StrongLoginRequiredError):
        wizard.save_credentials(
            db, session=session, username="marie.d", password="correct horse battery", now=NOW
        )
    assert outbox(db) == []
    assert username_of(db, PERSON.national_number) is None


def test_a_step_of_a_key_without_enrolment_is_refused(db: Session) -> None:
    add_account(db)
    with pytest.raises(UnknownKeyError):
        wizard.send_registration_code(
            db, kind="password", session=fresh_eid_login(db), destination=EMAIL, now=NOW
        )
