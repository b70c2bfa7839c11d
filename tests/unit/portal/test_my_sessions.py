"""Mes sessions: the person's live sessions, this one marked, and ending others; never another
person's, and never below the level of the profile it is part of."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session

from foundation.models.account import AccountStatus
from foundation.models.session import UserSession
from identity.assurance import LevelOfAssurance
from identity.sessions import LoginIdentity
from portal import my_sessions
from portal.levels import LevelTooLowError
from portal.my_sessions import RecentLoginRequiredError, SessionNotFoundError, reference_of
from portal.user_agents import BrowserName
from portal.visits import NotLoggedInError
from tests.unit.portal.visitors import NOW, log_in, open_account

FIREFOX = "Mozilla/5.0 (X11; Ubuntu; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0"
PHONE = (
    "Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/131.0.0.0 Mobile Safari/537.36"
)
SOMEONE_ELSE = LoginIdentity("90020212345", "Dumont", "Jean-Pierre", date(1990, 2, 2))
LATER = NOW + timedelta(minutes=10)


def browser(engine: Engine, session_id: str, user_agent: str) -> str:
    """The session as a login from that browser leaves it."""
    with Session(engine) as db:
        row = db.get(UserSession, session_id)
        assert row is not None
        row.user_agent = user_agent
        db.commit()
    return session_id


def is_live(engine: Engine, session_id: str) -> bool:
    with Session(engine) as db:
        row = db.get(UserSession, session_id)
        return row is not None and row.revoked_at is None


@pytest.fixture
def naima(engine: Engine) -> tuple[str, str, str]:
    """Naïma on her laptop (eID, this session), on her phone (the app), and idle elsewhere."""
    open_account(engine, AccountStatus.ACTIVE)
    here = browser(engine, log_in(engine, at=NOW + timedelta(minutes=5)), FIREFOX)
    phone = browser(
        engine,
        log_in(engine, LevelOfAssurance.SUBSTANTIAL, at=NOW, key_kind="totp"),
        PHONE,
    )
    idle = log_in(engine, at=NOW - timedelta(hours=1))
    return here, phone, idle


def test_the_live_sessions_are_listed_this_one_first(
    engine: Engine, naima: tuple[str, str, str]
) -> None:
    here, phone, _ = naima
    log_in(engine, identity=SOMEONE_ELSE)  # someone else's session is not Naïma's
    listed = my_sessions.my_sessions(here, now=LATER, bind=engine)
    assert [(s.reference, s.current) for s in listed] == [
        (reference_of(here), True),
        (reference_of(phone), False),
    ]
    this, other = listed
    assert (this.key_kind, this.level, this.browser) == (
        "eid",
        LevelOfAssurance.HIGH,
        BrowserName("Firefox", "Linux"),
    )
    assert (other.key_kind, other.level, other.browser) == (
        "totp",
        LevelOfAssurance.SUBSTANTIAL,
        BrowserName("Chrome", "Android"),
    )
    assert other.started == NOW
    assert this.last_seen == LATER  # the visit itself keeps this one alive
    # The reference names a session without being its id (the cookie's secret).
    assert here not in {s.reference for s in listed}


def test_one_other_session_ends_and_its_browser_is_out(
    engine: Engine, naima: tuple[str, str, str]
) -> None:
    here, phone, _ = naima
    left = my_sessions.end_session(here, reference_of(phone), now=LATER, bind=engine)
    assert [s.reference for s in left] == [reference_of(here)]
    assert not is_live(engine, phone)
    assert is_live(engine, here)


def test_another_persons_session_cannot_be_ended(
    engine: Engine, naima: tuple[str, str, str]
) -> None:
    here, _, _ = naima
    open_account(engine, AccountStatus.ACTIVE, identity=SOMEONE_ELSE, email="jp@example.be")
    theirs = log_in(engine, identity=SOMEONE_ELSE, at=NOW)
    for named in (reference_of(theirs), theirs, "", reference_of(here)):
        with pytest.raises(SessionNotFoundError):
            my_sessions.end_session(here, named, now=LATER, bind=engine)
    assert is_live(engine, theirs)
    assert is_live(engine, here)


def test_all_other_sessions_end_this_one_stays(engine: Engine, naima: tuple[str, str, str]) -> None:
    here, phone, _ = naima
    theirs = log_in(engine, identity=SOMEONE_ELSE, at=NOW)
    left = my_sessions.end_other_sessions(here, now=LATER, bind=engine)
    assert [(s.reference, s.current) for s in left] == [(reference_of(here), True)]
    assert not is_live(engine, phone)
    assert is_live(engine, theirs)


def test_a_session_below_the_substantial_level_may_not_see_or_end_them(
    engine: Engine, naima: tuple[str, str, str]
) -> None:
    _, phone, _ = naima
    weak = log_in(engine, LevelOfAssurance.LOW, at=NOW, key_kind="password")
    with pytest.raises(LevelTooLowError):
        my_sessions.my_sessions(weak, now=LATER, bind=engine)
    with pytest.raises(LevelTooLowError):
        my_sessions.end_session(weak, reference_of(phone), now=LATER, bind=engine)
    with pytest.raises(LevelTooLowError):
        my_sessions.end_other_sessions(weak, now=LATER, bind=engine)
    assert is_live(engine, phone)


def test_an_ended_session_can_end_nothing(engine: Engine, naima: tuple[str, str, str]) -> None:
    here, phone, _ = naima
    my_sessions.end_session(phone, reference_of(here), now=LATER, bind=engine)
    with pytest.raises(NotLoggedInError):
        my_sessions.end_other_sessions(here, now=LATER, bind=engine)
    assert is_live(engine, phone)


def test_ending_sessions_needs_a_login_of_the_last_fifteen_minutes(
    engine: Engine, naima: tuple[str, str, str]
) -> None:
    """ASVS 7.5.2: whoever took over a session left open an hour ago cannot throw its owner's
    other browsers out; the list stays readable."""
    here, phone, _ = naima  # here logged in at NOW + 5 min
    much_later = NOW + timedelta(minutes=21)
    assert len(my_sessions.my_sessions(here, now=much_later, bind=engine)) == 2
    with pytest.raises(RecentLoginRequiredError):
        my_sessions.end_session(here, reference_of(phone), now=much_later, bind=engine)
    with pytest.raises(RecentLoginRequiredError):
        my_sessions.end_other_sessions(here, now=much_later, bind=engine)
    assert is_live(engine, phone)
