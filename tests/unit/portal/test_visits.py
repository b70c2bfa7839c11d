"""The visit: a live session and an account in a state the page serves, or the refusal."""

from __future__ import annotations

from datetime import UTC, date, timedelta

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session

from foundation import routes
from foundation.models.account import AccountStatus
from foundation.models.session import UserSession
from identity.assurance import LevelOfAssurance
from identity.sessions import IDLE_TIMEOUT, RECENT_LOGIN
from portal import visits
from portal.visits import ANY_ACCOUNT, NotHereError, NotLoggedInError
from tests.unit.portal.visitors import NAIMA, NOW, log_in, open_account

ACTIVE = (AccountStatus.ACTIVE,)


def test_a_live_session_with_an_active_account_gives_the_values_the_pages_show(
    engine: Engine,
) -> None:
    session_id = log_in(engine)
    open_account(engine, AccountStatus.ACTIVE, pending_email="new@example.be")
    seen = visits.visit(session_id, now=NOW + timedelta(minutes=1), accepted=ACTIVE, bind=engine)
    assert seen.national_number == NAIMA.national_number
    assert seen.identity == NAIMA
    assert seen.short_name == "Naïma Mremi"
    assert seen.level is LevelOfAssurance.HIGH
    assert seen.strong_login
    assert seen.account is not None
    assert seen.account.email == "naima@example.be"
    assert seen.account.pending_email == "new@example.be"
    assert seen.account.withdraw_until is None


def test_no_cookie_a_forged_id_or_a_revoked_session_is_not_logged_in(engine: Engine) -> None:
    open_account(engine, AccountStatus.ACTIVE)
    session_id = log_in(engine)
    for refused in (None, "", "forged-session-id"):
        with pytest.raises(NotLoggedInError):
            visits.visit(refused, now=NOW, accepted=ACTIVE, bind=engine)
    visits.leave(session_id, now=NOW, bind=engine)
    with pytest.raises(NotLoggedInError):
        visits.visit(session_id, now=NOW, accepted=ACTIVE, bind=engine)
    assert visits.visitor(session_id, now=NOW, bind=engine) is None


def test_an_idle_session_is_not_logged_in(engine: Engine) -> None:
    open_account(engine, AccountStatus.ACTIVE)
    session_id = log_in(engine)
    with pytest.raises(NotLoggedInError):
        visits.visit(session_id, now=NOW + IDLE_TIMEOUT, accepted=ACTIVE, bind=engine)


@pytest.mark.parametrize(
    ("status", "home"),
    [
        (None, routes.ACCOUNT_FORM),
        (AccountStatus.PENDING, routes.ACCOUNT_PENDING),
        (AccountStatus.DELETION_REQUESTED, routes.ACCOUNT_DELETED),
    ],
)
def test_an_account_in_another_state_is_sent_to_its_own_page(
    engine: Engine, status: AccountStatus | None, home: str
) -> None:
    if status is not None:
        open_account(engine, status, deletion_requested_at=NOW)
    session_id = log_in(engine)
    with pytest.raises(NotHereError) as refused:
        visits.visit(session_id, now=NOW, accepted=ACTIVE, bind=engine)
    assert refused.value.home == home
    anyone = visits.visit(session_id, now=NOW, accepted=ANY_ACCOUNT, bind=engine)
    assert anyone.national_number == NAIMA.national_number


def test_a_substantial_or_an_old_login_is_not_a_recent_strong_one(engine: Engine) -> None:
    open_account(engine, AccountStatus.ACTIVE)
    substantial = log_in(engine, LevelOfAssurance.SUBSTANTIAL)
    assert not visits.visit(substantial, now=NOW, accepted=ACTIVE, bind=engine).strong_login
    strong = log_in(engine)
    later = NOW + RECENT_LOGIN + timedelta(seconds=1)
    for moment in (NOW + timedelta(minutes=5), NOW + timedelta(minutes=10), later):
        seen = visits.visit(strong, now=moment, accepted=ACTIVE, bind=engine)
        assert seen.strong_login is (moment < later)


def test_a_refusal_inside_a_unit_of_work_leaves_it_unchanged(engine: Engine) -> None:
    session_id = log_in(engine)
    open_account(engine, AccountStatus.PENDING)
    with (
        pytest.raises(NotHereError),
        visits.entered(session_id, now=NOW + timedelta(minutes=3), accepted=ACTIVE, bind=engine),
    ):
        pytest.fail("the block must not run for a refused visit")
    with Session(engine) as db:
        row = db.get(UserSession, session_id)
        assert row is not None
        assert row.last_seen_at.replace(tzinfo=UTC) == NOW  # the idle clock was not reset


def test_the_deletion_page_shows_the_end_of_the_withdrawal_period(engine: Engine) -> None:
    open_account(engine, AccountStatus.DELETION_REQUESTED, deletion_requested_at=NOW)
    session_id = log_in(engine)
    accepted = (AccountStatus.DELETION_REQUESTED,)
    seen = visits.visit(session_id, now=NOW, accepted=accepted, bind=engine)
    assert seen.account is not None
    assert seen.account.withdraw_until is not None
    assert seen.account.withdraw_until.date() == date(2026, 12, 22)
