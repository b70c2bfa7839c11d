"""The pages hand the language they show to the account, whose e-mails are written in it: the
first-login form opens the account in it, and a switch, or a page opened in another language
(chosen before logging in), moves it."""

from __future__ import annotations

from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from foundation.clock import utc_now
from foundation.models.account import Account, AccountStatus
from foundation.models.outbox import OutboxMessage
from foundation.settings import get_settings
from identity.session_cookies import cookie_names
from identity.sessions import SessionCookie
from state.account_form_state import AccountFormState
from state.i18n_state import LANGUAGE_COOKIE, I18nState
from state.session_state import SessionState
from tests.unit.portal.visitors import log_in, open_account
from tests.unit.state.conftest import Tab, fire


def account_language(engine: Engine) -> str:
    with Session(engine) as db:
        return db.exec(select(Account.language)).one()


def test_the_first_login_form_opens_the_account_in_the_pages_language(engine: Engine) -> None:
    tab = Tab(log_in(engine, at=utc_now()))
    tab.page(I18nState).lang = "de"
    form = tab.page(AccountFormState)
    fire(form, "load")
    fire(form, "submit", {"email": "naima@example.be", "email_confirmation": "naima@example.be"})
    assert account_language(engine) == "de"
    with Session(engine) as db:
        mail = db.exec(select(OutboxMessage)).one()
    assert mail.subject == "Aktivieren Sie Ihr Mon Espace-Konto"


def cookies(session_id: str, language: str | None) -> str:
    """The cookie header of a browser logged in, with a language chosen there or not."""
    signed = SessionCookie(get_settings().resolved_secret_key()).encode(session_id)
    header = f"{cookie_names(get_settings().public_origin).session}={signed}"
    return header + (f"; {LANGUAGE_COOKIE}={language}" if language else "")


def test_a_page_shown_or_a_switch_moves_the_logged_in_persons_account(engine: Engine) -> None:
    open_account(engine, AccountStatus.ACTIVE)
    tab = Tab(cookie=cookies(log_in(engine, at=utc_now()), "en"))
    i18n = tab.page(I18nState)
    i18n.lang = "en"  # chosen before logging in: the cookie
    fire(tab.page(SessionState), "page_shown")
    assert account_language(engine) == "en"
    fire(i18n, "set_language", "nl")
    assert (i18n.lang, account_language(engine)) == ("nl", "nl")
    fire(i18n, "set_language", "es")  # not a language of the portal: nothing changes
    assert (i18n.lang, account_language(engine)) == ("nl", "nl")


def test_a_visitor_not_logged_in_switches_without_an_account(engine: Engine) -> None:
    open_account(engine, AccountStatus.ACTIVE)
    i18n = Tab().page(I18nState)
    fire(i18n, "set_language", "de")
    assert i18n.lang == "de"
    assert account_language(engine) == "fr"


def test_a_browser_that_never_chose_a_language_shows_the_accounts(engine: Engine) -> None:
    """Marouan reads in Dutch; he logs in on a new computer, whose pages start in the default
    French: the pages turn Dutch, and his account stays Dutch."""
    open_account(engine, AccountStatus.ACTIVE)
    tab = Tab(cookie=cookies(log_in(engine, at=utc_now()), "nl"))
    tab.page(I18nState).lang = "nl"  # the cookie, as the browser hands it to the state
    fire(tab.page(SessionState), "page_shown")
    assert account_language(engine) == "nl"
    new_computer = Tab(cookie=cookies(log_in(engine, at=utc_now()), None))
    i18n = new_computer.page(I18nState)
    assert i18n.lang == "fr"
    shown = fire(new_computer.page(SessionState), "page_shown")
    assert "'nl'" in str(shown)  # <html lang> follows, for screen readers
    assert (i18n.lang, account_language(engine)) == ("nl", "nl")
