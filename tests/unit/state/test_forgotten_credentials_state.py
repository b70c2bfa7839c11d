"""'Nom d'utilisateur et/ou mot de passe oublié(s)?' page state, its handlers called by name as
the websocket calls them (a forged event too): the username only after a recent eID or itsme
login, and nothing changed by a weaker session."""

from __future__ import annotations

from sqlalchemy.engine import Engine
from sqlmodel import Session

from foundation.clock import utc_now
from foundation.models.account import AccountStatus
from foundation.models.digital_keys import Credential
from identity.assurance import LevelOfAssurance
from identity.password import set_credentials
from state.forgotten_credentials_state import ForgottenCredentialsState
from tests.unit.portal.visitors import NAIMA, log_in, open_account
from tests.unit.state.conftest import Tab, fire

USERNAME = "naima.m"
NEW_PASSWORD = "lanterne-sous-la-glycine-8"


def naima(engine: Engine) -> str:
    """Her active account and username + password; returns the password's hash."""
    open_account(engine, AccountStatus.ACTIVE)
    with Session(engine) as db:
        row = set_credentials(
            db,
            national_number=NAIMA.national_number,
            username=USERNAME,
            password="tulipe cartable horizon",
            now=utc_now(),
        )
        db.commit()
        return row.password_hash


def password_hash(engine: Engine) -> str:
    with Session(engine) as db:
        row = db.get(Credential, NAIMA.national_number)
        assert row is not None
        return row.password_hash


def test_without_a_session_the_page_explains_and_names_no_one(engine: Engine) -> None:
    naima(engine)
    page = Tab().page(ForgottenCredentialsState)
    assert fire(page, "load") is None
    assert (page.checked, page.strong, page.weak_login, page.username) == (True, False, False, "")


def test_a_password_session_sees_no_username_and_its_forged_save_changes_nothing(
    engine: Engine,
) -> None:
    before = naima(engine)
    tab = Tab(log_in(engine, LevelOfAssurance.LOW, at=utc_now(), key_kind="password"))
    page = tab.page(ForgottenCredentialsState)
    fire(page, "load")
    assert (page.weak_login, page.strong, page.username) == (True, False, "")
    form = {"password": NEW_PASSWORD, "password_confirmation": NEW_PASSWORD}
    fire(page, "save", form)
    assert not page.done
    assert page.username == ""
    assert password_hash(engine) == before


def test_after_the_eid_the_username_then_the_new_password(engine: Engine) -> None:
    before = naima(engine)
    page = Tab(log_in(engine, at=utc_now())).page(ForgottenCredentialsState)
    fire(page, "load")
    assert (page.strong, page.username) == (True, USERNAME)

    fire(page, "save", {"password": NEW_PASSWORD, "password_confirmation": "autre chose"})
    assert page.error_text == "Les deux mots de passe ne sont pas identiques."
    fire(page, "save", {"password": "court", "password_confirmation": "court"})
    assert "au moins 12 caractères" in page.error_text
    assert password_hash(engine) == before

    fire(page, "save", {"password": NEW_PASSWORD, "password_confirmation": NEW_PASSWORD})
    assert (page.done, page.error_text) == (True, "")
    assert password_hash(engine) != before
