"""Mes sessions, in Mon profil: where the person is logged in right now, and ending those
sessions (ASVS 7.5.2), one or all but the one in use.

Each call is one unit of work that starts with the visit's check (``portal.visits``: a live
session of an active account, at the level of ``Gate.MY_SESSIONS``). A session is named to the
page by a reference, a digest of its id: the id is what the cookie carries, so it never leaves
the server, and a reference opens nothing. Ending a session looks the reference up among the
visitor's own live sessions only: another person's session, whatever the page sends, is refused.
Ending sessions needs a login of the last minutes (ASVS 7.5.2, "having re-entered login
credentials"): someone who took over a session left open cannot throw its owner out with it.
"""

from __future__ import annotations

import hashlib
from contextlib import AbstractContextManager
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from foundation.clock import aware
from foundation.models.account import AccountStatus
from foundation.models.session import UserSession
from identity.assurance import LevelOfAssurance
from identity.sessions import is_live_row, is_recent_login, revoke, revoke_others
from portal.levels import Gate
from portal.user_agents import BrowserName, browser_name
from portal.visits import Entered, entered

ACTIVE = (AccountStatus.ACTIVE,)


class SessionNotFoundError(LookupError):
    """The session to end is not one of the person's other live sessions (ended already, or
    someone else's)."""


class RecentLoginRequiredError(PermissionError):
    """Ending sessions asks for a login of the last 15 minutes; this one is older."""


@dataclass(frozen=True, slots=True)
class SessionView:
    reference: str
    key_kind: str
    level: LevelOfAssurance
    started: datetime
    last_seen: datetime
    browser: BrowserName
    current: bool  # the session of the browser asking


def reference_of(session_id: str) -> str:
    return hashlib.sha256(session_id.encode()).hexdigest()[:24]


def my_sessions(
    session_id: str | None, *, now: datetime, bind: Engine | None = None
) -> list[SessionView]:
    """The person's live sessions, this one first, then the most recently used."""
    with _entered(session_id, now, bind) as inside:
        return _views(inside, now)


def end_session(
    session_id: str | None, reference: str, *, now: datetime, bind: Engine | None = None
) -> list[SessionView]:
    """Ends one other session of the person (its browser is out at its next step); returns the
    sessions left. ``SessionNotFoundError`` for anything else, which then stays as it was."""
    with _entered(session_id, now, bind) as inside:
        _require_recent_login(inside, now)
        others = {
            reference_of(row.id): row.id
            for row in _live_rows(inside.db, inside.visit.national_number, now)
            if row.id != inside.session_row.id
        }
        target = others.get(reference)
        if target is None:
            raise SessionNotFoundError(f"no other live session {reference[:8]}…")
        revoke(inside.db, target, now=now)
        return _views(inside, now)


def end_other_sessions(
    session_id: str | None, *, now: datetime, bind: Engine | None = None
) -> list[SessionView]:
    """Ends every session of the person but this one; returns what is left (this one)."""
    with _entered(session_id, now, bind) as inside:
        _require_recent_login(inside, now)
        revoke_others(inside.db, inside.visit.national_number, keep=inside.session_row.id, now=now)
        return _views(inside, now)


def _require_recent_login(inside: Entered, now: datetime) -> None:
    if not is_recent_login(inside.session_row, now=now):
        raise RecentLoginRequiredError(
            f"session {inside.session_row.id[:6]}… is not a recent login"
        )


def _entered(
    session_id: str | None, now: datetime, bind: Engine | None
) -> AbstractContextManager[Entered]:
    return entered(session_id, now=now, accepted=ACTIVE, needs=Gate.MY_SESSIONS, bind=bind)


def _live_rows(db: Session, national_number: str, now: datetime) -> list[UserSession]:
    """Sessions a browser holds now: its ticket traded for the cookie, not ended, not expired."""
    rows = db.exec(
        select(UserSession).where(
            col(UserSession.national_number) == national_number,
            col(UserSession.revoked_at).is_(None),
            col(UserSession.ticket_hash).is_(None),
        )
    ).all()
    return [row for row in rows if is_live_row(row, now=now)]


def _views(inside: Entered, now: datetime) -> list[SessionView]:
    db, current = inside.db, inside.session_row.id
    views = [
        SessionView(
            reference=reference_of(row.id),
            key_kind=row.key_kind,
            level=LevelOfAssurance(row.level),
            started=aware(row.authenticated_at),
            last_seen=aware(row.last_seen_at),
            browser=browser_name(row.user_agent),
            current=row.id == current,
        )
        for row in _live_rows(db, inside.visit.national_number, now)
    ]
    return sorted(views, key=lambda view: (not view.current, -view.last_seen.timestamp()))
