"""Plain HTTP endpoints around the session cookie, outside Reflex's websocket.

The cookie is HttpOnly, so page scripts never see it: only these endpoints set and clear it, and
the Reflex state reads it from the websocket's own request headers. The ticket a login hands
over opens a session only in the browser that logged in (its pre-login cookie); the logout that
ends a live session is a POST carrying its CSRF token, so neither a link nor a form of another
site can log a visitor in as someone else, or out.
"""

from __future__ import annotations

from urllib.parse import quote, unquote, urlencode

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import PlainTextResponse, RedirectResponse, Response
from starlette.routing import Route

from foundation import routes
from foundation.clock import utc_now
from foundation.db import session_scope
from foundation.settings import get_settings
from identity.browser_binding import OtherBrowserError, browser_binding
from identity.session_cookies import CookieNames, cookie_names
from identity.sessions import LogoutToken, SessionCookie, is_live, redeem_ticket, revoke
from portal.levels import level_named
from portal.login.completion import (
    RETURN_COOKIE,
    RETURN_COOKIE_MAX_AGE,
    keeps_return_for_later,
    return_after_login,
)

NO_STORE = {"Cache-Control": "no-store"}
# The form field of the logout's CSRF token (identity.sessions.LogoutToken).
LOGOUT_FORM_FIELD = "jeton"


def safe_next(value: str | None) -> str:
    """Only paths of this site: never an open redirect to another host."""
    if not value or not value.startswith("/") or value.startswith("//") or "\\" in value:
        return routes.MY_SPACES
    return value


def _cookie() -> SessionCookie:
    return SessionCookie(get_settings().resolved_secret_key())


def _names() -> CookieNames:
    return cookie_names(get_settings().public_origin)


def _refused(reason: str) -> RedirectResponse:
    return RedirectResponse(
        f"{routes.KEY_CHOOSER}?{routes.LOGIN_REFUSAL_PARAMETER}={quote(reason)}",
        status_code=303,
        headers=NO_STORE,
    )


async def start_session(request: Request) -> RedirectResponse:
    ticket = request.query_params.get("ticket", "")
    binding = browser_binding(request.cookies.get(_names().browser))
    earlier = _session_id(request)
    with session_scope() as db:
        try:
            row = redeem_ticket(db, ticket, browser_binding=binding, now=utc_now())
        except OtherBrowserError:
            # Caught inside the unit of work: the ticket it spent stays spent.
            row, other_browser = None, True
        else:
            other_browser = False
        session_id = row.id if row is not None else None
        if session_id is not None and earlier is not None and earlier != session_id:
            # A new login (a step-up among them) replaces the browser's earlier session, which
            # ends here rather than lingering at its lower level (ASVS 7.2.4).
            revoke(db, earlier, now=utc_now())
    if session_id is None:
        if other_browser:
            return _refused(routes.REFUSED_OTHER_BROWSER if binding else routes.REFUSED_NO_COOKIES)
        return _refused(routes.REFUSED_TICKET)
    # The page that sent the person to log in, if any (the browser percent-encodes the cookie).
    cookie = request.cookies.get(RETURN_COOKIE)
    came_from = unquote(cookie) if cookie else None
    home = safe_next(request.query_params.get("suite"))
    response = RedirectResponse(
        return_after_login(home, came_from), status_code=303, headers=NO_STORE
    )
    # Used once; kept while the account is created, for its activation to lead there.
    if not keeps_return_for_later(home, came_from):
        response.delete_cookie(RETURN_COOKIE, path="/")
    names = _names()
    response.set_cookie(
        names.session,
        _cookie().encode(session_id),
        httponly=True,
        samesite="lax",
        secure=names.secure,
        path="/",
    )
    return response


async def login_then(request: Request) -> RedirectResponse:
    """A section's "S'identifier": the page to come back to is kept in a cookie before any key
    page opens (set here, by the server, so no click can outrun it), then the key chooser, or
    the page of the key the section needs (``cle``), opens with the same ``?suite=``."""
    came_from = request.query_params.get("suite", "")
    key = request.query_params.get("cle", "")
    target = routes.key_login(key) if key.isascii() and key.isidentifier() else routes.KEY_CHOOSER
    query: dict[str, str] = {}
    if routes.is_local_path(came_from):
        query["suite"] = came_from
    # The step-up: the chooser shows which keys reach the level the page needs.
    level = request.query_params.get(routes.LEVEL_PARAMETER, "")
    if level_named(level) is not None:
        query[routes.LEVEL_PARAMETER] = level
    # Encoded as the browser's own cookie code writes it.
    location = target + (f"?{urlencode(query, quote_via=quote, safe='')}" if query else "")
    response = RedirectResponse(location, status_code=303, headers=NO_STORE)
    if "suite" in query:
        response.set_cookie(
            RETURN_COOKIE,
            quote(came_from, safe=""),
            max_age=RETURN_COOKIE_MAX_AGE,
            path="/",
            samesite="lax",
        )
    return response


def _session_id(request: Request) -> str | None:
    value = request.cookies.get(_names().session)
    return _cookie().decode(value) if value else None


def _is_live(session_id: str) -> bool:
    with session_scope() as db:
        return is_live(db, session_id, now=utc_now())


def _home_without_cookie() -> RedirectResponse:
    names = _names()
    response = RedirectResponse(routes.HOME, status_code=303, headers=NO_STORE)
    response.delete_cookie(names.session, path="/", secure=names.secure, httponly=True)
    return response


async def clear_ended_session(request: Request) -> RedirectResponse:
    """The GET the pages load once their logout event has ended the session (over the websocket,
    whose origin is checked): it clears the cookie of a session already ended. A live session is
    left alone, so a link or an image of another site cannot log the visitor out."""
    session_id = _session_id(request)
    if session_id is not None and _is_live(session_id):
        return RedirectResponse(routes.HOME, status_code=303, headers=NO_STORE)
    return _home_without_cookie()


async def logout(request: Request) -> Response:
    """Logout by POST, for a client without the pages' websocket: ends the session its cookie
    names when the form carries the session's CSRF token; without it (a form of another site
    sends the cookie but cannot know the token), 403 and the session goes on."""
    session_id = _session_id(request)
    if session_id is None:
        return _home_without_cookie()
    token = (await request.form()).get(LOGOUT_FORM_FIELD)
    token_matches = isinstance(token, str) and LogoutToken(
        get_settings().resolved_secret_key()
    ).matches(session_id, token)
    if not token_matches:
        return PlainTextResponse("Forbidden", status_code=403, headers=NO_STORE)
    with session_scope() as db:
        revoke(db, session_id, now=utc_now())
    return _home_without_cookie()


auth_api = Starlette(
    routes=[
        Route(routes.SESSION_START, start_session, methods=["GET"]),
        Route(routes.LOGIN_THEN, login_then, methods=["GET"]),
        Route(routes.LOGOUT, clear_ended_session, methods=["GET"]),
        Route(routes.LOGOUT, logout, methods=["POST"]),
    ]
)
