"""What the session helpers of every page decide themselves: the cookie read from the tab's
request headers, and a refused visit turned into the redirect (with nothing of an earlier session
left on the page); the header's state, which stands alone in the tab's state tree."""

from __future__ import annotations

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session

from foundation import routes
from foundation.clock import utc_now
from foundation.models.account import AccountStatus
from foundation.models.session import UserSession
from state.account_form_state import AccountFormState, AccountPendingState
from state.account_settings_state import AccountSettingsState
from state.i18n_state import I18nState
from state.roles.direct_assignment_state import DirectAssignmentState
from state.session_state import SessionState, page_state_classes
from tests.unit.portal.visitors import log_in, open_account
from tests.unit.state.conftest import Tab, fire, redirect_path


@pytest.mark.parametrize(
    "cookie",
    [
        "",
        "monespace_session=forged-session-id",  # not signed by the portal
        'monespace_session="unterminated',  # a header SimpleCookie cannot read
        "other=1",
    ],
)
def test_a_missing_forged_or_malformed_cookie_is_no_login(engine: Engine, cookie: str) -> None:
    open_account(engine, AccountStatus.ACTIVE)
    log_in(engine, at=utc_now())
    page = Tab(cookie=cookie).page(AccountSettingsState)
    assert redirect_path(fire(page, "load")) == routes.KEY_CHOOSER


def test_a_signed_cookie_names_the_session(engine: Engine) -> None:
    session_id = log_in(engine, at=utc_now())
    page = Tab(session_id).page(AccountFormState)
    assert page._session_id() == session_id


def test_a_revoked_session_wipes_the_page_then_sends_to_the_key_chooser(engine: Engine) -> None:
    session_id = log_in(engine, at=utc_now())
    page = Tab(session_id).page(AccountFormState)
    assert fire(page, "load") is None
    assert page.surname == "Mremi"
    with Session(engine) as db:
        row = db.get(UserSession, session_id)
        assert row is not None
        row.revoked_at = utc_now()
        db.commit()
    assert redirect_path(fire(page, "load")) == routes.KEY_CHOOSER
    assert (page.surname, page.birth_date) == ("", "")


def test_a_page_for_another_account_state_sends_to_the_persons_page(engine: Engine) -> None:
    open_account(engine, AccountStatus.PENDING)
    tab = Tab(log_in(engine, at=utc_now()))
    assert redirect_path(fire(tab.page(AccountSettingsState), "load")) == routes.ACCOUNT_PENDING
    assert fire(tab.page(AccountPendingState), "load") is None


def test_the_header_follows_the_session_and_logout_ends_it(engine: Engine) -> None:
    session_id = log_in(engine, at=utc_now())
    tab = Tab(session_id)
    header = tab.page(SessionState)
    fire(header, "page_shown")
    assert (header.logged_in, header.user_name) == (True, "Naïma Mremi")
    form = tab.page(AccountFormState)
    fire(form, "load")
    assert form.surname == "Mremi"
    leaving = fire(header, "logout")
    assert routes.LOGOUT in str(leaving.args)  # a full page load: the cookie is cleared
    # What the pages held for this person is not shown to whoever uses the tab next.
    assert form.surname == ""
    assert not header.logged_in
    with Session(engine) as db:
        row = db.get(UserSession, session_id)
        assert row is not None
        assert row.revoked_at is not None
    fire(header, "page_shown")
    assert not header.logged_in


def test_logout_wipes_every_page_state() -> None:
    pages = page_state_classes()
    # The account form's page state is reset with its parent's, the account pages' state.
    assert AccountFormState.get_parent_state() in pages
    assert DirectAssignmentState in pages
    assert SessionState not in pages
    assert I18nState not in pages
