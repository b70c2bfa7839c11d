"""The names and attributes of the portal's cookies, per public origin, and reading one of them
from a ``Cookie`` header.

Over https the cookies take the ``__Host-`` prefix: the browser then only accepts them Secure,
for path ``/`` and without ``Domain``, so a page on a sibling subdomain cannot plant or overwrite
them (cookie tossing would otherwise let it fix the pre-login cookie, or log the visitor in as
someone else). Over plain http (development, the test suites) the prefix is not allowed and the
names are bare.
"""

from __future__ import annotations

from dataclasses import dataclass

SESSION = "monespace_session"
BROWSER = "monespace_browser"
HOST_PREFIX = "__Host-"


@dataclass(frozen=True, slots=True)
class CookieNames:
    session: str  # the signed session id, set once the login's ticket is redeemed
    browser: str  # the pre-login token, set on the first answer to a browser without one
    secure: bool  # the Secure attribute (https only)


def cookie_names(public_origin: str) -> CookieNames:
    secure = public_origin.lower().startswith("https://")
    prefix = HOST_PREFIX if secure else ""
    return CookieNames(session=prefix + SESSION, browser=prefix + BROWSER, secure=secure)


def cookie_value(header: str | None, name: str) -> str | None:
    """The value of cookie ``name`` in a ``Cookie`` request header; None when absent.

    Read leniently, pair by pair, as browsers send it (and as Starlette reads it): a malformed
    cookie of some other site on the same host must not hide the portal's."""
    for pair in (header or "").split(";"):
        key, separator, value = pair.partition("=")
        if separator and key.strip() == name:
            value = value.strip()
            if len(value) >= 2 and value[0] == value[-1] == '"':
                value = value[1:-1]
            return value
    return None
