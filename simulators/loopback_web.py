"""What the key simulators' small web services share: a French page shell, JSON answers, and a
ThreadingHTTPServer on loopback run in a thread of the demo process (started and stopped by it).
"""

from __future__ import annotations

import html
import json
import logging
import threading
from collections.abc import Callable
from datetime import UTC, datetime
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import unquote, urlsplit

logger = logging.getLogger(__name__)

# Text #1d2433 on #fff and #f2f5fb, links #1c3f8c, buttons white on #1e6b32 / #a4262c / #1c3f8c:
# every pair is above 4.5:1 (WCAG AA).
PAGE_STYLE = """
body{font-family:"DejaVu Sans",Arial,sans-serif;margin:0;color:#1d2433;background:#f2f5fb;
line-height:1.5}
header{background:#1d2433;color:#fff;padding:1rem 1.5rem}header h1{margin:0;font-size:1.3rem}
header p{margin:.2rem 0 0}
main{max-width:60rem;margin:1.5rem auto;padding:0 1rem}
table{width:100%;border-collapse:collapse;background:#fff}
caption{text-align:left;font-weight:bold;padding:.4rem 0}
th,td{text-align:left;padding:.6rem;border-bottom:1px solid #d5dbe8;vertical-align:top}
a{color:#1c3f8c}
.card{background:#fff;border:1px solid #d5dbe8;border-radius:.4rem;padding:1rem;margin:0 0 1rem}
.card>h2:first-child,.card>h3:first-child{margin-top:0}
.muted{color:#4a5468}.nowrap{white-space:nowrap}
.status{background:#e3f1e6;border:1px solid #1e6b32;padding:.6rem 1rem;border-radius:.4rem}
.error{background:#fbe9ea;border:1px solid #a4262c;padding:.6rem 1rem;border-radius:.4rem}
.code{font-family:"DejaVu Sans Mono",monospace;font-size:1.6rem;letter-spacing:.1rem}
button{font:inherit;color:#fff;background:#1c3f8c;border:0;border-radius:.3rem;
padding:.5rem 1.2rem;cursor:pointer;margin-right:.5rem}
button.confirm{background:#1e6b32}button.refuse{background:#a4262c}
input{font:inherit;padding:.3rem}label{font-weight:bold;display:block;margin:.4rem 0}
textarea{font:inherit;padding:.3rem;width:100%;box-sizing:border-box}
fieldset{border:1px solid #d5dbe8;border-radius:.3rem;margin:.6rem 0}legend{font-weight:bold}
:focus-visible{outline:3px solid #b35c00;outline-offset:2px}
pre,code{font-family:"DejaVu Sans Mono",monospace}
pre{white-space:pre-wrap;background:#fff;padding:1rem;border:1px solid #d5dbe8}
form.inline,label.inline{display:inline}label.inline{font-weight:normal}
ul.plain{list-style:none;padding:0}ol.steps>li{margin-bottom:1rem}
"""

Clock = Callable[[], datetime]


def utc_now() -> datetime:
    return datetime.now(UTC)


HTML = "text/html; charset=utf-8"
MAX_BODY = 10 * 1024 * 1024


def esc(value: object) -> str:
    return html.escape(str(value), quote=True)


def page(title: str, heading: str, body: str, *, subtitle: str = "") -> bytes:
    """A whole French page: ``title`` for the tab, ``heading`` as the page's single h1."""
    sub = f"<p>{esc(subtitle)}</p>" if subtitle else ""
    return (
        '<!doctype html><html lang="fr"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{esc(title)}</title><style>{PAGE_STYLE}</style></head><body>"
        f"<header><h1>{esc(heading)}</h1>{sub}</header>"
        f"<main>{body}</main></body></html>"
    ).encode()


def query_param(query: str, name: str) -> str | None:
    """One query parameter, percent-decoded but with ``+`` kept as a plus sign.

    ``/?to=+32470123456`` must mean +32…, not a space (which ``parse_qs`` would make of it).
    """
    for pair in query.split("&"):
        key, _, value = pair.partition("=")
        if unquote(key) == name:
            # A form sends a typed "+" as %2B and a space as "+"; a hand-typed URL has the
            # number's "+" as is, in front.
            lead, rest = ("+", value[1:]) if value.startswith("+") else ("", value)
            return unquote(lead + rest.replace("+", " "))
    return None


class BodyTooLargeError(Exception):
    pass


class SimulatorHandler(BaseHTTPRequestHandler):
    """Helpers for the simulators' request handlers; subclasses implement do_GET and so on."""

    server_version = "MonEspaceSimulator/1"
    protocol_version = "HTTP/1.1"

    # Subclasses answer in on_get / on_post / on_delete; what they do not answer is a 404.
    def do_GET(self) -> None:
        self._dispatch(self.on_get)

    def do_HEAD(self) -> None:
        self._dispatch(self.on_get)

    def do_POST(self) -> None:
        self._dispatch(self.on_post)

    def do_DELETE(self) -> None:
        self._dispatch(self.on_delete)

    def on_get(self) -> None:
        self.not_found()

    def on_post(self) -> None:
        self.not_found()

    def on_delete(self) -> None:
        self.not_found()

    def not_found(self) -> None:
        if self.url_path.startswith("/api/"):
            self.send_error_json(HTTPStatus.NOT_FOUND, "not_found", "unknown API path")
        else:
            body = page(
                "Page introuvable",
                "Page introuvable",
                "<p>Cette page n'existe pas. <a href=\"/\">Retour à l'accueil</a></p>",
            )
            self.send_page(HTTPStatus.NOT_FOUND, body)

    def _dispatch(self, answer: Callable[[], None]) -> None:
        try:
            answer()
        except Exception:  # no stack trace reaches a page; the thread stays up
            logger.exception("%s %s failed", self.command, self.path)
            if self.url_path.startswith("/api/"):
                self.send_error_json(
                    HTTPStatus.INTERNAL_SERVER_ERROR, "internal_error", "the simulator failed"
                )
            else:
                body = page(
                    "Erreur", "Erreur du simulateur", "<p>Le simulateur a rencontré une erreur.</p>"
                )
                self.send_page(HTTPStatus.INTERNAL_SERVER_ERROR, body)

    @property
    def url_path(self) -> str:
        return urlsplit(self.path).path

    @property
    def url_query(self) -> str:
        return urlsplit(self.path).query

    def read_body(self, limit: int = MAX_BODY) -> bytes:
        try:
            length = int(self.headers.get("Content-Length") or 0)
        except ValueError:
            length = 0  # read as an empty body, which every route refuses with a 400
        if length > limit:
            raise BodyTooLargeError
        return self.rfile.read(length) if length > 0 else b""

    def read_json_object(self, expected: str, limit: int = 64 * 1024) -> dict[str, Any] | None:
        """The body as a JSON object; otherwise answers 413/400 and returns None.

        ``expected`` shows the caller the shape wanted, e.g. ``{"to": …, "text": …}``.
        """
        try:
            payload = json.loads(self.read_body(limit) or b"null")
        except BodyTooLargeError:
            self.send_error_json(
                HTTPStatus.REQUEST_ENTITY_TOO_LARGE, "too_large", f"body over {limit // 1024} KiB"
            )
            return None
        except (UnicodeDecodeError, json.JSONDecodeError):
            self.send_error_json(HTTPStatus.BAD_REQUEST, "invalid_json", "body is not JSON")
            return None
        if not isinstance(payload, dict):
            self.send_error_json(HTTPStatus.BAD_REQUEST, "invalid_json", f"expected {expected}")
            return None
        return payload

    def send_body(
        self,
        status: HTTPStatus,
        body: bytes,
        content_type: str,
        headers: dict[str, str] | None = None,
    ) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def send_json(
        self, status: HTTPStatus, payload: Any, headers: dict[str, str] | None = None
    ) -> None:
        body = json.dumps(payload, ensure_ascii=False).encode()
        self.send_body(status, body, "application/json; charset=utf-8", headers)

    def send_error_json(self, status: HTTPStatus, error: str, message: str) -> None:
        self.send_json(status, {"error": error, "message": message})

    def send_page(self, status: HTTPStatus, body: bytes) -> None:
        self.send_body(status, body, HTML)

    def redirect(self, location: str) -> None:
        self.send_body(HTTPStatus.SEE_OTHER, b"", "text/plain", {"Location": location})

    def send_no_content(self) -> None:
        self.send_response(HTTPStatus.NO_CONTENT)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, format: str, *args: Any) -> None:
        return  # quiet: the demo's terminal is for the trainer


class LoopbackService:
    """A ThreadingHTTPServer bound at construction (so ``url`` is known before ``start``).

    Port 0 takes a free port, which is what tests use.
    """

    def __init__(self, handler: type[BaseHTTPRequestHandler], *, host: str, port: int) -> None:
        self._server = ThreadingHTTPServer((host, port), handler)
        self._server.daemon_threads = True
        # A short poll interval: stop() returns within 50 ms instead of the default 0.5 s.
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )
        self._started = False

    @property
    def port(self) -> int:
        port: int = self._server.server_address[1]
        return port

    @property
    def url(self) -> str:
        host = self._server.server_address[0]
        return f"http://{host!s}:{self.port}"

    def start(self) -> None:
        self._thread.start()
        self._started = True

    def stop(self) -> None:
        if self._started:
            self._server.shutdown()
            self._started = False
        self._server.server_close()
