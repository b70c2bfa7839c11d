"""A local OCSP responder (RFC 6960) for the certificates of the test Citizen CA.

Answers "good" for a certificate it issued, "revoked" for the certificates of personas whose
``certificate_status`` is ``revoked``, and "unknown" for anything else. Listens on loopback only.
POST ``/ocsp`` with an ``application/ocsp-request`` body, or GET ``/ocsp/<base64 request>``.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import threading
import urllib.parse
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.x509 import ocsp

from simulators.pki.test_pki import DEFAULT_OCSP_PORT, TestPki

LOOPBACK = "127.0.0.1"
NEXT_UPDATE = dt.timedelta(hours=1)
MAX_REQUEST = 64 * 1024
_HASHES: dict[str, Callable[[bytes], bytes]] = {
    "sha1": lambda data: hashlib.sha1(data, usedforsecurity=False).digest(),
    "sha256": lambda data: hashlib.sha256(data).digest(),
    "sha384": lambda data: hashlib.sha384(data).digest(),
    "sha512": lambda data: hashlib.sha512(data).digest(),
}


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class OcspAnswerer:
    """Builds signed OCSP responses; the HTTP part is in ``OcspResponder``."""

    def __init__(self, pki: TestPki, *, clock: Callable[[], dt.datetime] = _now) -> None:
        self.pki = pki
        self.clock = clock

    def _issuer_hashes(self, algorithm: str) -> tuple[bytes, bytes]:
        digest = _HASHES[algorithm]
        issuer = self.pki.citizen_ca.certificate
        key_bits = issuer.public_key().public_bytes(
            serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
        )
        # The key hash covers the BIT STRING value of the SubjectPublicKeyInfo only.
        public_key_bits = _subject_public_key_bits(key_bits)
        return digest(issuer.subject.public_bytes()), digest(public_key_bits)

    def respond(self, request_der: bytes) -> bytes:
        try:
            request = ocsp.load_der_ocsp_request(request_der)
        except ValueError:
            return _failure(ocsp.OCSPResponseStatus.MALFORMED_REQUEST)
        algorithm = request.hash_algorithm
        if algorithm.name not in _HASHES:
            return _failure(ocsp.OCSPResponseStatus.MALFORMED_REQUEST)
        name_hash, key_hash = self._issuer_hashes(algorithm.name)
        now = self.clock().replace(microsecond=0)
        status, revoked_at = ocsp.OCSPCertStatus.UNKNOWN, None
        if request.issuer_name_hash == name_hash and request.issuer_key_hash == key_hash:
            entry = self.pki.issued_index().get(format(request.serial_number, "x"))
            if entry is not None:
                revoked = entry.get("revoked_at")
                if revoked:
                    status = ocsp.OCSPCertStatus.REVOKED
                    revoked_at = dt.datetime.fromisoformat(revoked)
                else:
                    status = ocsp.OCSPCertStatus.GOOD
        builder = (
            ocsp.OCSPResponseBuilder()
            .add_response_by_hash(
                issuer_name_hash=request.issuer_name_hash,
                issuer_key_hash=request.issuer_key_hash,
                serial_number=request.serial_number,
                algorithm=algorithm,
                cert_status=status,
                this_update=now,
                next_update=now + NEXT_UPDATE,
                revocation_time=revoked_at,
                revocation_reason=x509.ReasonFlags.key_compromise if revoked_at else None,
            )
            .responder_id(ocsp.OCSPResponderEncoding.HASH, self.pki.ocsp.certificate)
            .certificates([self.pki.ocsp.certificate])
        )
        for extension in request.extensions:
            if isinstance(extension.value, x509.OCSPNonce):
                builder = builder.add_extension(extension.value, critical=False)
        response = builder.sign(self.pki.ocsp.key, hashes.SHA256())
        return response.public_bytes(serialization.Encoding.DER)


def _subject_public_key_bits(spki_der: bytes) -> bytes:
    """The content of the subjectPublicKey BIT STRING (after its unused-bits byte)."""
    position = 0

    def read_header() -> tuple[int, int]:
        nonlocal position
        tag = spki_der[position]
        length = spki_der[position + 1]
        position += 2
        if length & 0x80:
            size = length & 0x7F
            length = int.from_bytes(spki_der[position : position + size], "big")
            position += size
        return tag, length

    read_header()  # SEQUENCE SubjectPublicKeyInfo
    _, algorithm_length = read_header()  # SEQUENCE AlgorithmIdentifier
    position += algorithm_length
    _, bits_length = read_header()  # BIT STRING
    return spki_der[position + 1 : position + bits_length]


def _failure(status: ocsp.OCSPResponseStatus) -> bytes:
    return ocsp.OCSPResponseBuilder.build_unsuccessful(status).public_bytes(
        serialization.Encoding.DER
    )


class OcspResponder:
    """The HTTP server around ``OcspAnswerer``, in a thread of the calling process."""

    def __init__(
        self,
        pki: TestPki,
        *,
        port: int = DEFAULT_OCSP_PORT,
        clock: Callable[[], dt.datetime] = _now,
    ) -> None:
        self.answerer = OcspAnswerer(pki, clock=clock)
        answerer = self.answerer

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                if not self.path.startswith("/ocsp") or not 0 < length <= MAX_REQUEST:
                    self.send_error(400)
                    return
                self._answer(answerer.respond(self.rfile.read(length)))

            def do_GET(self) -> None:
                prefix = "/ocsp/"
                if not self.path.startswith(prefix):
                    self.send_error(404)
                    return
                encoded = urllib.parse.unquote(self.path[len(prefix) :])
                try:
                    request = base64.b64decode(encoded, validate=False)
                except ValueError:
                    request = b""
                self._answer(answerer.respond(request))

            def _answer(self, body: bytes) -> None:
                self.send_response(200)
                self.send_header("Content-Type", "application/ocsp-response")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, format: str, *args: object) -> None:
                pass

        self._server = ThreadingHTTPServer((LOOPBACK, port), Handler)
        self._server.daemon_threads = True
        self._thread = threading.Thread(
            target=self._server.serve_forever, name="ocsp-responder", daemon=True
        )

    @property
    def port(self) -> int:
        port: int = self._server.server_address[1]
        return port

    @property
    def url(self) -> str:
        return f"http://{LOOPBACK}:{self.port}/ocsp"

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(5)
