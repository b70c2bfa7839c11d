"""The account pages' actions check the visit in the unit of work that acts: a forged event
without a live session, or for an account in another state, changes nothing."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from foundation import routes
from foundation.models.account import Account, AccountStatus
from foundation.models.outbox import OutboxMessage
from identity.assurance import LevelOfAssurance
from identity.sessions import RECENT_LOGIN
from portal.accounts import actions, errors
from portal.accounts.service import LinkContext
from portal.levels import LevelTooLowError
from portal.visits import NotHereError, NotLoggedInError
from tests.unit.portal.visitors import NAIMA, NOW, log_in, open_account

LINKS = LinkContext(secret_key="test-secret", public_origin="http://localhost:3000")
LATER = NOW + timedelta(minutes=1)


def account_of(engine: Engine) -> Account | None:
    with Session(engine) as db:
        return db.exec(
            select(Account).where(Account.national_number == NAIMA.national_number)
        ).first()


def mails(engine: Engine) -> list[str]:
    with Session(engine) as db:
        return list(db.exec(select(OutboxMessage.recipient).order_by(col(OutboxMessage.id))))


def test_the_first_login_form_opens_the_account_with_the_identity_of_the_login(
    engine: Engine,
) -> None:
    session_id = log_in(engine)
    actions.open_account(
        session_id,
        LINKS,
        email="n@example.be",
        confirmation="n@example.be",
        language="fr",
        now=LATER,
        bind=engine,
    )
    account = account_of(engine)
    assert account is not None
    assert (account.surname, account.status) == ("Mremi", AccountStatus.PENDING)
    assert mails(engine) == ["n@example.be"]
    with pytest.raises(NotHereError) as refused:  # a second form: the account exists now
        actions.open_account(
            session_id,
            LINKS,
            email="x@example.be",
            confirmation="x@example.be",
            language="fr",
            now=LATER,
            bind=engine,
        )
    assert refused.value.home == routes.ACCOUNT_PENDING


def test_without_a_live_session_no_action_runs(engine: Engine) -> None:
    open_account(engine, AccountStatus.ACTIVE)
    for forged in (None, "not-a-session"):
        with pytest.raises(NotLoggedInError):
            actions.request_deletion(forged, now=LATER, bind=engine)
        with pytest.raises(NotLoggedInError):
            actions.change_email(
                forged,
                LINKS,
                email="x@example.be",
                confirmation="x@example.be",
                now=LATER,
                bind=engine,
            )
    account = account_of(engine)
    assert account is not None
    assert account.status is AccountStatus.ACTIVE
    assert account.pending_email is None
    assert mails(engine) == []


def test_deleting_for_good_needs_a_deletion_asked_first(engine: Engine) -> None:
    open_account(engine, AccountStatus.ACTIVE)
    session_id = log_in(engine)
    with pytest.raises(NotHereError) as refused:
        actions.delete_definitively(session_id, now=LATER, bind=engine)
    assert refused.value.home == routes.MY_SPACES
    assert account_of(engine) is not None


def test_asking_for_the_deletion_needs_a_recent_strong_login(engine: Engine) -> None:
    open_account(engine, AccountStatus.ACTIVE)
    weak = log_in(engine, LevelOfAssurance.SUBSTANTIAL, key_kind="totp")
    with pytest.raises(errors.StrongLoginRequiredError):
        actions.request_deletion(weak, now=LATER, bind=engine)
    old = log_in(engine)
    with pytest.raises(errors.StrongLoginRequiredError):
        actions.request_deletion(old, now=NOW + RECENT_LOGIN + timedelta(minutes=1), bind=engine)
    account = account_of(engine)
    assert account is not None
    assert account.status is AccountStatus.ACTIVE


def test_asked_withdrawn_then_asked_and_deleted_for_good(engine: Engine) -> None:
    open_account(engine, AccountStatus.ACTIVE)
    session_id = log_in(engine)
    actions.request_deletion(session_id, now=LATER, bind=engine)
    actions.cancel_deletion(session_id, now=LATER, bind=engine)
    account = account_of(engine)
    assert account is not None
    assert account.status is AccountStatus.ACTIVE
    actions.request_deletion(session_id, now=LATER, bind=engine)
    actions.delete_definitively(session_id, now=LATER, bind=engine)
    assert account_of(engine) is None
    with pytest.raises(NotLoggedInError):  # the session went with the account
        actions.cancel_deletion(session_id, now=LATER, bind=engine)


def test_the_teaching_address_is_the_account_one_or_one_to_confirm(engine: Engine) -> None:
    open_account(engine, AccountStatus.ACTIVE)
    session_id = log_in(engine)
    assert not actions.choose_teaching_email(
        session_id,
        LINKS,
        use_account_email=True,
        email="",
        confirmation="",
        now=LATER,
        bind=engine,
    )
    assert actions.choose_teaching_email(
        session_id,
        LINKS,
        use_account_email=False,
        email="n@school.be",
        confirmation="n@school.be",
        now=LATER,
        bind=engine,
    )
    assert mails(engine) == ["n@school.be"]


def test_an_unknown_link_action_is_an_invalid_link(engine: Engine) -> None:
    with pytest.raises(errors.LinkInvalidError):
        actions.follow_link("drop-tables", LINKS, token="x", now=NOW, bind=engine)
    with pytest.raises(errors.LinkInvalidError):
        actions.follow_link("activate", LINKS, token="forged", now=NOW, bind=engine)


def test_a_password_alone_neither_sees_nor_changes_the_account(engine: Engine) -> None:
    open_account(engine, AccountStatus.ACTIVE)
    password_alone = log_in(engine, LevelOfAssurance.LOW, key_kind="password")
    with pytest.raises(LevelTooLowError) as refused:
        actions.change_email(
            password_alone,
            LINKS,
            email="thief@example.be",
            confirmation="thief@example.be",
            now=LATER,
            bind=engine,
        )
    assert refused.value.required is LevelOfAssurance.SUBSTANTIAL
    with pytest.raises(LevelTooLowError):
        actions.request_deletion(password_alone, now=LATER, bind=engine)
    with pytest.raises(LevelTooLowError):
        actions.choose_teaching_email(
            password_alone,
            LINKS,
            use_account_email=False,
            email="thief@example.be",
            confirmation="thief@example.be",
            now=LATER,
            bind=engine,
        )
    account = account_of(engine)
    assert account is not None
    assert (account.status, account.pending_email, account.teaching_email_pending) == (
        AccountStatus.ACTIVE,
        None,
        None,
    )
    assert mails(engine) == []


def test_withdrawing_or_confirming_a_deletion_needs_a_recent_strong_login(engine: Engine) -> None:
    open_account(
        engine, AccountStatus.DELETION_REQUESTED, deletion_requested_at=NOW - timedelta(days=3)
    )
    # The page a pending deletion lands on opens at any level; its two buttons do not.
    for level, kind in ((LevelOfAssurance.LOW, "password"), (LevelOfAssurance.SUBSTANTIAL, "totp")):
        weak = log_in(engine, level, key_kind=kind)
        with pytest.raises(errors.StrongLoginRequiredError):
            actions.cancel_deletion(weak, now=LATER, bind=engine)
        with pytest.raises(errors.StrongLoginRequiredError):
            actions.delete_definitively(weak, now=LATER, bind=engine)
    old_eid = log_in(engine)
    with pytest.raises(errors.StrongLoginRequiredError):
        actions.cancel_deletion(old_eid, now=NOW + RECENT_LOGIN + timedelta(minutes=1), bind=engine)
    account = account_of(engine)
    assert account is not None
    assert account.status is AccountStatus.DELETION_REQUESTED
    actions.cancel_deletion(log_in(engine, at=LATER), now=LATER, bind=engine)
    account = account_of(engine)
    assert account is not None
    assert account.status is AccountStatus.ACTIVE


def test_changing_the_teaching_address_needs_a_recent_strong_login(engine: Engine) -> None:
    open_account(engine, AccountStatus.ACTIVE)
    app_code = log_in(engine, LevelOfAssurance.SUBSTANTIAL, key_kind="totp")
    # The first choice, on entering the teaching space, is made with the space's level.
    assert not actions.choose_teaching_email(
        app_code, LINKS, use_account_email=True, email="", confirmation="", now=LATER, bind=engine
    )
    with pytest.raises(errors.StrongLoginRequiredError):
        actions.choose_teaching_email(
            app_code,
            LINKS,
            use_account_email=False,
            email="other@school.be",
            confirmation="other@school.be",
            now=LATER,
            bind=engine,
        )
    assert mails(engine) == []
