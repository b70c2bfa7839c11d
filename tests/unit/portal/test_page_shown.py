"""What a page asks once shown: who is there and its language, the account's language followed
only by a logged-in person's pages."""

from __future__ import annotations

from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from foundation.models.account import Account, AccountStatus
from portal import visits
from portal.page_shown import page_shown
from tests.unit.portal.visitors import NOW, log_in, open_account


def account_language(engine: Engine) -> str:
    with Session(engine) as db:
        return db.exec(select(Account.language)).one()


def test_nobody_logged_in_keeps_the_pages_language_and_touches_no_account(engine: Engine) -> None:
    open_account(engine, AccountStatus.ACTIVE)
    ended = log_in(engine)
    visits.leave(ended, now=NOW, bind=engine)
    for session_id in (None, "forged-session-id", ended):
        shown = page_shown(session_id, language="de", chosen_here=True, now=NOW, bind=engine)
        assert (shown.visitor, shown.language) == (None, "de")
    assert account_language(engine) == "fr"


def test_a_language_chosen_in_this_browser_goes_to_the_account(engine: Engine) -> None:
    open_account(engine, AccountStatus.ACTIVE)
    session_id = log_in(engine)
    shown = page_shown(session_id, language="nl", chosen_here=True, now=NOW, bind=engine)
    assert shown.visitor is not None
    assert shown.visitor.short_name == "Naïma Mremi"
    assert (shown.language, account_language(engine)) == ("nl", "nl")


def test_a_browser_that_never_chose_shows_the_accounts_language(engine: Engine) -> None:
    open_account(engine, AccountStatus.ACTIVE)
    with Session(engine) as db:
        account = db.exec(select(Account)).one()
        account.language = "en"
        db.add(account)
        db.commit()
    session_id = log_in(engine)
    shown = page_shown(session_id, language="fr", chosen_here=False, now=NOW, bind=engine)
    assert (shown.language, account_language(engine)) == ("en", "en")


def test_a_first_login_without_an_account_yet_is_greeted_in_the_pages_language(
    engine: Engine,
) -> None:
    session_id = log_in(engine)
    shown = page_shown(session_id, language="de", chosen_here=False, now=NOW, bind=engine)
    assert shown.visitor is not None
    assert shown.visitor.account is None
    assert shown.language == "de"
