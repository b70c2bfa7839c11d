"""Server-side sessions: tickets work once, idle and absolute expiry, revocation is immediate."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from sqlmodel import Session

from foundation.models.session import UserSession
from identity.assurance import LevelOfAssurance
from identity.browser_binding import OtherBrowserError, browser_binding, new_browser_token
from identity.sessions import (
    ABSOLUTE_LIFETIME,
    IDLE_TIMEOUT,
    MAX_LIVE_SESSIONS,
    TOUCH_EVERY,
    LoginIdentity,
    LogoutToken,
    SessionCookie,
    current_session,
    is_live,
    is_recent_strong_login,
    open_session,
    redeem_ticket,
    revoke,
    revoke_all,
)

NOW = datetime(2026, 11, 22, 9, 0, tzinfo=UTC)
NAIMA = LoginIdentity("85010112345", "Mremi", "Naïma", date(1985, 1, 1))
# The binding of the browser that logs in, and of another one.
BROWSER = browser_binding(new_browser_token())
ELSEWHERE = browser_binding(new_browser_token())


def start(db: Session, at: datetime = NOW, binding: str | None = BROWSER) -> tuple[str, str]:
    opened = open_session(
        db,
        identity=NAIMA,
        key_kind="eid",
        level=LevelOfAssurance.HIGH,
        now=at,
        browser_binding=binding,
    )
    db.commit()
    return opened


def login(db: Session, at: datetime = NOW) -> str:
    _, ticket = start(db, at)
    redeemed = redeem_ticket(db, ticket, browser_binding=BROWSER, now=at)
    assert redeemed is not None
    db.commit()
    return redeemed.id


def test_a_ticket_opens_its_session_once(db: Session) -> None:
    session_id, ticket = start(db)
    first = redeem_ticket(db, ticket, browser_binding=BROWSER, now=NOW + timedelta(seconds=5))
    assert first is not None
    assert first.id == session_id
    assert (
        redeem_ticket(db, ticket, browser_binding=BROWSER, now=NOW + timedelta(seconds=6)) is None
    )


def test_a_stale_ticket_opens_nothing(db: Session) -> None:
    _, ticket = start(db)
    later = NOW + timedelta(seconds=61)
    assert redeem_ticket(db, ticket, browser_binding=BROWSER, now=later) is None
    assert redeem_ticket(db, "forged", browser_binding=BROWSER, now=NOW) is None


@pytest.mark.parametrize("presented", [ELSEWHERE, None], ids=["another browser", "no cookie"])
def test_a_ticket_redeemed_by_another_browser_is_spent_and_its_session_ended(
    db: Session, presented: str | None
) -> None:
    """Login CSRF: the ticket URL of someone's login, handed to a victim, logs the victim in as
    nobody; the ticket is then spent, so the one who handed it over cannot try again either."""
    session_id, ticket = start(db)
    with pytest.raises(OtherBrowserError):
        redeem_ticket(db, ticket, browser_binding=presented, now=NOW)
    db.commit()  # the caller commits the spending (auth_routes catches inside its unit of work)
    assert redeem_ticket(db, ticket, browser_binding=BROWSER, now=NOW) is None
    row = db.get(UserSession, session_id)
    assert row is not None
    assert row.revoked_at is not None
    assert current_session(db, session_id, now=NOW) is None


def test_a_session_opened_without_a_binding_has_a_ticket_no_browser_can_redeem(
    db: Session,
) -> None:
    _, ticket = start(db, binding=None)
    with pytest.raises(OtherBrowserError):
        redeem_ticket(db, ticket, browser_binding=BROWSER, now=NOW)


def test_is_live_does_not_count_as_activity(db: Session) -> None:
    session_id = login(db)
    later = NOW + IDLE_TIMEOUT / 2
    assert is_live(db, session_id, now=later)
    db.commit()
    # The idle clock still runs from the login: looking is not using.
    assert not is_live(db, session_id, now=NOW + IDLE_TIMEOUT)
    assert not is_live(db, "unknown", now=NOW)


def test_the_logout_token_is_the_sessions_own() -> None:
    tokens = LogoutToken("secret")
    token = tokens.for_session("abc123")
    assert tokens.matches("abc123", token)
    assert "abc123" not in token  # the token does not give the session id away
    assert not tokens.matches("abc124", token)
    assert not tokens.matches("abc123", "")
    assert not LogoutToken("other secret").matches("abc123", token)
    # Not the session cookie's signature: a cookie does not make a token, nor a token a cookie.
    assert SessionCookie("secret").encode("abc123").split(".")[-1] != token


def test_a_session_whose_ticket_was_not_redeemed_is_not_usable(db: Session) -> None:
    session_id, _ = start(db)
    assert current_session(db, session_id, now=NOW) is None


def test_activity_keeps_the_session_alive_until_the_absolute_limit(db: Session) -> None:
    session_id = login(db)
    moment = NOW
    while moment + IDLE_TIMEOUT / 2 < NOW + ABSOLUTE_LIFETIME:
        moment += IDLE_TIMEOUT / 2
        assert current_session(db, session_id, now=moment) is not None
        db.commit()
    assert current_session(db, session_id, now=NOW + ABSOLUTE_LIFETIME) is None


def test_the_idle_clock_is_written_at_most_once_a_minute(db: Session) -> None:
    session_id = login(db)
    soon = NOW + TOUCH_EVERY - timedelta(seconds=1)
    assert current_session(db, session_id, now=soon) is not None
    assert not db.dirty  # nothing to write: the event is a read
    db.commit()
    # Idle from the last write: it ends less than a minute before 30 minutes after the last use.
    assert is_live(db, session_id, now=NOW + IDLE_TIMEOUT - timedelta(seconds=1))
    assert not is_live(db, session_id, now=NOW + IDLE_TIMEOUT)
    later = NOW + TOUCH_EVERY
    assert current_session(db, session_id, now=later) is not None
    db.commit()
    db.expire_all()
    row = db.get(UserSession, session_id)
    assert row is not None
    assert row.last_seen_at.replace(tzinfo=UTC) == later


def test_an_idle_session_expires(db: Session) -> None:
    session_id = login(db)
    assert current_session(db, session_id, now=NOW + IDLE_TIMEOUT) is None


def test_revocation_counts_at_the_next_request(db: Session) -> None:
    session_id = login(db)
    revoke(db, session_id, now=NOW + timedelta(minutes=1))
    db.commit()
    assert current_session(db, session_id, now=NOW + timedelta(minutes=1)) is None


def test_revoke_all_ends_every_browser_of_the_person(db: Session) -> None:
    first, second = login(db), login(db)
    assert revoke_all(db, NAIMA.national_number, now=NOW) == 2
    db.commit()
    assert current_session(db, first, now=NOW) is None
    assert current_session(db, second, now=NOW) is None


def test_recent_strong_login_is_fifteen_minutes_of_eid(db: Session) -> None:
    row = current_session(db, login(db), now=NOW)
    assert row is not None
    assert is_recent_strong_login(row, now=NOW + timedelta(minutes=15))
    assert not is_recent_strong_login(row, now=NOW + timedelta(minutes=16))


def test_cookie_is_signed() -> None:
    cookie = SessionCookie("secret")
    value = cookie.encode("abc123")
    assert cookie.decode(value) == "abc123"
    assert cookie.decode(value.replace("abc123", "abc124")) is None
    assert SessionCookie("other secret").decode(value) is None


def test_a_login_beyond_the_limit_ends_the_least_recently_used_session(db: Session) -> None:
    """ASVS 7.1.2: at most MAX_LIVE_SESSIONS browsers at once; the eleventh login ends the one
    unused for the longest, the others go on."""
    first = [login(db, at=NOW + timedelta(minutes=minute)) for minute in range(MAX_LIVE_SESSIONS)]
    later = NOW + timedelta(minutes=20)
    for session_id in first[1:]:
        assert current_session(db, session_id, now=later) is not None  # used again just now
    db.commit()
    newest = login(db, at=later)
    live = [s for s in [*first, newest] if current_session(db, s, now=later) is not None]
    assert live == [*first[1:], newest]
