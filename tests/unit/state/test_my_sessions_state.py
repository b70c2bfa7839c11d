"""Mes sessions as a tab runs it: the rows the page shows, "Déconnecter" on another browser's
session, and a forged event naming someone else's session, refused with nothing ended."""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy.engine import Engine
from sqlmodel import Session

from foundation import routes
from foundation.clock import utc_now
from foundation.i18n.catalog import catalog
from foundation.models.account import AccountStatus
from foundation.models.session import UserSession
from identity.assurance import LevelOfAssurance
from identity.sessions import LoginIdentity
from portal.my_sessions import reference_of
from state.my_sessions_state import MySessionsState
from tests.unit.portal.visitors import log_in, open_account
from tests.unit.state.conftest import Tab, fire
from tests.unit.state.test_step_up import loaded

JEAN_PIERRE = LoginIdentity("90020212345", "Dumont", "Jean-Pierre", date(1990, 2, 2))
FIREFOX = "Mozilla/5.0 (X11; Ubuntu; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0"
FRENCH = catalog("fr")


def is_live(engine: Engine, session_id: str) -> bool:
    with Session(engine) as db:
        row = db.get(UserSession, session_id)
        return row is not None and row.revoked_at is None


def from_firefox(engine: Engine, session_id: str) -> str:
    with Session(engine) as db:
        row = db.get(UserSession, session_id)
        assert row is not None
        row.user_agent = FIREFOX
        db.commit()
    return session_id


def profile_tab(session_id: str) -> MySessionsState:
    tab = Tab(session_id)
    tab.open(routes.space_page("citoyen", "profil"))
    return tab.page(MySessionsState)


def test_the_page_lists_this_session_and_ends_the_other(engine: Engine) -> None:
    open_account(engine, AccountStatus.ACTIVE)
    here = log_in(engine, at=utc_now())
    other = from_firefox(engine, log_in(engine, at=utc_now(), key_kind="eid"))
    page = profile_tab(here)
    assert fire(page, "load") is None
    assert [(row.current, row.browser, row.system) for row in page.rows] == [
        (True, "", ""),
        (False, "Firefox", "Linux"),
    ]
    assert (page.rows[1].key_name_key, page.rows[1].level_key) == (
        "keys.name.eid",
        "sessions.level.3",
    )
    assert fire(page, "end", page.rows[1].reference) is None
    assert page.message_key == "sessions.ended"
    assert [row.current for row in page.rows] == [True]
    assert not is_live(engine, other)
    assert is_live(engine, here)


def test_a_forged_event_naming_someone_elses_session_ends_nothing(engine: Engine) -> None:
    open_account(engine, AccountStatus.ACTIVE)
    open_account(engine, AccountStatus.ACTIVE, identity=JEAN_PIERRE, email="jp@example.be")
    here = log_in(engine, at=utc_now())
    theirs = log_in(engine, at=utc_now(), identity=JEAN_PIERRE)
    page = profile_tab(here)
    for named in (reference_of(theirs), theirs):
        assert fire(page, "end", named) is None
        assert page.error_text == FRENCH["error.SessionNotFoundError"]
    assert is_live(engine, theirs)
    assert fire(page, "end_others") is None
    assert is_live(engine, theirs)
    assert page.message_key == "sessions.others_ended"


def test_a_session_below_the_level_is_stepped_up_and_shown_nothing(engine: Engine) -> None:
    open_account(engine, AccountStatus.ACTIVE)
    log_in(engine, at=utc_now())
    weak = log_in(engine, LevelOfAssurance.LOW, at=utc_now(), key_kind="password")
    page = profile_tab(weak)
    assert loaded(fire(page, "load")) == routes.login_then("/citoyen/profil", level="substantiel")
    assert page.rows == []
    assert loaded(fire(page, "end_others")).startswith(routes.LOGIN_THEN)


def test_an_old_login_is_asked_to_log_in_again_before_ending_sessions(engine: Engine) -> None:
    open_account(engine, AccountStatus.ACTIVE)
    here = log_in(engine, at=utc_now() - timedelta(minutes=20))
    other = log_in(engine, at=utc_now(), key_kind="eid")
    page = profile_tab(here)
    fire(page, "load")
    assert fire(page, "end", page.rows[1].reference) is None
    assert page.error_text == FRENCH["error.RecentLoginRequiredError"]
    assert page.relogin_url == routes.login_then("/citoyen/profil")
    assert fire(page, "end_others") is None
    assert page.message_key == ""
    assert is_live(engine, other)
