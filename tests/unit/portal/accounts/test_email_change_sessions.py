"""ASVS 7.4.3: a new account e-mail, once confirmed, ends every other session of the person at
once (the address is where the e-mail key's codes and links go); the browser that confirmed it
keeps its own session, and other people's sessions are left alone."""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from foundation.models.account import AccountStatus
from foundation.models.outbox import OutboxMessage
from foundation.models.session import UserSession
from identity.sessions import LoginIdentity
from portal.accounts import actions, errors
from portal.accounts.service import LinkContext
from tests.unit.portal.visitors import NOW, log_in, open_account

LINKS = LinkContext(secret_key="test-secret", public_origin="http://localhost:3000")
LATER = NOW + timedelta(minutes=2)
JEAN_PIERRE = LoginIdentity("90020212345", "Dumont", "Jean-Pierre", date(1990, 2, 2))


def is_live(engine: Engine, session_id: str) -> bool:
    with Session(engine) as db:
        row = db.get(UserSession, session_id)
        return row is not None and row.revoked_at is None


def ask_for_a_new_address(engine: Engine, session_id: str) -> str:
    """Compte's form, then the token of the link mailed to the new address."""
    actions.change_email(
        session_id,
        LINKS,
        email="naima@hotmail.com",
        confirmation="naima@hotmail.com",
        now=NOW,
        bind=engine,
    )
    with Session(engine) as db:
        mail = db.exec(select(OutboxMessage).order_by(col(OutboxMessage.id).desc())).first()
        assert mail is not None
        assert mail.recipient == "naima@hotmail.com"
        found = re.search(r"/compte/confirmer-email\?jeton=([\w.\-]+)", mail.text_body)
        assert found
        return found.group(1)


def test_the_confirmed_address_ends_the_other_sessions_and_keeps_this_browser(
    engine: Engine,
) -> None:
    open_account(engine, AccountStatus.ACTIVE)
    open_account(engine, AccountStatus.ACTIVE, identity=JEAN_PIERRE, email="jp@example.be")
    here, elsewhere = log_in(engine), log_in(engine)
    theirs = log_in(engine, identity=JEAN_PIERRE)
    token = ask_for_a_new_address(engine, here)
    # Asking is not changing: nothing ends until the address is confirmed.
    assert is_live(engine, elsewhere)
    actions.follow_link(
        "confirm-email", LINKS, token=token, now=LATER, session_id=here, bind=engine
    )
    assert is_live(engine, here)
    assert not is_live(engine, elsewhere)
    assert is_live(engine, theirs)


def test_a_link_opened_in_another_browser_ends_every_session_of_the_person(
    engine: Engine,
) -> None:
    open_account(engine, AccountStatus.ACTIVE)
    open_account(engine, AccountStatus.ACTIVE, identity=JEAN_PIERRE, email="jp@example.be")
    here = log_in(engine)
    theirs = log_in(engine, identity=JEAN_PIERRE)
    token = ask_for_a_new_address(engine, here)
    # Opened on a phone with no session, or in a browser where someone else is logged in.
    actions.follow_link(
        "confirm-email", LINKS, token=token, now=LATER, session_id=theirs, bind=engine
    )
    assert not is_live(engine, here)
    assert is_live(engine, theirs)


def test_a_link_used_already_ends_nothing_more(engine: Engine) -> None:
    open_account(engine, AccountStatus.ACTIVE)
    here = log_in(engine)
    token = ask_for_a_new_address(engine, here)
    actions.follow_link(
        "confirm-email", LINKS, token=token, now=LATER, session_id=here, bind=engine
    )
    with pytest.raises(errors.LinkUsedError):
        actions.follow_link("confirm-email", LINKS, token=token, now=LATER, bind=engine)
    assert is_live(engine, here)
