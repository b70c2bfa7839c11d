"""Server-side sessions.

A session is a database row; the browser holds only a signed cookie with its random id. Revoking a
row (logout, account deletion) takes effect on the very next request. After a login the browser
gets a one-time ticket, which a plain HTTP endpoint trades for an HttpOnly cookie; the ticket is
bound to the browser that logged in (``identity.browser_binding``), so it opens nothing anywhere
else.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from itsdangerous import BadSignature, Signer
from sqlmodel import Session, col, insert, select, update

from foundation.clock import aware
from foundation.models.session import UserSession
from identity.assurance import LevelOfAssurance
from identity.browser_binding import OtherBrowserError, same_browser
from identity.keys.conditional_update import insert_row
from identity.keys.errors import StrongLoginRequiredError

IDLE_TIMEOUT = timedelta(minutes=30)
ABSOLUTE_LIFETIME = timedelta(hours=8)
TICKET_LIFETIME = timedelta(seconds=60)
# Security-sensitive actions (change the e-mail, delete the account) want a login this fresh.
RECENT_LOGIN = timedelta(minutes=15)
# The idle clock is written at most this often: every event of every page asked for the session,
# and writing it each time made each event a write and a commit (a disk flush on PostgreSQL) that
# a 30-minute idle timeout does not need. A session may so end up to this much before 30 minutes
# after its last use: never later.
TOUCH_EVERY = timedelta(minutes=1)
# Browsers one person may be logged in from at once (ASVS 7.1.2): a new login beyond this ends the
# least recently used, so a forgotten or stolen session cannot pile up unseen; a person with a
# laptop, a phone and an office computer is far from it.
MAX_LIVE_SESSIONS = 10
NEW_SESSION = insert(UserSession)  # built once: every login runs it
# What a session keeps of its browser's User-Agent (Mes sessions names it): the column's size; a
# longer header, which anyone may send, is cut, never refused.
USER_AGENT_LENGTH = 300


@dataclass(frozen=True, slots=True)
class LoginIdentity:
    national_number: str
    surname: str
    first_names: str
    birth_date: date


def _hash(ticket: str) -> str:
    return hashlib.sha256(ticket.encode()).hexdigest()


def open_session(
    db: Session,
    *,
    identity: LoginIdentity,
    key_kind: str,
    level: LevelOfAssurance,
    now: datetime,
    photo_jpeg: bytes | None = None,
    browser_binding: str | None = None,
    user_agent: str | None = None,
    token: Callable[[int], str] = secrets.token_hex,
) -> tuple[str, str]:
    """Creates a session in the caller's unit of work; returns its id and the browser's one-time
    ticket. Only a browser whose pre-login cookie hashes to ``browser_binding`` can redeem the
    ticket (without a binding, no browser can: the session is for the services alone)."""
    ticket = token(32)
    session_id = token(16)
    insert_row(
        db,
        NEW_SESSION,
        id=session_id,
        national_number=identity.national_number,
        surname=identity.surname,
        first_names=identity.first_names,
        birth_date=identity.birth_date.isoformat(),
        photo_jpeg_b64=base64.b64encode(photo_jpeg).decode() if photo_jpeg else None,
        key_kind=key_kind,
        level=int(level),
        created_at=now,
        authenticated_at=now,
        last_seen_at=now,
        expires_at=now + ABSOLUTE_LIFETIME,
        revoked_at=None,
        ticket_hash=_hash(ticket),
        ticket_expires_at=now + TICKET_LIFETIME,
        browser_binding=browser_binding,
        user_agent=(user_agent or "").strip()[:USER_AGENT_LENGTH] or None,
    )
    _end_beyond_the_limit(db, identity.national_number, now=now)
    return session_id, ticket


def _end_beyond_the_limit(db: Session, national_number: str, *, now: datetime) -> None:
    """Ends the person's least recently used sessions beyond ``MAX_LIVE_SESSIONS``."""
    beyond = db.exec(
        select(UserSession.id)
        .where(
            col(UserSession.national_number) == national_number,
            col(UserSession.revoked_at).is_(None),
            col(UserSession.expires_at) > now,
        )
        .order_by(col(UserSession.last_seen_at).desc(), col(UserSession.created_at).desc())
        .offset(MAX_LIVE_SESSIONS)
    ).all()
    if beyond:
        db.exec(update(UserSession).where(col(UserSession.id).in_(beyond)).values(revoked_at=now))


def redeem_ticket(
    db: Session, ticket: str, *, browser_binding: str | None, now: datetime
) -> UserSession | None:
    """The session a fresh ticket stands for; a ticket works once, for a minute, and only in the
    browser that logged in. None for an unknown, used or stale ticket. A live ticket presented by
    another browser (or by one without its pre-login cookie) is spent in the caller's unit of work
    and then refused with ``OtherBrowserError``: catch it inside the unit of work, so that the
    spending is committed."""
    hashed = _hash(ticket)
    row = db.exec(select(UserSession).where(UserSession.ticket_hash == hashed)).first()
    if row is None or row.revoked_at is not None:
        return None
    if row.ticket_expires_at is None or aware(row.ticket_expires_at) <= now:
        return None
    foreign = not same_browser(row.browser_binding, browser_binding)
    # Conditional UPDATE: two browsers racing with the same ticket cannot both win. A ticket
    # presented by another browser is spent too, and its session ended: the ticket has leaked
    # (a link handed over to log someone into the sender's account, or read from a log), so no
    # one may try it again, with another cookie or not; the person who logged in just logs in
    # again, while leaving it live would let whoever holds it keep trying.
    spent = {"ticket_hash": None, "ticket_expires_at": None}
    result = db.exec(
        update(UserSession)
        .where(col(UserSession.id) == row.id, col(UserSession.ticket_hash) == hashed)
        .values(**spent, **({"revoked_at": now} if foreign else {"last_seen_at": now}))
    )
    if result.rowcount != 1:
        return None
    if foreign:
        raise OtherBrowserError(f"ticket of session {row.id[:6]}… presented by another browser")
    db.refresh(row)
    return row


def current_session(db: Session, session_id: str, *, now: datetime) -> UserSession | None:
    """The live session with that id, its idle clock reset; None once revoked or expired."""
    row = db.get(UserSession, session_id)
    if row is None or not is_live_row(row, now=now):
        return None
    if now - aware(row.last_seen_at) >= TOUCH_EVERY:
        row.last_seen_at = now
        db.add(row)
    return row


def is_live(db: Session, session_id: str, *, now: datetime) -> bool:
    """Whether the session is live, without counting this as activity (its idle clock stays)."""
    row = db.get(UserSession, session_id)
    return row is not None and is_live_row(row, now=now)


def is_live_row(row: UserSession, *, now: datetime) -> bool:
    """Held by a browser now: its ticket traded for the cookie, not ended, not expired."""
    if row.revoked_at is not None or row.ticket_hash is not None:
        return False
    return now < aware(row.expires_at) and now - aware(row.last_seen_at) < IDLE_TIMEOUT


def revoke(db: Session, session_id: str, *, now: datetime) -> None:
    db.exec(
        update(UserSession)
        .where(col(UserSession.id) == session_id, col(UserSession.revoked_at).is_(None))
        .values(revoked_at=now)
    )


def revoke_all(db: Session, national_number: str, *, now: datetime) -> int:
    """Ends every session of a person (account deleted): each browser is out at its next step."""
    result = db.exec(
        update(UserSession)
        .where(
            col(UserSession.national_number) == national_number,
            col(UserSession.revoked_at).is_(None),
        )
        .values(revoked_at=now)
    )
    return int(result.rowcount)


def revoke_others(db: Session, national_number: str, *, keep: str | None, now: datetime) -> int:
    """Ends every session of a person but ``keep`` (ASVS 7.4.3): after a password change, a key
    removed or a recovery, a browser that had stolen a way in is out at its next step."""
    query = update(UserSession).where(
        col(UserSession.national_number) == national_number,
        col(UserSession.revoked_at).is_(None),
    )
    if keep is not None:
        query = query.where(col(UserSession.id) != keep)
    return int(db.exec(query.values(revoked_at=now)).rowcount)


def revoke_everyone(db: Session, *, now: datetime) -> int:
    """Ends every live session of every person (ASVS 7.4.5: an administrator after a breach or a
    leaked secret key); each browser is back at the key chooser at its next step."""
    result = db.exec(
        update(UserSession).where(col(UserSession.revoked_at).is_(None)).values(revoked_at=now)
    )
    return int(result.rowcount)


def is_recent_login(row: UserSession, *, now: datetime) -> bool:
    """Logged in, with any key, within ``RECENT_LOGIN``: credentials entered again a moment ago
    (what ending one's other sessions asks, ASVS 7.5.2)."""
    return now - aware(row.authenticated_at) <= RECENT_LOGIN


def is_recent_strong_login(row: UserSession, *, now: datetime) -> bool:
    return (
        LevelOfAssurance(row.level) is LevelOfAssurance.HIGH
        and now - aware(row.authenticated_at) <= RECENT_LOGIN
    )


def require_recent_strong_login(row: UserSession, *, now: datetime) -> str:
    """The session's person, when they logged in with a high-level key a few minutes ago: what
    adding or removing a key asks for (``StrongLoginRequiredError`` otherwise)."""
    if not is_recent_strong_login(row, now=now):
        raise StrongLoginRequiredError(
            f"session of {row.national_number} is not a recent eID login"
        )
    return row.national_number


def login_identity(row: UserSession) -> LoginIdentity:
    return LoginIdentity(
        national_number=row.national_number,
        surname=row.surname,
        first_names=row.first_names,
        birth_date=date.fromisoformat(row.birth_date),
    )


class SessionCookie:
    """Signs the session id for the cookie, so a forged or altered cookie is simply ignored."""

    def __init__(self, secret_key: str) -> None:
        self._signer = Signer(secret_key, salt="monespace.session-cookie")

    def encode(self, session_id: str) -> str:
        return self._signer.sign(session_id).decode()

    def decode(self, value: str) -> str | None:
        try:
            return self._signer.unsign(value).decode()
        except BadSignature:
            return None


class LogoutToken:
    """The CSRF token a logout by POST must carry: a signature of the session id under a salt of
    its own, so a page of another site, which can send the cookie but not read the page, cannot
    log the visitor out; and the token gives away neither the session id nor its cookie."""

    def __init__(self, secret_key: str) -> None:
        self._signer = Signer(secret_key, salt="monespace.logout")

    def for_session(self, session_id: str) -> str:
        return self._signer.get_signature(session_id).decode()

    def matches(self, session_id: str, token: str) -> bool:
        expected = self.for_session(session_id)
        return hmac.compare_digest(expected.encode(), token.encode("utf-8", "replace"))
