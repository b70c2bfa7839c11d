"""The pre-login cookie (``identity.browser_binding``): every answer of the portal to a browser
that has none sets one, so that by the time a person logs in, the page's websocket and the
ticket's request both carry it.

An ASGI wrapper rather than a page's code: the portal serves its pages, files and endpoints from
one port, and the first thing any browser asks for is a page, whose answer then sets the cookie
before the page's scripts, its websocket or any login start. The websocket handshake itself
cannot set a cookie, and does not need to."""

from __future__ import annotations

from http.cookies import SimpleCookie

from identity.browser_binding import is_browser_token, new_browser_token
from identity.session_cookies import cookie_names, cookie_value
from monespace_app.security_headers import ASGIApp, Message, Receive, Scope, Send

# A year: the binding is worth nothing once a login is over, but a cookie that outlived the
# browser session spares the race of a new one with a login started in another tab.
MAX_AGE = 365 * 24 * 3600


def _request_cookie_header(scope: Scope) -> str:
    return "; ".join(
        value.decode("latin-1") for name, value in scope.get("headers", []) if name == b"cookie"
    )


def browser_cookie_header(name: str, token: str, *, secure: bool) -> tuple[bytes, bytes]:
    """HttpOnly (no page script reads it), SameSite=Lax (sent on a top-level navigation to the
    portal, as the ticket's is), path ``/`` and no Domain (what ``__Host-`` requires)."""
    jar: SimpleCookie = SimpleCookie()
    jar[name] = token
    morsel = jar[name]
    morsel["path"] = "/"
    morsel["httponly"] = True
    morsel["samesite"] = "Lax"
    morsel["max-age"] = MAX_AGE
    if secure:
        morsel["secure"] = True
    return b"set-cookie", morsel.OutputString().encode("latin-1")


def with_browser_cookie(
    app: ASGIApp, *, public_origin: str, cookieless_paths: tuple[str, ...] = ()
) -> ASGIApp:
    """``app`` setting a fresh pre-login cookie on its answer to a request that has no valid one
    (a malformed value is replaced, never trusted). ``cookieless_paths`` are requests a browser
    makes without its cookies though it has them (the cross-site POST of an eIDAS node's
    answer): a new cookie there would replace the one the login is bound to."""
    names = cookie_names(public_origin)

    async def bound(scope: Scope, receive: Receive, send: Send) -> None:
        if (
            scope["type"] != "http"
            or scope.get("path") in cookieless_paths
            or is_browser_token(cookie_value(_request_cookie_header(scope), names.browser))
        ):
            await app(scope, receive, send)
            return
        header = browser_cookie_header(names.browser, new_browser_token(), secure=names.secure)

        async def send_with_cookie(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = [*message.get("headers", []), header]
            await send(message)

        await app(scope, receive, send_with_cookie)

    return bound
