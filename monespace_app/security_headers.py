"""Security headers on every answer of the portal, pages, files and API alike (OWASP ASVS V3):
no framing (clickjacking), no MIME sniffing, no referrer leaving the site, no plugins, HSTS when
the public origin is https.

The policy does not restrict scripts: the Reflex build needs its inline bootstrap script, and a
``script-src`` that allowed ``'unsafe-inline'`` would only look strict."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

HEADERS = {
    "content-security-policy": "frame-ancestors 'none'; object-src 'none'; base-uri 'self'; "
    "form-action 'self'",
    "x-frame-options": "DENY",
    "x-content-type-options": "nosniff",
    "referrer-policy": "same-origin",
    "permissions-policy": "camera=(), microphone=(), geolocation=(), payment=()",
    "cross-origin-opener-policy": "same-origin",
}
HSTS = ("strict-transport-security", "max-age=31536000; includeSubDomains")


def headers_for(public_origin: str) -> list[tuple[bytes, bytes]]:
    found = dict(HEADERS)
    if public_origin.startswith("https://"):
        found[HSTS[0]] = HSTS[1]
    return [(name.encode(), value.encode()) for name, value in found.items()]


def with_security_headers(app: ASGIApp, *, public_origin: str) -> ASGIApp:
    """``app`` answering with the headers; a header the app set itself is left as it is."""
    added = headers_for(public_origin)

    async def secured(scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                present = {name.lower() for name, _ in message.get("headers", [])}
                message["headers"] = [
                    *message.get("headers", []),
                    *((name, value) for name, value in added if name not in present),
                ]
            await send(message)

        await app(scope, receive, send_with_headers)

    return secured
