"""A tiny OCSP responder on loopback, run in a thread by the tests (and the benchmark).

Not the simulators' responder: this one lives with the tests so that they control every answer.
It answers by serial number: good, revoked, or unknown for anything it was not told about;
``fail_with_http`` makes it answer an HTTP error instead.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from cryptography import x509
from cryptography.x509 import ocsp

from tests.unit.identity.eid.auth.card_pki import Issued
from tests.unit.identity.eid.auth.ocsp_answers import sign_ocsp_answer


@dataclass
class ResponderState:
    clock: Callable[[], datetime]
    signer: Issued | None = None  # set once the PKI (whose AIA names this responder) exists
    statuses: dict[int, ocsp.OCSPCertStatus] = field(default_factory=dict)
    fail_with_http: int | None = None
    requests: int = 0


@dataclass(frozen=True)
class RunningResponder:
    url: str
    state: ResponderState


def _handler(state: ResponderState) -> type[BaseHTTPRequestHandler]:
    class OcspHandler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            state.requests += 1
            if state.fail_with_http is not None or state.signer is None:
                self.send_error(state.fail_with_http or 503)
                return
            body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
            request = ocsp.load_der_ocsp_request(body)
            try:
                nonce = request.extensions.get_extension_for_class(x509.OCSPNonce).value.nonce
            except x509.ExtensionNotFound:
                nonce = None
            status = state.statuses.get(request.serial_number, ocsp.OCSPCertStatus.UNKNOWN)
            answer = sign_ocsp_answer(
                request, status=status, signer=state.signer, now=state.clock(), nonce=nonce
            )
            self.send_response(200)
            self.send_header("Content-Type", "application/ocsp-response")
            self.send_header("Content-Length", str(len(answer)))
            self.end_headers()
            self.wfile.write(answer)

        def log_message(self, format: str, *args: object) -> None:
            pass  # keep test output clean

    return OcspHandler


@contextmanager
def running_ocsp_responder(state: ResponderState) -> Iterator[RunningResponder]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(state))
    thread = threading.Thread(target=server.serve_forever, name="test-ocsp", daemon=True)
    thread.start()
    try:
        yield RunningResponder(f"http://127.0.0.1:{server.server_address[1]}/ocsp", state)
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
