"""The pre-login cookie and the browser binding (login CSRF, OWASP ASVS 7.2 / 6.x).

Every browser gets a random token in an HttpOnly cookie before it logs in. Its SHA-256, the
*binding*, is written on what a login creates for that browser (the session's one-time ticket,
the eID challenge); only a request whose cookie hashes to the same binding may use them. So a
ticket URL handed to someone else (to log them into the sender's account) does nothing, and an eID
login on the server's reader can only be driven by the browser that started it.

The server keeps the hash, never the token: a database leak does not let anyone pose as the
browser.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets

from identity.keys.errors import DigitalKeyError

TOKEN_BYTES = 32
# base64url of 32 bytes, no padding: what ``new_browser_token`` makes, and nothing else.
_TOKEN = re.compile(r"[A-Za-z0-9_-]{43}")


class CookiesRequiredError(DigitalKeyError):
    """The browser sent no pre-login cookie: a login cannot be bound to it (cookies blocked)."""


class OtherBrowserError(DigitalKeyError):
    """What a login created for one browser was presented by another (or the cookie changed)."""


def new_browser_token() -> str:
    return secrets.token_urlsafe(TOKEN_BYTES)


def is_browser_token(value: str | None) -> bool:
    return value is not None and _TOKEN.fullmatch(value) is not None


def browser_binding(token: str | None) -> str | None:
    """The binding of a well-formed token (hex SHA-256); None when there is no usable cookie."""
    if token is None or not is_browser_token(token):
        return None
    return hashlib.sha256(token.encode("ascii")).hexdigest()


def require_binding(binding: str | None) -> str:
    """A login may only start or finish in a browser that has its pre-login cookie."""
    if not binding:
        raise CookiesRequiredError("no pre-login cookie in the request")
    return binding


def same_browser(expected: str | None, presented: str | None) -> bool:
    """Both bindings known and equal (compared in constant time)."""
    if not expected or not presented:
        return False
    return hmac.compare_digest(expected, presented)
