"""Server-side sessions: tickets work once, idle and absolute expiry, revocation is immediate."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from sqlmodel import Session

from identity.assurance import LevelOfAssurance
from identity.sessions import (
    ABSOLUTE_LIFETIME,
    IDLE_TIMEOUT,
    LoginIdentity,
    SessionCookie,
    current_session,
    is_recent_strong_login,
    open_session,
    redeem_ticket,
    revoke,
    revoke_all,
)

NOW = datetime(2026, 11, 22, 9, 0, tzinfo=UTC)
NAIMA = LoginIdentity("85010112345", "Mremi", "Naïma", date(1985, 1, 1))


def login(db: Session, at: datetime = NOW) -> str:
    _, ticket = open_session(
        db, identity=NAIMA, key_kind="eid", level=LevelOfAssurance.HIGH, now=at
    )
    db.commit()
    redeemed = redeem_ticket(db, ticket, now=at)
    assert redeemed is not None
    db.commit()
    return redeemed.id


def test_a_ticket_opens_its_session_once(db: Session) -> None:
    session_id, ticket = open_session(
        db, identity=NAIMA, key_kind="eid", level=LevelOfAssurance.HIGH, now=NOW
    )
    db.commit()
    first = redeem_ticket(db, ticket, now=NOW + timedelta(seconds=5))
    assert first is not None
    assert first.id == session_id
    assert redeem_ticket(db, ticket, now=NOW + timedelta(seconds=6)) is None


def test_a_stale_ticket_opens_nothing(db: Session) -> None:
    _, ticket = open_session(
        db, identity=NAIMA, key_kind="eid", level=LevelOfAssurance.HIGH, now=NOW
    )
    db.commit()
    assert redeem_ticket(db, ticket, now=NOW + timedelta(seconds=61)) is None
    assert redeem_ticket(db, "forged", now=NOW) is None


def test_a_session_whose_ticket_was_not_redeemed_is_not_usable(db: Session) -> None:
    session_id, _ = open_session(
        db, identity=NAIMA, key_kind="eid", level=LevelOfAssurance.HIGH, now=NOW
    )
    db.commit()
    assert current_session(db, session_id, now=NOW) is None


def test_activity_keeps_the_session_alive_until_the_absolute_limit(db: Session) -> None:
    session_id = login(db)
    moment = NOW
    while moment + IDLE_TIMEOUT / 2 < NOW + ABSOLUTE_LIFETIME:
        moment += IDLE_TIMEOUT / 2
        assert current_session(db, session_id, now=moment) is not None
        db.commit()
    assert current_session(db, session_id, now=NOW + ABSOLUTE_LIFETIME) is None


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
