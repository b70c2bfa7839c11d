"""The trainers' mailbox page: every message the SMTP sink received, newest first.

Served on loopback apart from the portal. ``/api/messages`` gives the same as JSON for tests.
"""

from __future__ import annotations

import html
import json
import re
import threading
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

from simulators.mailbox.store import MailStore, StoredMail

PAGE_STYLE = """
body{font-family:"DejaVu Sans",Arial,sans-serif;margin:0;color:#1d2433;background:#f2f5fb}
header{background:#1d2433;color:#fff;padding:1rem 1.5rem}header h1{margin:0;font-size:1.3rem}
main{max-width:60rem;margin:1.5rem auto;padding:0 1rem}
table{width:100%;border-collapse:collapse;background:#fff}
th,td{text-align:left;padding:.6rem;border-bottom:1px solid #d5dbe8}
a{color:#1c3f8c}.empty{background:#fff;padding:1rem}
iframe{width:100%;min-height:28rem;border:1px solid #d5dbe8;background:#fff}
pre{white-space:pre-wrap;background:#fff;padding:1rem;border:1px solid #d5dbe8}
"""


def mail_to_json(mail: StoredMail) -> dict[str, Any]:
    return {
        "id": mail.key,
        "from": mail.sender,
        "to": list(mail.recipients),
        "subject": mail.subject,
        "date": mail.date,
        "text": mail.text,
        "html": mail.html,
        "links": re.findall(r'href="([^"]+)"', mail.html or ""),
    }


def _page(title: str, body: str) -> bytes:
    return (
        f'<!doctype html><html lang="fr"><head><meta charset="utf-8">'
        f"<title>{html.escape(title)}</title><style>{PAGE_STYLE}</style></head><body>"
        f"<header><h1>Boîte aux lettres de démonstration</h1></header>"
        f"<main>{body}</main></body></html>"
    ).encode()


def _list_page(mails: list[StoredMail]) -> bytes:
    if not mails:
        return _page("Boîte aux lettres", '<p class="empty">Aucun message reçu pour le moment.</p>')
    rows = "".join(
        f"<tr><td>{html.escape(m.date)}</td><td>{html.escape(', '.join(m.recipients))}</td>"
        f'<td><a href="/message/{html.escape(m.key)}">{html.escape(m.subject)}</a></td></tr>'
        for m in mails
    )
    table = (
        "<table><caption>Messages reçus</caption><thead><tr><th>Date</th><th>Destinataire</th>"
        f"<th>Objet</th></tr></thead><tbody>{rows}</tbody></table>"
    )
    return _page("Boîte aux lettres", table)


def _message_page(mail: StoredMail) -> bytes:
    body = (
        f'<p><a href="/">← Tous les messages</a></p><h2>{html.escape(mail.subject)}</h2>'
        f"<p>De : {html.escape(mail.sender)}<br>À : {html.escape(', '.join(mail.recipients))}"
        f"<br>Date : {html.escape(mail.date)}</p>"
    )
    if mail.html is not None:
        # Sandboxed: the message's own markup cannot run scripts in the mailbox page.
        body += (
            '<iframe title="Contenu du message" '
            'sandbox="allow-popups allow-top-navigation-by-user-activation" '
            f'srcdoc="{html.escape(mail.html, quote=True)}"></iframe>'
        )
    body += f"<h3>Version texte</h3><pre>{html.escape(mail.text)}</pre>"
    return _page(mail.subject, body)


def make_handler(store: MailStore) -> type[BaseHTTPRequestHandler]:
    class MailboxHandler(BaseHTTPRequestHandler):
        server_version = "MonEspaceMailbox/1"

        def do_GET(self) -> None:
            url = urlsplit(self.path)
            if url.path == "/":
                self._send(HTTPStatus.OK, _list_page(store.all()), "text/html; charset=utf-8")
            elif url.path == "/api/messages":
                recipient = parse_qs(url.query).get("to", [None])[0]
                mails = [
                    m
                    for m in store.all()
                    if recipient is None or recipient.lower() in (r.lower() for r in m.recipients)
                ]
                payload = json.dumps([mail_to_json(m) for m in mails]).encode()
                self._send(HTTPStatus.OK, payload, "application/json")
            elif url.path.startswith("/message/"):
                mail = store.get(url.path.removeprefix("/message/"))
                if mail is None:
                    page = _page("Introuvable", "<p>Ce message n'existe pas.</p>")
                    self._send(HTTPStatus.NOT_FOUND, page, "text/html; charset=utf-8")
                else:
                    self._send(HTTPStatus.OK, _message_page(mail), "text/html; charset=utf-8")
            else:
                self._send(
                    HTTPStatus.NOT_FOUND,
                    _page("Introuvable", "<p>Page inconnue.</p>"),
                    "text/html; charset=utf-8",
                )

        def do_DELETE(self) -> None:
            if urlsplit(self.path).path == "/api/messages":
                store.clear()
                self._send(HTTPStatus.NO_CONTENT, b"", "text/plain")
            else:
                self._send(HTTPStatus.NOT_FOUND, b"", "text/plain")

        def _send(self, status: HTTPStatus, body: bytes, content_type: str) -> None:
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: Any) -> None:
            return  # quiet: the demo's terminal is for the trainer

    return MailboxHandler


class MailboxWeb:
    def __init__(self, store: MailStore, *, host: str = "127.0.0.1", port: int = 8026) -> None:
        self._server = ThreadingHTTPServer((host, port), make_handler(store))
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host!s}:{port}"

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()
