"""The itsme stand-in: an identification provider (API for the portal) and its phones (pages).

API (what the portal's HttpItsmeClient speaks):
- ``POST /api/requests`` JSON ``{"phone": "+32…", "client": "monespace"}`` → 201
  ``{"id": "<uuid>", "expires_in": 120}``; unknown phone → 404 ``{"error": "unknown_phone"}``.
- ``GET /api/requests/<id>`` → ``{"status": "pending"|"approved"|"refused"|"expired"}``, with
  ``"identity"`` (national_number, surname, given_names, birth_date) once approved.
For tests: ``POST /api/requests/<id>/approve`` and ``…/refuse``, ``GET /api/phones``,
``DELETE /api/requests``.
Pages: ``GET /`` (the phones) and ``GET /phone?number=+32…`` (a phone, with Confirmer / Refuser).
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta
from http import HTTPStatus
from typing import Any
from urllib.parse import quote

from simulators.itsme.directory import ItsmePhone, load_phones
from simulators.itsme.requests import (
    REQUEST_LIFETIME,
    IdentificationRequest,
    NotPendingError,
    RequestBook,
    RequestStatus,
    UnknownPhoneError,
    UnknownRequestError,
)
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

DEFAULT_PORT = 8028
TITLE = "itsme — téléphones de démonstration"
CLIENT_NAMES = {"monespace": "Mon Espace"}
STATUS_TEXT = {
    RequestStatus.PENDING: "En attente",
    RequestStatus.APPROVED: "Confirmée",
    RequestStatus.REFUSED: "Refusée",
    RequestStatus.EXPIRED: "Expirée",
}
DONE_TEXT = {
    "approved": "Vous avez confirmé votre identité. Retournez sur le site qui l'a demandée.",
    "refused": "Vous avez refusé la demande. Le site n'a reçu aucune donnée.",
    "expired": "Cette demande a expiré : recommencez depuis le site.",
    "answered": "Cette demande a déjà reçu une réponse.",
}
_CLIENT = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,63}")
_API_REQUEST = re.compile(r"/api/requests/([^/]+)(?:/(approve|refuse))?")
_PHONE_ANSWER = re.compile(r"/phone/requests/([^/]+)/(confirm|refuse)")


def client_name(client: str) -> str:
    return CLIENT_NAMES.get(client, client)


def request_to_json(request: IdentificationRequest) -> dict[str, Any]:
    payload: dict[str, Any] = {"status": str(request.status)}
    if request.status is RequestStatus.APPROVED:
        payload["identity"] = request.phone.identity()
    return payload


def phone_link(number: str) -> str:
    return f"/phone?number={quote(number, safe='')}"


def _duration(seconds: int) -> str:
    minutes, rest = divmod(seconds, 60)
    return f"{minutes} min {rest:02d} s" if minutes else f"{rest} s"


def _index_page(phones: dict[str, ItsmePhone]) -> bytes:
    items = "".join(
        f'<li><a href="{esc(phone_link(p.number))}">Téléphone de {esc(p.label)}</a></li>'
        for p in phones.values()
    )
    body = (
        '<section class="card" aria-labelledby="phones"><h2 id="phones">Téléphones</h2>'
        "<p>Ouvrez le téléphone de la personne qui se connecte avec itsme, puis confirmez ou "
        f"refusez la demande.</p><ul>{items}</ul></section>"
    )
    return page(TITLE, TITLE, body)


def _request_card(request: IdentificationRequest, now: datetime) -> str:
    name = client_name(request.client)
    title_id = f"request-{request.id}"
    button_attributes = f'type="submit" aria-describedby="{esc(title_id)}"'
    return (
        f'<article class="card" aria-labelledby="{esc(title_id)}">'
        f'<h3 id="{esc(title_id)}">{esc(name)} souhaite vous identifier</h3>'
        f"<p>Demandé par : <strong>{esc(name)}</strong> ({esc(request.client)})</p>"
        "<p>Données transmises : nom, prénoms, date de naissance, numéro de registre national."
        f"</p><p>Expire dans {esc(_duration(request.seconds_left(now)))}.</p>"
        f'<form method="post" action="/phone/requests/{esc(request.id)}/confirm" '
        'style="display:inline">'
        f'<button class="confirm" {button_attributes}>Confirmer</button></form>'
        f'<form method="post" action="/phone/requests/{esc(request.id)}/refuse" '
        'style="display:inline">'
        f'<button class="refuse" {button_attributes}>Refuser</button></form>'
        "</article>"
    )


def _phone_page(book: RequestBook, phone: ItsmePhone, done: str | None) -> bytes:
    now = book.now()
    requests = book.for_phone(phone.number)
    pending = [r for r in requests if r.status is RequestStatus.PENDING]
    parts = [
        '<p><a href="/">← Tous les téléphones</a></p>',
        f"<h2>Téléphone de {esc(phone.persona.display_name)}</h2>",
        f'<p class="muted">Numéro : {esc(display_phone(phone.number))}</p>',
    ]
    if done in DONE_TEXT:
        parts.append(f'<p class="status" role="status">{esc(DONE_TEXT[done])}</p>')
    parts.append(
        '<section aria-labelledby="pending"><h2 id="pending">Demandes en attente</h2>'
        f'<p><a href="{esc(phone_link(phone.number))}">Actualiser</a></p>'
    )
    if pending:
        parts.extend(_request_card(r, now) for r in pending)
    else:
        parts.append('<p class="card">Aucune demande en attente.</p>')
    parts.append("</section>")
    answered = [r for r in requests if r.status is not RequestStatus.PENDING]
    if answered:
        rows = "".join(
            f"<tr><td>{esc(r.created_at.strftime('%H:%M:%S'))}</td>"
            f"<td>{esc(client_name(r.client))}</td><td>{esc(STATUS_TEXT[r.status])}</td></tr>"
            for r in answered
        )
        parts.append(
            '<section aria-labelledby="history"><h2 id="history">Demandes récentes</h2>'
            "<table><caption>Demandes déjà traitées, de la plus récente à la plus ancienne"
            '</caption><thead><tr><th scope="col">Heure (UTC)</th><th scope="col">Demandeur</th>'
            f'<th scope="col">Statut</th></tr></thead><tbody>{rows}</tbody></table></section>'
        )
    return page(
        f"Téléphone de {phone.persona.display_name} — itsme",
        "itsme",
        "".join(parts),
        subtitle="Téléphone de démonstration",
    )


def make_handler(book: RequestBook) -> type[SimulatorHandler]:
    class ItsmeHandler(SimulatorHandler):
        server_version = "MonEspaceItsme/1"

        def on_get(self) -> None:
            path = self.url_path
            if path == "/":
                self.send_page(HTTPStatus.OK, _index_page(book.phones))
            elif path == "/phone":
                self._phone_page()
            elif path == "/api/phones":
                self.send_json(
                    HTTPStatus.OK,
                    [
                        {
                            "number": p.number,
                            "persona": p.persona.slug,
                            "name": p.persona.display_name,
                            "page": phone_link(p.number),
                        }
                        for p in book.phones.values()
                    ],
                )
            elif (match := _API_REQUEST.fullmatch(path)) and match.group(2) is None:
                try:
                    request = book.get(match.group(1))
                except UnknownRequestError:
                    self._unknown_request()
                    return
                self.send_json(HTTPStatus.OK, request_to_json(request))
            else:
                self.not_found()

        def on_post(self) -> None:
            path = self.url_path
            if path == "/api/requests":
                self._create()
            elif (match := _API_REQUEST.fullmatch(path)) and match.group(2) is not None:
                answer = book.approve if match.group(2) == "approve" else book.refuse
                try:
                    request = answer(match.group(1))
                except UnknownRequestError:
                    self._unknown_request()
                    return
                except NotPendingError as error:
                    self.send_json(
                        HTTPStatus.CONFLICT,
                        {
                            "error": "not_pending",
                            "status": str(error.status),
                            "message": str(error),
                        },
                    )
                    return
                self.send_json(HTTPStatus.OK, request_to_json(request))
            elif match := _PHONE_ANSWER.fullmatch(path):
                self._answer_from_phone(match.group(1), match.group(2))
            else:
                self.not_found()

        def on_delete(self) -> None:
            if self.url_path == "/api/requests":
                book.clear()
                self.send_no_content()
            else:
                self.not_found()

        def _create(self) -> None:
            payload = self.read_json_object('{"phone": …, "client": …}')
            if payload is None:
                return
            phone, client = payload.get("phone"), payload.get("client")
            number = phone_or_none(phone)
            if number is None:
                self.send_error_json(
                    HTTPStatus.BAD_REQUEST,
                    "invalid_phone",
                    f"'phone' is not a phone number: {phone!r}",
                )
                return
            if not isinstance(client, str) or not _CLIENT.fullmatch(client):
                self.send_error_json(
                    HTTPStatus.BAD_REQUEST,
                    "invalid_client",
                    "'client' must be an identifier such as 'monespace'",
                )
                return
            try:
                request = book.create(number, client)
            except UnknownPhoneError:
                self.send_error_json(
                    HTTPStatus.NOT_FOUND, "unknown_phone", f"no itsme phone {number}"
                )
                return
            self.send_json(
                HTTPStatus.CREATED,
                {"id": request.id, "expires_in": int(book.lifetime.total_seconds())},
            )

        def _phone_page(self) -> None:
            raw = query_param(self.url_query, "number") or ""
            try:
                phone = book.phones.get(normalise_phone(raw))
            except PhoneNumberError:
                phone = None
            if phone is None:
                known = "".join(
                    f'<li><a href="{esc(phone_link(p.number))}">{esc(p.label)}</a></li>'
                    for p in book.phones.values()
                )
                body = (
                    f'<p class="error" role="alert">Aucun téléphone itsme de démonstration pour '
                    f"« {esc(raw)} ».</p><h2>Téléphones connus</h2><ul>{known}</ul>"
                )
                self.send_page(
                    HTTPStatus.NOT_FOUND, page(f"Téléphone inconnu — {TITLE}", TITLE, body)
                )
                return
            done = query_param(self.url_query, "done")
            self.send_page(HTTPStatus.OK, _phone_page(book, phone, done))

        def _answer_from_phone(self, request_id: str, action: str) -> None:
            self.read_body(64 * 1024)  # the form's (empty) body
            answer = book.approve if action == "confirm" else book.refuse
            try:
                request = answer(request_id)
                done = str(request.status)
            except UnknownRequestError:
                self.not_found()
                return
            except NotPendingError as error:
                done = "expired" if error.status is RequestStatus.EXPIRED else "answered"
                request = book.get(request_id)
            self.redirect(f"{phone_link(request.phone.number)}&done={done}")

        def _unknown_request(self) -> None:
            self.send_error_json(HTTPStatus.NOT_FOUND, "unknown_request", "no such request")

    return ItsmeHandler


class ItsmeSimulator(LoopbackService):
    """The itsme provider and the demo's phones on ``http://host:port``."""

    def __init__(
        self,
        host: str = "127.0.0.1",
        port: int = DEFAULT_PORT,
        clock: Clock = utc_now,
        *,
        phones: dict[str, ItsmePhone] | None = None,
        lifetime: timedelta = REQUEST_LIFETIME,
    ) -> None:
        self.book = RequestBook(
            load_phones() if phones is None else phones, clock=clock, lifetime=lifetime
        )
        super().__init__(make_handler(self.book), host=host, port=port)

    @property
    def phones(self) -> dict[str, ItsmePhone]:
        return self.book.phones

    def phone_url(self, number: str) -> str:
        """The page of the phone ``number`` (any notation)."""
        return self.url + phone_link(normalise_phone(number))
