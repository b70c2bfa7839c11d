"""The last step of every login, whatever the key: a session, its ticket, and where to go next."""

from __future__ import annotations

from datetime import datetime
from urllib.parse import quote

from sqlmodel import Session

from foundation import routes
from foundation.models.account import AccountStatus
from identity.assurance import LevelOfAssurance
from identity.browser_binding import require_binding
from identity.sessions import LoginIdentity, open_session
from portal.accounts.routing import home_for, home_of
from portal.accounts.service import find_account

# The page that sent the browser to log in (a path), kept in a cookie while the person chooses a
# key and logs in: the key pages need not carry it from one to the next.
RETURN_COOKIE = "monespace_suite"
RETURN_COOKIE_MAX_AGE = 30 * 60


def complete_login(
    db: Session,
    *,
    identity: LoginIdentity,
    key_kind: str,
    level: LevelOfAssurance,
    now: datetime,
    browser_binding: str | None,
    photo_jpeg: bytes | None = None,
    next_path: str | None = None,
    user_agent: str | None = None,
) -> str:
    """Opens the session and returns the URL the browser must load to receive its cookie.

    ``browser_binding`` is the hash of the pre-login cookie of the browser that logged in: only
    that browser can trade the ticket for the cookie (login CSRF). A login from a browser without
    one is refused (``CookiesRequiredError``), before anything is committed. ``user_agent`` is
    the browser's header, kept for Mes sessions."""
    _, ticket = open_session(
        db,
        identity=identity,
        key_kind=key_kind,
        level=level,
        now=now,
        photo_jpeg=photo_jpeg,
        browser_binding=require_binding(browser_binding),
        user_agent=user_agent,
    )
    destination = next_path or home_for(find_account(db, identity.national_number))
    return f"{routes.SESSION_START}?ticket={quote(ticket)}&suite={quote(destination)}"


def keeps_return_for_later(home: str, came_from: str | None) -> bool:
    """A first login (the account to create) or an account still to validate: the page that
    asked for the login (an invitation to accept, a key to activate) is not served yet, so it is
    kept for the account's activation to lead there instead of being forgotten."""
    waiting = home in (home_of(None), home_of(AccountStatus.PENDING))
    return waiting and bool(came_from) and routes.is_local_path(came_from or "")


def return_after_login(home: str, came_from: str | None) -> str:
    """Back to the page that asked for the login (single sign-on: "S'identifier" in a section
    brings the person back there), when the login leads to the spaces of an active account. A
    first login still goes to the account form, a pending account to its validation page."""
    if came_from and home == home_of(AccountStatus.ACTIVE) and routes.is_local_path(came_from):
        return came_from
    return home
