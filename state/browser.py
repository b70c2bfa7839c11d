"""What a page's state knows of the browser behind its websocket: the binding of its pre-login
cookie (``identity.browser_binding``), read from the headers of the websocket's own request, as
the session cookie is, and its User-Agent (a login's session keeps it for Mes sessions)."""

import reflex as rx

from foundation.settings import get_settings
from identity.browser_binding import browser_binding
from identity.session_cookies import cookie_names, cookie_value
from identity.sessions import SessionCookie


def cookie_header(state: rx.State) -> str:
    return state.router.headers.cookie or ""


def session_id_in(cookie_header: str | None) -> str | None:
    """The session id of the browser's signed session cookie, None without a valid one."""
    settings = get_settings()
    # A malformed cookie header reads as no cookie: "not logged in".
    value = cookie_value(cookie_header, cookie_names(settings.public_origin).session)
    if value is None:
        return None
    return SessionCookie(settings.resolved_secret_key()).decode(value)


def binding_of(state: rx.State) -> str | None:
    """The hash of this browser's pre-login cookie; None when it sent none (cookies blocked)."""
    name = cookie_names(get_settings().public_origin).browser
    return browser_binding(cookie_value(cookie_header(state), name))


def user_agent_of(state: rx.State) -> str:
    """Whatever the browser calls itself: a name for Mes sessions, never a check."""
    return state.router.headers.user_agent or ""
