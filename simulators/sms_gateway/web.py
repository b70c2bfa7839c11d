"""The SMS provider stand-in: the portal posts SMS to it, trainers and tests read them.

API (what the portal's HttpSmsSender speaks):
- ``POST /api/sms`` with ``Authorization: Bearer <token>`` and JSON ``{"to": "+32…", "text": "…"}``
  → 202 ``{"id": "<uuid>"}``; wrong or missing token → 401; bad body → 400 (JSON errors).
- ``GET /api/messages[?to=+32…]`` → the messages, newest first; ``DELETE /api/messages`` clears.
Pages: ``GET /`` (every number and message) and ``GET /?to=+32…`` (one number's inbox).
"""

from __future__ import annotations

import hmac
from datetime import datetime
from http import HTTPStatus
from pathlib import Path
from typing import Any
from urllib.parse import quote

from simulators.loopback_web import (
    Clock,
    LoopbackService,
    SimulatorHandler,
    esc,
    page,
    query_param,
    utc_now,
)
from simulators.sms_gateway.numbers import (
    PhoneNumberError,
    display_phone,
    normalise_phone,
    phone_or_none,
)
from simulators.sms_gateway.store import Sms, SmsStore

DEFAULT_PORT = 8027
DEFAULT_TOKEN = "demo-sms-token"  # noqa: S105 - a demo value, replaced by configuration
MAX_TEXT = 1600
TITLE = "Passerelle SMS de démonstration"


def sms_to_json(message: Sms) -> dict[str, Any]:
    return {
        "id": message.id,
        "to": message.to,
        "text": message.text,
        "received_at": message.received_at,
    }


def _when(iso: str) -> str:
    return datetime.fromisoformat(iso).strftime("%d/%m/%Y %H:%M:%S UTC")


def _inbox_link(number: str) -> str:
    return f"/?to={quote(number, safe='')}"


def _inbox_page(store: SmsStore, raw_filter: str | None) -> bytes:
    number: str | None = None
    notice = ""
    if raw_filter:
        try:
            number = normalise_phone(raw_filter)
        except PhoneNumberError:
            notice = (
                f'<p class="error" role="alert">« {esc(raw_filter)} » n\'est pas un numéro de '
                "téléphone. Exemple : +32 470 12 34 56.</p>"
            )
    value = esc(display_phone(number)) if number else ""
    parts = [
        notice,
        '<form class="card" method="get" action="/" role="search">'
        '<label for="to">Numéro de téléphone</label>'
        f'<input id="to" name="to" type="tel" value="{value}" autocomplete="off" '
        'placeholder="+32 470 12 34 56"> <button type="submit">Afficher ses SMS</button>'
        "</form>",
    ]
    if number is None:
        numbers = store.numbers()
        items = "".join(
            f'<li><a href="{esc(_inbox_link(n))}">{esc(display_phone(n))}</a> ({count} SMS)</li>'
            for n, count in numbers
        )
        parts.append(
            '<section aria-labelledby="numbers"><h2 id="numbers">Numéros</h2>'
            + (
                f"<ul>{items}</ul>"
                if items
                else '<p class="muted">Aucun numéro pour le moment.</p>'
            )
            + "</section>"
        )
        heading = "Tous les SMS"
    else:
        parts.append('<p><a href="/">← Tous les numéros</a></p>')
        heading = f"SMS reçus par le {display_phone(number)}"
    messages = store.all(number)
    if messages:
        rows = "".join(
            f"<tr><td>{esc(_when(m.received_at))}</td>"
            f'<td class="nowrap"><a href="{esc(_inbox_link(m.to))}">'
            f"{esc(display_phone(m.to))}</a></td>"
            f"<td>{esc(m.text)}</td></tr>"
            for m in messages
        )
        listing = (
            f"<table><caption>{esc(heading)}, du plus récent au plus ancien</caption><thead>"
            '<tr><th scope="col">Reçu le</th><th scope="col">Destinataire</th>'
            f'<th scope="col">Message</th></tr></thead><tbody>{rows}</tbody></table>'
        )
    else:
        listing = '<p class="card">Aucun SMS reçu pour le moment.</p>'
    parts.append(
        f'<section aria-labelledby="messages"><h2 id="messages">{esc(heading)}</h2>'
        f'<p><a href="{esc(_inbox_link(number) if number else "/")}">Actualiser</a></p>'
        f"{listing}</section>"
    )
    return page(
        f"{heading} — {TITLE}",
        TITLE,
        "".join(parts),
        subtitle="Les SMS envoyés par le portail Mon Espace arrivent ici.",
    )


def make_handler(store: SmsStore, token: str) -> type[SimulatorHandler]:
    expected = f"Bearer {token}".encode()

    class SmsGatewayHandler(SimulatorHandler):
        server_version = "MonEspaceSmsGateway/1"

        def on_get(self) -> None:
            path, query = self.url_path, self.url_query
            if path == "/":
                self.send_page(HTTPStatus.OK, _inbox_page(store, query_param(query, "to")))
            elif path == "/api/messages":
                raw = query_param(query, "to")
                try:
                    number = normalise_phone(raw) if raw else None
                except PhoneNumberError:
                    self.send_error_json(
                        HTTPStatus.BAD_REQUEST, "invalid_phone", f"not a phone number: {raw!r}"
                    )
                    return
                self.send_json(HTTPStatus.OK, [sms_to_json(m) for m in store.all(number)])
            else:
                self.not_found()

        def on_post(self) -> None:
            if self.url_path != "/api/sms":
                self.not_found()
                return
            given = self.headers.get("Authorization", "").strip().encode()
            if not hmac.compare_digest(given, expected):
                self.send_json(
                    HTTPStatus.UNAUTHORIZED,
                    {"error": "unauthorized", "message": "missing or wrong bearer token"},
                    {"WWW-Authenticate": 'Bearer realm="sms-gateway"'},
                )
                return
            payload = self.read_json_object('{"to": …, "text": …}')
            if payload is None:
                return
            to, text = payload.get("to"), payload.get("text")
            number = phone_or_none(to)
            if number is None:
                self.send_error_json(
                    HTTPStatus.BAD_REQUEST, "invalid_phone", f"'to' is not a phone number: {to!r}"
                )
                return
            if not isinstance(text, str) or not text.strip() or len(text) > MAX_TEXT:
                self.send_error_json(
                    HTTPStatus.BAD_REQUEST,
                    "invalid_text",
                    f"'text' must be a non-empty string of at most {MAX_TEXT} characters",
                )
                return
            message = store.add(number, text)
            self.send_json(HTTPStatus.ACCEPTED, {"id": message.id})

        def on_delete(self) -> None:
            if self.url_path == "/api/messages":
                store.clear()
                self.send_no_content()
            else:
                self.not_found()

    return SmsGatewayHandler


class SmsGateway(LoopbackService):
    """The SMS gateway on ``http://host:port``; messages kept in ``store_dir`` (None: memory)."""

    def __init__(
        self,
        store_dir: Path | None,
        host: str = "127.0.0.1",
        port: int = DEFAULT_PORT,
        token: str = DEFAULT_TOKEN,
        *,
        clock: Clock = utc_now,
    ) -> None:
        self.store = SmsStore(store_dir, clock=clock)
        self.token = token
        super().__init__(make_handler(self.store, token), host=host, port=port)

    @property
    def api_url(self) -> str:
        """Where the portal posts: ``<url>/api/sms``."""
        return f"{self.url}/api/sms"
