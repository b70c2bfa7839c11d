"""Mes clés numériques' state: removing username + password hands back the code keys its
confirmation named; a forged event naming none removes nothing and the page shows them again."""

from __future__ import annotations

from sqlalchemy.engine import Engine
from sqlmodel import Session

from foundation.clock import utc_now
from foundation.i18n.catalog import catalog
from foundation.models.account import AccountStatus
from foundation.models.digital_keys import DigitalKeyRecord
from identity.keys.records import find_key
from identity.password import set_credentials, username_of
from state.keys_state import KeysState
from tests.unit.portal.visitors import NAIMA, log_in, open_account
from tests.unit.state.conftest import Tab, fire


def password_and_app(engine: Engine) -> None:
    open_account(engine, AccountStatus.ACTIVE)
    with Session(engine) as db:
        set_credentials(
            db,
            national_number=NAIMA.national_number,
            username="naima.m",
            password="tulipe cartable horizon",
            now=utc_now(),
        )
        db.add(
            DigitalKeyRecord(
                national_number=NAIMA.national_number, kind="totp", created_at=utc_now()
            )
        )
        db.commit()


def still_held(engine: Engine) -> tuple[bool, bool]:
    with Session(engine) as db:
        return (
            username_of(db, NAIMA.national_number) is not None,
            find_key(db, national_number=NAIMA.national_number, kind="totp") is not None,
        )


def test_the_confirmation_names_the_app_and_both_go(engine: Engine) -> None:
    password_and_app(engine)
    keys = Tab(log_in(engine, at=utc_now())).page(KeysState)
    fire(keys, "load")
    assert keys.full_name == f"{NAIMA.first_names} {NAIMA.surname}"
    fire(keys, "ask_remove", "password")
    assert keys.confirm_going_with == ["totp"]
    assert keys.confirm_going_names == ["keys.name.totp"]
    fire(keys, "remove")
    assert keys.message_key == "keys.removed_together"
    assert still_held(engine) == (False, False)


def test_a_forged_removal_of_the_password_naming_no_key_removes_nothing(engine: Engine) -> None:
    password_and_app(engine)
    keys = Tab(log_in(engine, at=utc_now())).page(KeysState)
    fire(keys, "ask_remove", "password")  # never loaded: the page named nothing
    fire(keys, "remove")
    assert keys.error_text == catalog("fr")["error.KeysGoingWithChangedError"]
    assert still_held(engine) == (True, True)
    rows = {row.kind: row for group in keys.groups for row in group.rows}
    assert rows["password"].goes_with == ["totp"]  # shown again as they are
