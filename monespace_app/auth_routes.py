"""Plain HTTP endpoints around the session cookie, outside Reflex's websocket.

The cookie is HttpOnly, so page scripts never see it: only these endpoints set and clear it, and
the Reflex state reads it from the websocket's own request headers.
"""

from __future__ import annotations

from urllib.parse import quote, unquote, urlencode

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import RedirectResponse
from starlette.routing import Route

from foundation import routes
from foundation.clock import utc_now
from foundation.db import session_scope
from foundation.settings import get_settings
from identity.sessions import COOKIE_NAME, SessionCookie, redeem_ticket, revoke
from portal.levels import level_named
from portal.login.completion import RETURN_COOKIE, RETURN_COOKIE_MAX_AGE, return_after_login

NO_STORE = {"Cache-Control": "no-store"}


def safe_next(value: str | None) -> str:
    """Only paths of this site: never an open redirect to another host."""
    if not value or not value.startswith("/") or value.startswith("//") or "\\" in value:
        return routes.MY_SPACES
    return value


def _cookie() -> SessionCookie:
    return SessionCookie(get_settings().resolved_secret_key())


async def start_session(request: Request) -> RedirectResponse:
    ticket = request.query_params.get("ticket", "")
    with session_scope() as db:
        row = redeem_ticket(db, ticket, now=utc_now())
        session_id = row.id if row is not None else None
    if session_id is None:
        return RedirectResponse(
            f"{routes.KEY_CHOOSER}?erreur={quote('session')}", status_code=303, headers=NO_STORE
        )
    # The page that sent the person to log in, if any (the browser percent-encodes the cookie).
    came_from = request.cookies.get(RETURN_COOKIE)
    destination = return_after_login(
        safe_next(request.query_params.get("suite")), unquote(came_from) if came_from else None
    )
    response = RedirectResponse(destination, status_code=303, headers=NO_STORE)
    response.delete_cookie(RETURN_COOKIE, path="/")
    response.set_cookie(
        COOKIE_NAME,
        _cookie().encode(session_id),
        httponly=True,
        samesite="lax",
        secure=get_settings().public_origin.startswith("https://"),
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


async def logout(request: Request) -> RedirectResponse:
    value = request.cookies.get(COOKIE_NAME)
    session_id = _cookie().decode(value) if value else None
    if session_id is not None:
        with session_scope() as db:
            revoke(db, session_id, now=utc_now())
    response = RedirectResponse(routes.HOME, status_code=303, headers=NO_STORE)
    response.delete_cookie(COOKIE_NAME, path="/")
    return response


auth_api = Starlette(
    routes=[
        Route(routes.SESSION_START, start_session, methods=["GET"]),
        Route(routes.LOGIN_THEN, login_then, methods=["GET"]),
        Route(routes.LOGOUT, logout, methods=["GET", "POST"]),
    ]
)
