"""An account's e-mails are in its holder's language: the page's at creation, then the one the
person's pages show (a switch, or a page opened in another language, moves it)."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from foundation.models.account import Account, AccountStatus
from foundation.models.outbox import OutboxMessage
from portal.accounts import actions
from portal.accounts.language import follow_page_language
from portal.accounts.service import LinkContext
from tests.unit.portal.visitors import NOW, log_in, open_account

LINKS = LinkContext(secret_key="test-secret", public_origin="http://localhost:3000")
LATER = NOW + timedelta(minutes=1)


def outbox(engine: Engine) -> list[OutboxMessage]:
    with Session(engine) as db:
        return list(db.exec(select(OutboxMessage).order_by(col(OutboxMessage.id))))


def language_of_account(engine: Engine) -> str:
    with Session(engine) as db:
        return db.exec(select(Account.language)).one()


def test_an_account_opened_from_a_dutch_page_gets_its_mail_in_dutch(engine: Engine) -> None:
    session_id = log_in(engine)
    actions.open_account(
        session_id,
        LINKS,
        email="naima@example.be",
        confirmation="naima@example.be",
        language="nl",
        now=LATER,
        bind=engine,
    )
    [mail] = outbox(engine)
    assert mail.subject == "Activeer uw Mon Espace-account"
    assert mail.text_body.startswith("Geachte Naïma Fatima Mremi,")
    assert "Mijn Mon Espace-account activeren: http://localhost:3000/" in mail.text_body
    assert '<html lang="nl">' in (mail.html_body or "")
    assert language_of_account(engine) == "nl"


def test_a_page_language_the_portal_does_not_speak_opens_the_account_in_french(
    engine: Engine,
) -> None:
    actions.open_account(
        log_in(engine),
        LINKS,
        email="naima@example.be",
        confirmation="naima@example.be",
        language="es",
        now=LATER,
        bind=engine,
    )
    assert outbox(engine)[0].subject == "Activez votre compte Mon Espace"
    assert language_of_account(engine) == "fr"


def test_the_account_follows_the_pages_and_writes_in_their_language(engine: Engine) -> None:
    open_account(engine, AccountStatus.ACTIVE)
    session_id = log_in(engine)
    assert follow_page_language(session_id, "de", now=LATER, bind=engine)
    assert not follow_page_language(session_id, "de", now=LATER, bind=engine)  # no change
    assert not follow_page_language(session_id, "xx", now=LATER, bind=engine)
    assert not follow_page_language(None, "en", now=LATER, bind=engine)
    assert language_of_account(engine) == "de"
    actions.change_email(
        session_id,
        LINKS,
        email="naima.neu@example.de",
        confirmation="naima.neu@example.de",
        now=LATER,
        bind=engine,
    )
    [confirm] = outbox(engine)
    assert confirm.recipient == "naima.neu@example.de"
    assert confirm.subject == "Bestätigen Sie Ihre E-Mail-Adresse für Mon Espace"
    assert "für Ihr Mon Espace-Konto" in confirm.text_body


def test_nobody_logged_in_changes_no_account(engine: Engine) -> None:
    open_account(engine, AccountStatus.ACTIVE, language="nl")
    assert not follow_page_language("no-such-session", "en", now=LATER, bind=engine)
    assert language_of_account(engine) == "nl"
