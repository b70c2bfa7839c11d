"""The actions of Mes clés numériques as a page calls them, with the session id alone: the visit
is checked first (a live session, an active account), then the key's own rule (a recent strong
login to add or remove a key) — a forged event meets the same refusals as a click."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session

from foundation.models.account import AccountStatus
from foundation.models.digital_keys import DigitalKeyRecord
from identity.assurance import LevelOfAssurance
from identity.keys.errors import KeysGoingWithChangedError, StrongLoginRequiredError
from identity.keys.records import find_key
from identity.password import set_credentials, username_of
from identity.sessions import RECENT_LOGIN
from portal.keys import actions
from portal.visits import NotHereError, NotLoggedInError
from tests.unit.identity.key_people import outbox, six_digits_in
from tests.unit.portal.visitors import NAIMA, NOW, log_in, open_account

OLD = NOW - RECENT_LOGIN - timedelta(minutes=1)


def sms_key(engine: Engine) -> None:
    with Session(engine) as db:
        db.add(
            DigitalKeyRecord(national_number=NAIMA.national_number, kind="sms_code", created_at=NOW)
        )
        db.commit()


def held(engine: Engine, kind: str) -> bool:
    with Session(engine) as db:
        return find_key(db, national_number=NAIMA.national_number, kind=kind) is not None


def test_mes_cles_wants_a_live_session_and_an_active_account(engine: Engine) -> None:
    with pytest.raises(NotLoggedInError):
        actions.show_my_keys(None, now=NOW, bind=engine)
    open_account(engine, AccountStatus.PENDING)
    with pytest.raises(NotHereError):
        actions.show_my_keys(log_in(engine), now=NOW, bind=engine)


def credentials(engine: Engine) -> None:
    with Session(engine) as db:
        set_credentials(
            db,
            national_number=NAIMA.national_number,
            username="naima.m",
            password="tulipe cartable horizon",
            now=NOW,
        )
        db.commit()


def test_mes_cles_shows_the_account_email_and_the_keys(engine: Engine) -> None:
    open_account(engine, AccountStatus.ACTIVE)
    sms_key(engine)
    page = actions.show_my_keys(log_in(engine), now=NOW, bind=engine)
    assert page.email == "naima@example.be"
    assert page.strong_login
    rows = {row.kind: row for group in page.groups for row in group.rows}
    # Without username + password the SMS code cannot log in: not ACTIVE, and the row says why.
    assert (rows["sms_code"].status, rows["sms_code"].note_key) == (
        "NO_PASSWORD",
        "keys.note.no_password",
    )
    credentials(engine)
    page = actions.show_my_keys(log_in(engine), now=NOW, bind=engine)
    rows = {row.kind: row for group in page.groups for row in group.rows}
    assert (rows["sms_code"].status, rows["sms_code"].note_key) == ("ACTIVE", "")
    assert rows["password"].goes_with == ["sms_code"]


def test_removing_the_password_takes_exactly_the_code_keys_its_confirmation_named(
    engine: Engine,
) -> None:
    open_account(engine, AccountStatus.ACTIVE)
    credentials(engine)
    sms_key(engine)
    # A forged event (or a page shown before the SMS code was added) names none: nothing goes.
    with pytest.raises(KeysGoingWithChangedError):
        actions.remove_key(log_in(engine), kind="password", now=NOW, bind=engine)
    assert held(engine, "sms_code")
    with Session(engine) as db:
        assert username_of(db, NAIMA.national_number) == "naima.m"
    removed = actions.remove_key(
        log_in(engine), kind="password", going_with=["sms_code"], now=NOW, bind=engine
    )
    assert removed == ["password", "sms_code"]
    assert not held(engine, "sms_code")
    with Session(engine) as db:
        assert username_of(db, NAIMA.national_number) is None


def test_removal_by_an_old_eid_login_is_refused_and_the_key_stays(engine: Engine) -> None:
    open_account(engine, AccountStatus.ACTIVE)
    sms_key(engine)
    with pytest.raises(StrongLoginRequiredError):
        actions.remove_key(log_in(engine, at=OLD), kind="sms_code", now=NOW, bind=engine)
    assert held(engine, "sms_code")
    actions.remove_key(log_in(engine), kind="sms_code", now=NOW, bind=engine)
    assert not held(engine, "sms_code")


def test_a_wizard_step_by_a_lower_key_is_refused(engine: Engine) -> None:
    open_account(engine, AccountStatus.ACTIVE)
    app_login = log_in(engine, LevelOfAssurance.SUBSTANTIAL, key_kind="totp")
    page = actions.open_wizard(app_login, kind="email_code", now=NOW, bind=engine)
    assert not page.opening.allowed
    with pytest.raises(StrongLoginRequiredError):
        actions.send_registration_code(
            app_login, kind="email_code", destination="naima@example.be", now=NOW, bind=engine
        )
    with pytest.raises(StrongLoginRequiredError):
        actions.save_credentials(
            app_login, username="naima.m", password="correct horse battery", now=NOW, bind=engine
        )
    with Session(engine) as db:
        assert outbox(db) == []
        assert username_of(db, NAIMA.national_number) is None


def test_the_email_wizard_adds_the_key_in_its_units_of_work(engine: Engine) -> None:
    open_account(engine, AccountStatus.ACTIVE)
    session_id = log_in(engine)
    page = actions.open_wizard(session_id, kind="email_code", now=NOW, bind=engine)
    assert (page.email, page.opening.allowed) == ("naima@example.be", True)
    actions.send_registration_code(
        session_id, kind="email_code", destination="naima@example.be", now=NOW, bind=engine
    )
    with Session(engine) as db:
        code = six_digits_in(outbox(db)[0].text_body)
    actions.confirm_enrolment(
        session_id, kind="email_code", code=code, secret="", now=NOW, bind=engine
    )
    actions.save_credentials(
        session_id, username="naima.m", password="correct horse battery", now=NOW, bind=engine
    )
    assert held(engine, "email_code")
    with Session(engine) as db:
        assert username_of(db, NAIMA.national_number) == "naima.m"
