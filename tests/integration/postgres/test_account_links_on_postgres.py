"""An account's e-mailed link followed twice at once (a double click, a mail client that opens
it, two backends): the link works once, as it does one click after the other."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from foundation.models.account import Account, AccountStatus
from foundation.models.outbox import OutboxMessage
from identity.sessions import LoginIdentity
from portal.accounts import errors
from portal.accounts.actions import follow_link
from portal.accounts.service import LinkContext, register, request_email_change
from tests.integration.postgres.racing import each_backend_at_once, meeting_before
from tests.unit.portal.companies.conftest import Person, session_of

pytestmark = pytest.mark.integration

NOW = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
LINKS = LinkContext(
    secret_key="postgres-tests-link-key-not-for-production", public_origin="https://monespace.test"
)
MARIE = Person("85073003328", "Dupont", "Marie", "marie.dupont@example.be")
# The account's row as the link's unit of work reads it: both backends get there together.
ACCOUNT_READ = r"^SELECT account\.id\b"


def link_in_last_mail(engine: Engine, to: str) -> str:
    with Session(engine) as db:
        mail = db.exec(
            select(OutboxMessage)
            .where(OutboxMessage.recipient == to)
            .order_by(col(OutboxMessage.id).desc())
        ).first()
        assert mail is not None
        found = re.search(r"jeton=([\w.\-]+)", mail.text_body)
    assert found is not None, mail.text_body
    return found.group(1)


def mails_to(engine: Engine, to: str) -> list[str]:
    with Session(engine) as db:
        return list(db.exec(select(OutboxMessage.subject).where(OutboxMessage.recipient == to)))


def marie_registered(engine: Engine) -> None:
    with Session(engine) as db:
        register(
            db,
            LINKS,
            identity=LoginIdentity(
                MARIE.national_number, MARIE.surname, MARIE.first_names, date(1985, 7, 30)
            ),
            email=MARIE.email,
            confirmation=MARIE.email,
            language="fr",
            now=NOW,
        )
        db.commit()


def follow_twice_at_once(
    backends: list[Engine], action: str, token: str
) -> list[type[BaseException]]:
    """Both backends follow the link; returns the refusals (the successes return nothing)."""

    def follow(engine: Engine) -> None:
        follow_link(action, LINKS, token=token, now=NOW + timedelta(minutes=5), bind=engine)

    with meeting_before(backends, ACCOUNT_READ) as meeting:
        outcomes = each_backend_at_once(backends, follow)
    assert meeting.together == 2, "both had read the account before either wrote"
    assert len(outcomes.results) == 1
    return [type(error) for error in outcomes.errors]


def test_the_activation_link_clicked_twice_at_once_activates_once(
    postgres_engine: Engine, backends: list[Engine]
) -> None:
    marie_registered(postgres_engine)
    token = link_in_last_mail(postgres_engine, MARIE.email)

    assert follow_twice_at_once(backends, "activate", token) == [errors.LinkUsedError]

    with Session(postgres_engine) as db:
        account = db.exec(select(Account)).one()
    assert account.status is AccountStatus.ACTIVE
    assert account.activation_nonce is None


def test_a_new_address_confirmed_twice_at_once_is_confirmed_once(
    postgres_engine: Engine, backends: list[Engine]
) -> None:
    marie_registered(postgres_engine)
    follow_link(
        "activate",
        LINKS,
        token=link_in_last_mail(postgres_engine, MARIE.email),
        now=NOW,
        bind=postgres_engine,
    )
    new_address = "marie.d@example.org"
    with Session(postgres_engine) as db:
        account = db.exec(select(Account)).one()
        request_email_change(
            db,
            LINKS,
            account=account,
            session_row=session_of(MARIE, at=NOW),
            email=new_address,
            confirmation=new_address,
            now=NOW,
        )
        db.commit()
    token = link_in_last_mail(postgres_engine, new_address)
    notices_before = len(mails_to(postgres_engine, MARIE.email))

    assert follow_twice_at_once(backends, "confirm-email", token) == [errors.LinkUsedError]

    with Session(postgres_engine) as db:
        account = db.exec(select(Account)).one()
    assert (account.email, account.pending_email) == (new_address, None)
    # The old address is told of the change once.
    assert len(mails_to(postgres_engine, MARIE.email)) == notices_before + 1
