"""The authenticator phone: enrol an account from a picture of its QR code, show the codes.

- ``GET /``: the accounts with their current code and the seconds it stays valid, and a form to
  upload a screenshot of a QR code (``POST /enrol``, multipart).
- ``POST /api/enrol`` with the image as the body (or multipart, field ``qr``) → 201
  ``{"issuer": …, "account": …}``; an image without a readable otpauth://totp QR code → 400.
- ``GET /api/codes`` → ``[{"issuer", "account", "code", "valid_for"}]``;
  ``DELETE /api/enrolments`` forgets every account.
"""

from __future__ import annotations

from email import policy
from email.message import EmailMessage
from email.parser import BytesParser
from http import HTTPStatus
from pathlib import Path
from typing import Any
from urllib.parse import quote

from simulators.authenticator.otp import (
    Enrolment,
    OtpauthError,
    current_code,
    grouped,
    parse_otpauth,
    seconds_left,
)
from simulators.authenticator.qr import QrDecodeError, decode_qr
from simulators.authenticator.store import Wallet
from simulators.loopback_web import (
    BodyTooLargeError,
    Clock,
    LoopbackService,
    SimulatorHandler,
    esc,
    page,
    query_param,
    utc_now,
)

DEFAULT_PORT = 8029
TITLE = "Application d'authentification de démonstration"
MAX_IMAGE = 10 * 1024 * 1024
FIELD = "qr"


class EnrolError(ValueError):
    def __init__(self, reason: str, message: str) -> None:
        super().__init__(message)
        self.reason = reason


def enrol_image(wallet: Wallet, image: bytes) -> Enrolment:
    """Reads the QR code in ``image``, parses its otpauth URI, adds the account to the wallet."""
    if not image:
        raise EnrolError("empty_body", "Aucune image reçue.")
    try:
        enrolment = parse_otpauth(decode_qr(image))
    except (QrDecodeError, OtpauthError) as error:
        raise EnrolError(error.reason, str(error)) from None
    wallet.add(enrolment)
    return enrolment


def multipart_file(content_type: str, body: bytes, field: str = FIELD) -> bytes:
    """The content of the form field ``field`` of a multipart/form-data body (empty if absent)."""
    head = f"Content-Type: {content_type}\r\nMIME-Version: 1.0\r\n\r\n".encode()
    message = BytesParser(policy=policy.HTTP).parsebytes(head + body)
    assert isinstance(message, EmailMessage)
    if not message.is_multipart():
        return b""
    for part in message.iter_parts():
        if part.get_param("name", header="content-disposition") == field:
            payload = part.get_payload(decode=True)
            return payload if isinstance(payload, bytes) else b""
    return b""


def codes_json(wallet: Wallet, clock: Clock) -> list[dict[str, Any]]:
    now = clock()
    return [
        {
            "issuer": e.issuer,
            "account": e.account,
            "code": current_code(e, now),
            "valid_for": seconds_left(e, now),
        }
        for e in wallet.all()
    ]


def _home_page(wallet: Wallet, clock: Clock, *, added: str | None, error: str | None) -> bytes:
    now = clock()
    parts: list[str] = []
    if error:
        parts.append(f'<p class="error" role="alert">{esc(error)}</p>')
    if added:
        parts.append(f'<p class="status" role="status">Compte ajouté : {esc(added)}</p>')
    enrolments = wallet.all()
    if enrolments:
        items = "".join(
            f'<li class="card"><span class="account">{esc(e.label)}</span> : '
            f'<span class="code">{esc(grouped(current_code(e, now)))}</span> '
            f'<span class="muted">(encore {seconds_left(e, now)} s)</span></li>'
            for e in enrolments
        )
        listing = f'<ul style="list-style:none;padding:0">{items}</ul>'
    else:
        listing = '<p class="card">Aucun compte pour le moment : ajoutez-en un ci-dessous.</p>'
    parts.append(
        '<section aria-labelledby="accounts"><h2 id="accounts">Mes comptes</h2>'
        f'<p><a href="/">Actualiser les codes</a></p>{listing}</section>'
    )
    parts.append(
        '<section aria-labelledby="add"><h2 id="add">Ajouter un compte</h2>'
        '<form class="card" method="post" action="/enrol" enctype="multipart/form-data">'
        "<p>Faites une capture d'écran de la page qui montre le code QR "
        "(par exemple l'étape « Activer » de l'application mobile dans Mon Espace), puis "
        "envoyez-la : le téléphone lit le code QR comme le ferait son appareil photo.</p>"
        f'<label for="{FIELD}">Capture d\'écran du code QR (image PNG)</label>'
        f'<input id="{FIELD}" name="{FIELD}" type="file" accept="image/png,image/*" required> '
        '<button type="submit">Ajouter le compte</button></form></section>'
    )
    return page(TITLE, TITLE, "".join(parts), subtitle="Codes de sécurité à usage unique (TOTP)")


def make_handler(wallet: Wallet, clock: Clock) -> type[SimulatorHandler]:
    class AuthenticatorHandler(SimulatorHandler):
        server_version = "MonEspaceAuthenticator/1"

        def on_get(self) -> None:
            if self.url_path == "/":
                added = query_param(self.url_query, "added")
                self.send_page(HTTPStatus.OK, _home_page(wallet, clock, added=added, error=None))
            elif self.url_path == "/api/codes":
                self.send_json(HTTPStatus.OK, codes_json(wallet, clock))
            else:
                self.not_found()

        def on_post(self) -> None:
            if self.url_path not in ("/api/enrol", "/enrol"):
                self.not_found()
                return
            from_form = self.url_path == "/enrol"
            try:
                body = self.read_body(MAX_IMAGE)
            except BodyTooLargeError:
                self._refuse(from_form, "too_large", "L'image dépasse 10 Mo.")
                return
            content_type = self.headers.get("Content-Type", "")
            if content_type.lower().startswith("multipart/form-data"):
                body = multipart_file(content_type, body)
            try:
                enrolment = enrol_image(wallet, body)
            except EnrolError as error:
                self._refuse(from_form, error.reason, str(error))
                return
            if from_form:
                self.redirect(f"/?added={quote(enrolment.label, safe='')}")
            else:
                self.send_json(
                    HTTPStatus.CREATED, {"issuer": enrolment.issuer, "account": enrolment.account}
                )

        def on_delete(self) -> None:
            if self.url_path == "/api/enrolments":
                wallet.clear()
                self.send_no_content()
            else:
                self.not_found()

        def _refuse(self, from_form: bool, reason: str, message: str) -> None:
            if from_form:
                body = _home_page(wallet, clock, added=None, error=message)
                self.send_page(HTTPStatus.BAD_REQUEST, body)
            else:
                self.send_error_json(HTTPStatus.BAD_REQUEST, reason, message)

    return AuthenticatorHandler


class AuthenticatorPhone(LoopbackService):
    """The authenticator phone on ``http://host:port``; accounts kept in ``store_dir`` if given."""

    def __init__(
        self,
        host: str = "127.0.0.1",
        port: int = DEFAULT_PORT,
        clock: Clock = utc_now,
        *,
        store_dir: Path | None = None,
    ) -> None:
        self.wallet = Wallet(store_dir)
        super().__init__(make_handler(self.wallet, clock), host=host, port=port)
