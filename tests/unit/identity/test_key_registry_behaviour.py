"""A key is one package and one registry line: a throw-away key, registered in a registry of its
own, is offered by the key chooser, gets the code login page and its wizard's page, is listed in
Mes clés numériques, logs in through its own second step with its own level, and is removed."""

from __future__ import annotations

import json
from datetime import datetime

import pytest
import reflex as rx
from reflex_base.registry import RegistrationContext
from sqlmodel import Session

from foundation import routes
from foundation.models.digital_keys import DigitalKeyRecord
from foundation.models.session import UserSession
from identity.assurance import LevelOfAssurance
from identity.eid.key import EidKey
from identity.key_protocol import (
    CONFIRMATION_STEP,
    CREDENTIALS_STEP,
    CodeNotResendableError,
    CodePrompt,
    KeyView,
    KeyViewStatus,
    LoginPage,
    Wizard,
)
from identity.keys.errors import InvalidCodeError
from identity.keys.records import RecordStore, find_key, remove_own_key
from identity.password import set_credentials
from identity.password.key import PasswordKey
from identity.registry import KeyDescriptor, KeyGroup, KeyRegistry, UnknownKeyError
from identity.sessions import redeem_ticket
from monespace_app.pages.key_chooser import key_list
from monespace_app.pages.key_pages import add_key_pages
from portal.keys.my_keys import key_groups, my_keys
from portal.login.code_login import check_code_step, check_password_step, complete_code_login
from tests.unit.identity.key_holder import FAST
from tests.unit.identity.key_people import NOW, PERSON, add_account, fresh_eid_login

KIND = "pigeon_code"
RIGHT_CODE = "424242"


class PigeonSecondStep:
    """A code a carrier pigeon brings: the number of the pigeon is shown, the code checked."""

    def prepare(
        self, db: Session, *, attempt_id: str, national_number: str, now: datetime
    ) -> CodePrompt:
        return CodePrompt("codelogin.prompt.totp", "pigeon 7")

    def verify(
        self, db: Session, *, attempt_id: str, national_number: str, code: str, now: datetime
    ) -> None:
        if code != RIGHT_CODE:
            raise InvalidCodeError(national_number)

    def resend(
        self, db: Session, *, attempt_id: str, national_number: str, now: datetime
    ) -> CodePrompt:
        raise CodeNotResendableError(KIND)


class PigeonKey:
    descriptor = KeyDescriptor(
        KIND,
        KeyGroup.CODE_AND_PASSWORD,
        LevelOfAssurance.SUBSTANTIAL,
        order=9,
        login_page=LoginPage.CODE,
    )
    wizard = Wizard(title_key="totp.title", steps=(CREDENTIALS_STEP, CONFIRMATION_STEP))
    enrolment = None
    removable = True

    def __init__(self) -> None:
        self.store = RecordStore(KIND)
        self.second_step = PigeonSecondStep()


def registry() -> KeyRegistry:
    return KeyRegistry([EidKey(), PigeonKey(), PasswordKey()])


def test_the_key_chooser_offers_the_new_key_among_the_code_keys() -> None:
    page = json.dumps([c.render() for c in key_list(registry())], default=str)
    assert f"key.{KIND}" in page
    assert routes.key_login(KIND) in page
    assert page.index("login.group.code") < page.index(routes.key_login(KIND))


def test_the_new_key_gets_the_code_login_page_and_its_wizard_page() -> None:
    # An app of its own, beside the portal's (Reflex wants a registration context per app).
    with RegistrationContext.ensure_context().fork():
        app = rx.App()
        add_key_pages(app, registry(), site_title="Mon Espace")
    pages = {"/" + route.strip("/") for route in app._unevaluated_pages}
    assert routes.key_login(KIND) in pages
    assert routes.key_activation(KIND) in pages
    assert routes.key_login("password") in pages
    assert routes.key_login("eid") not in pages  # a page of its own, added beside


def test_mes_cles_lists_the_new_key_with_its_actions() -> None:
    views = [KeyView(KIND, KeyViewStatus.LOCKED, NOW, None)]
    [eid_group, code_group, password_group] = key_groups(registry(), views, now=NOW)
    assert code_group.title_key == "keys.group.code"
    [row] = code_group.rows
    assert (row.kind, row.name_key, row.status, row.since) == (
        KIND,
        f"keys.name.{KIND}",
        "LOCKED",
        "22/11/2026",
    )
    assert row.activate_href == routes.key_activation(KIND)
    assert row.removable
    assert [r.kind for r in eid_group.rows] == ["eid"]
    assert not password_group.rows[0].removable  # not held: nothing to remove


def pigeon_key_of_the_person(db: Session) -> None:
    db.add(DigitalKeyRecord(national_number=PERSON.national_number, kind=KIND, created_at=NOW))
    db.commit()


def test_the_new_keys_store_shows_it_held_in_mes_cles(db: Session) -> None:
    add_account(db)
    pigeon_key_of_the_person(db)
    overview = my_keys(db, session=fresh_eid_login(db), now=NOW, registry=registry())
    assert overview.strong_login
    rows = {row.kind: row for group in overview.groups for row in group.rows}
    # A code key: its login starts with username + password, which the person has not yet.
    assert rows[KIND].status == "NO_PASSWORD"
    assert rows[KIND].removable
    assert rows["eid"].status == "ACTIVE"
    assert not rows["eid"].removable
    set_credentials(
        db,
        national_number=PERSON.national_number,
        username="marie.dupont",
        password="correct horse battery",
        now=NOW,
        settings=FAST,
    )
    overview = my_keys(db, session=fresh_eid_login(db), now=NOW, registry=registry())
    rows = {row.kind: row for group in overview.groups for row in group.rows}
    assert rows[KIND].status == "ACTIVE"
    assert rows["password"].goes_with == [KIND]


def test_a_login_with_the_new_key_runs_its_second_step_and_gets_its_level(db: Session) -> None:
    add_account(db)
    pigeon_key_of_the_person(db)
    set_credentials(
        db,
        national_number=PERSON.national_number,
        username="marie.dupont",
        password="correct horse battery",
        now=NOW,
        settings=FAST,
    )
    keys = registry()
    passed = check_password_step(
        db,
        kind=KIND,
        username="marie.dupont",
        password="correct horse battery",
        now=NOW,
        settings=FAST,
        registry=keys,
    )
    assert passed.prompt == CodePrompt("codelogin.prompt.totp", "pigeon 7")
    with pytest.raises(InvalidCodeError):
        check_code_step(
            db, kind=KIND, attempt_id=passed.attempt_id, code="000000", now=NOW, registry=keys
        )
    person = check_code_step(
        db, kind=KIND, attempt_id=passed.attempt_id, code=RIGHT_CODE, now=NOW, registry=keys
    )
    url = complete_code_login(
        db, kind=KIND, national_number=person, now=NOW, browser_binding="b" * 64, registry=keys
    )
    ticket = url.split("ticket=")[1].split("&")[0]
    session = redeem_ticket(db, ticket, browser_binding="b" * 64, now=NOW)
    assert isinstance(session, UserSession)
    assert (session.key_kind, session.level) == (KIND, LevelOfAssurance.SUBSTANTIAL)


def test_the_code_login_refuses_a_key_that_has_a_page_of_its_own(db: Session) -> None:
    # A forged event could name the eID on the password page: no high session for a password.
    with pytest.raises(UnknownKeyError):
        check_password_step(
            db,
            kind="eid",
            username="marie.dupont",
            password="whatever",
            now=NOW,
            registry=registry(),
        )


def test_the_new_key_is_removed_through_its_store(db: Session) -> None:
    add_account(db)
    pigeon_key_of_the_person(db)
    remove_own_key(db, session=fresh_eid_login(db), kind=KIND, now=NOW, registry=registry())
    assert find_key(db, national_number=PERSON.national_number, kind=KIND) is None
