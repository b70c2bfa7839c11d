"""The itsme stand-in over HTTP: an OpenID Connect provider (authorization code flow, as itsme
is) and the demo's phones that confirm its requests.

Provider (what the portal's ``identity.itsme`` client speaks):
- ``GET /.well-known/openid-configuration`` (discovery) and ``GET /jwks`` (its signing key);
- ``GET /authorize?response_type=code&client_id=…&redirect_uri=…&scope=openid service:… profile
  eid&state=…&nonce=…&code_challenge=…&code_challenge_method=S256[&login_hint=+32…][&claims=…]``
  → the identification page (``/authorize/<transaction>``): the phone number, a push to that
  phone, then back to ``redirect_uri`` with ``code``, ``state`` and ``iss``, or with ``error``
  (``access_denied`` refused on the phone, ``cancelled``, ``expired``; see ``provider.py``);
- ``POST /token`` (``private_key_jwt``): the code, its PKCE verifier and redirect URI for an ID
  token signed RS256 and an access token; ``GET|POST /userinfo`` with that access token.

Getting started: ``GET /get-started``, what creating an itsme account takes, and the demo's
accounts (the phones below).

Phones (pages for testers and trainers): ``GET /`` and ``GET /phone?number=+32…`` (Confirmer /
Refuser). Test hooks: ``GET /api/phones``, ``GET /api/requests?phone=…``,
``GET /api/requests/<id>`` (its status), ``POST /api/requests/<id>/approve`` and ``…/refuse``,
``DELETE /api/requests`` (every request, transaction, code and push count forgotten).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import timedelta
from http import HTTPStatus
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs

from simulators.itsme.authorization_request import (
    AuthorizationRequestError,
    NotRedirectableError,
)
from simulators.itsme.clients import RegisteredClient, portal_client
from simulators.itsme.directory import ItsmePhone, load_phones
from simulators.itsme.pages import (
    duration,
    get_started_page,
    index_page,
    phone_form_page,
    phone_link,
    phone_page,
    provider_error_page,
    transaction_link,
    unknown_phone_page,
    waiting_page,
)
from simulators.itsme.provider import (
    InvalidAccessTokenError,
    Provider,
    TokenError,
    UnknownTransactionError,
)
from simulators.itsme.push_throttle import PushThrottle, TooManyPushesError
from simulators.itsme.requests import (
    REQUEST_LIFETIME,
    IdentificationRequest,
    NotPendingError,
    RequestBook,
    RequestStatus,
    UnknownRequestError,
)
from simulators.itsme.signing_key import ProviderKey
from simulators.loopback_web import (
    BodyTooLargeError,
    Clock,
    LoopbackService,
    SimulatorHandler,
    query_param,
    utc_now,
)
from simulators.sms_gateway.numbers import PhoneNumberError, normalise_phone, phone_or_none

DEFAULT_PORT = 8028
DEFAULT_PORTAL_ORIGIN = "http://localhost:3000"
# itsme's page for getting started (the real one's path): the portal's "Créer votre compte
# itsme" leads here by default (portal/login/itsme_account_link.py).
GET_STARTED = "/get-started"
_API_REQUEST = re.compile(r"/api/requests/([^/]+)(?:/(approve|refuse))?")
_PHONE_ANSWER = re.compile(r"/phone/requests/([^/]+)/(confirm|refuse)")
_TRANSACTION = re.compile(r"/authorize/([A-Za-z0-9_-]+)(?:/(send|cancel|status))?")
GONE = "Cette demande d'identification n'existe plus. Recommencez depuis le site qui l'a faite."


def request_to_json(request: IdentificationRequest) -> dict[str, Any]:
    return {
        "id": request.id,
        "phone": request.phone.number,
        "client": request.client,
        "status": str(request.status),
        "created_at": request.created_at.isoformat(),
    }


def _form(body: bytes) -> dict[str, str] | None:
    """A form body as single values; None when unreadable or a parameter comes twice."""
    try:
        parsed = parse_qs(body.decode("utf-8"), keep_blank_values=True, strict_parsing=False)
    except UnicodeDecodeError:
        return None
    if any(len(values) != 1 for values in parsed.values()):
        return None
    return {name: values[0] for name, values in parsed.items()}


def make_handler(provider: Provider) -> type[SimulatorHandler]:
    book = provider.book

    class ItsmeHandler(SimulatorHandler):
        server_version = "MonEspaceItsme/2"

        def on_get(self) -> None:
            path = self.url_path
            if path == "/.well-known/openid-configuration":
                self.send_json(HTTPStatus.OK, provider.discovery())
            elif path == "/jwks":
                self.send_json(HTTPStatus.OK, provider.key.jwks())
            elif path == "/authorize":
                self._authorize()
            elif match := _TRANSACTION.fullmatch(path):
                if match.group(2) is None:
                    self._transaction_page(match.group(1))
                elif match.group(2) == "status":
                    self._transaction_status(match.group(1))
                else:
                    self.not_found()
            elif path == "/userinfo":
                self._userinfo()
            elif path == "/":
                self.send_page(HTTPStatus.OK, index_page(book.phones))
            elif path == GET_STARTED:
                self.send_page(HTTPStatus.OK, get_started_page(book.phones))
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
            elif path == "/api/requests":
                self._list_requests()
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
            if path == "/token":
                self._token()
            elif path == "/userinfo":
                self.read_body(64 * 1024)
                self._userinfo()
            elif (match := _TRANSACTION.fullmatch(path)) and match.group(2) in ("send", "cancel"):
                if match.group(2) == "send":
                    self._send_push(match.group(1))
                else:
                    self._cancel(match.group(1))
            elif (match := _API_REQUEST.fullmatch(path)) and match.group(2) is not None:
                self._answer_by_api(match.group(1), match.group(2))
            elif match := _PHONE_ANSWER.fullmatch(path):
                self._answer_from_phone(match.group(1), match.group(2))
            else:
                self.not_found()

        def on_delete(self) -> None:
            if self.url_path == "/api/requests":
                book.clear()
                provider.clear()
                self.send_no_content()
            else:
                self.not_found()

        # -- /authorize ----------------------------------------------------------------

        def _authorize(self) -> None:
            query = {k: v for k, v in parse_qs(self.url_query, keep_blank_values=True).items()}
            if any(len(values) != 1 for values in query.values()):
                self._refuse_request({k: v[0] for k, v in query.items()}, "a parameter twice")
                return
            single = {k: v[0] for k, v in query.items()}
            try:
                transaction = provider.start(single)
            except NotRedirectableError as error:
                self.send_page(
                    HTTPStatus.BAD_REQUEST,
                    provider_error_page(
                        "Ce site n'est pas autorisé à demander une identification itsme de "
                        f"cette manière ({error})."
                    ),
                )
                return
            except AuthorizationRequestError as error:
                self._back_to_client(single, error.error, error.description)
                return
            self.redirect(transaction_link(transaction.id))

        def _refuse_request(self, query: dict[str, str], why: str) -> None:
            self._back_to_client(query, "invalid_request", why)

        def _back_to_client(self, query: dict[str, str], error: str, description: str) -> None:
            try:
                redirect_uri, state = provider.redirect_of(query)
            except NotRedirectableError as refused:
                self.send_page(HTTPStatus.BAD_REQUEST, provider_error_page(str(refused)))
                return
            self.redirect(provider.error_redirect(redirect_uri, state, error, description))

        def _transaction_page(self, transaction_id: str) -> None:
            try:
                transaction = provider.transaction(transaction_id)
                if transaction.outcome is not None:
                    location = provider.finish(transaction_id)
                    assert location is not None
                    self.redirect(location)
                    return
            except UnknownTransactionError:
                self.send_page(HTTPStatus.NOT_FOUND, provider_error_page(GONE))
                return
            if transaction.phone is None:
                self.send_page(HTTPStatus.OK, phone_form_page(transaction))
            else:
                self.send_page(HTTPStatus.OK, waiting_page(transaction, provider.now()))

        def _transaction_status(self, transaction_id: str) -> None:
            try:
                transaction = provider.transaction(transaction_id)
            except UnknownTransactionError:
                self.send_json(HTTPStatus.OK, {"done": True, "left": ""})
                return
            left = duration(transaction.seconds_left(provider.now()))
            self.send_json(HTTPStatus.OK, {"done": transaction.outcome is not None, "left": left})

        def _send_push(self, transaction_id: str) -> None:
            form = _form(self.read_body(64 * 1024)) or {}
            typed = form.get("phone", "")
            try:
                transaction = provider.transaction(transaction_id)
                provider.send_push(transaction_id, typed)
            except UnknownTransactionError:
                self.send_page(HTTPStatus.NOT_FOUND, provider_error_page(GONE))
                return
            except PhoneNumberError:
                message = "Ce numéro n'est pas un numéro de GSM. Vérifiez-le."
                self.send_page(HTTPStatus.BAD_REQUEST, phone_form_page(transaction, typed, message))
                return
            except TooManyPushesError as error:
                message = (
                    "Trop de demandes ont été envoyées à ce numéro. Réessayez dans "
                    f"{error.minutes} minute(s)."
                )
                self.send_page(
                    HTTPStatus.TOO_MANY_REQUESTS, phone_form_page(transaction, typed, message)
                )
                return
            self.redirect(transaction_link(transaction_id))

        def _cancel(self, transaction_id: str) -> None:
            self.read_body(64 * 1024)
            try:
                provider.cancel(transaction_id)
                location = provider.finish(transaction_id)
            except UnknownTransactionError:
                self.send_page(HTTPStatus.NOT_FOUND, provider_error_page(GONE))
                return
            assert location is not None
            self.redirect(location)

        # -- /token, /userinfo ---------------------------------------------------------

        def _token(self) -> None:
            try:
                form = _form(self.read_body(64 * 1024))
            except BodyTooLargeError:
                form = None
            content_type = (self.headers.get("Content-Type") or "").split(";")[0].strip()
            if form is None or content_type != "application/x-www-form-urlencoded":
                self._token_error(
                    TokenError(400, "invalid_request", "a form body, each parameter once")
                )
                return
            try:
                answer = provider.exchange(form)
            except TokenError as error:
                self._token_error(error)
                return
            self.send_json(HTTPStatus.OK, answer, {"Pragma": "no-cache"})

        def _token_error(self, error: TokenError) -> None:
            headers = {"Pragma": "no-cache"}
            if error.status == 401:
                headers["WWW-Authenticate"] = 'Bearer error="invalid_client"'
            self.send_json(
                HTTPStatus(error.status),
                {"error": error.error, "error_description": error.description},
                headers,
            )

        def _userinfo(self) -> None:
            authorization = self.headers.get("Authorization") or ""
            scheme, _, token = authorization.partition(" ")
            try:
                if scheme.lower() != "bearer" or not token:
                    raise InvalidAccessTokenError("no bearer token")
                claims = provider.userinfo(token.strip())
            except InvalidAccessTokenError:
                self.send_json(
                    HTTPStatus.UNAUTHORIZED,
                    {"error": "invalid_token"},
                    {"WWW-Authenticate": 'Bearer error="invalid_token"'},
                )
                return
            self.send_json(HTTPStatus.OK, claims)

        # -- the phones ----------------------------------------------------------------

        def _phone_page(self) -> None:
            raw = query_param(self.url_query, "number") or ""
            try:
                phone = book.phones.get(normalise_phone(raw))
            except PhoneNumberError:
                phone = None
            if phone is None:
                self.send_page(HTTPStatus.NOT_FOUND, unknown_phone_page(raw, book.phones))
                return
            done = query_param(self.url_query, "done")
            names = {c.client_id: c.name for c in provider.clients.values()}
            self.send_page(HTTPStatus.OK, phone_page(book, phone, done, names))

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

        def _answer_by_api(self, request_id: str, action: str) -> None:
            answer = book.approve if action == "approve" else book.refuse
            try:
                request = answer(request_id)
            except UnknownRequestError:
                self._unknown_request()
                return
            except NotPendingError as error:
                self.send_json(
                    HTTPStatus.CONFLICT,
                    {"error": "not_pending", "status": str(error.status), "message": str(error)},
                )
                return
            self.send_json(HTTPStatus.OK, request_to_json(request))

        def _list_requests(self) -> None:
            raw = query_param(self.url_query, "phone")
            number = phone_or_none(raw) if raw else None
            if raw and number is None:
                self.send_error_json(HTTPStatus.BAD_REQUEST, "invalid_phone", "not a phone")
                return
            numbers = [number] if number else list(book.phones)
            requests = [r for n in numbers for r in book.for_phone(n)]
            requests.sort(key=lambda r: r.created_at, reverse=True)
            self.send_json(HTTPStatus.OK, [request_to_json(r) for r in requests])

        def _unknown_request(self) -> None:
            self.send_error_json(HTTPStatus.NOT_FOUND, "unknown_request", "no such request")

    return ItsmeHandler


class ItsmeSimulator(LoopbackService):
    """The itsme provider and the demo's phones on ``http://host:port`` (its issuer URL).

    ``key_dir`` keeps the provider's signing key across runs (made there on first use; in memory
    when None). ``clients`` are the registered relying parties: by default the portal at
    ``http://localhost:3000`` (``portal_client``).
    """

    def __init__(
        self,
        host: str = "127.0.0.1",
        port: int = DEFAULT_PORT,
        clock: Clock = utc_now,
        *,
        phones: dict[str, ItsmePhone] | None = None,
        lifetime: timedelta = REQUEST_LIFETIME,
        key_dir: Path | None = None,
        clients: Sequence[RegisteredClient] | None = None,
        throttle: PushThrottle | None = None,
    ) -> None:
        self.book = RequestBook(
            load_phones() if phones is None else phones, clock=clock, lifetime=lifetime
        )
        registered = clients if clients is not None else (portal_client(DEFAULT_PORTAL_ORIGIN),)
        self.provider = Provider(
            book=self.book,
            key=ProviderKey.load_or_create(key_dir),
            clients={c.client_id: c for c in registered},
            throttle=throttle,
            clock=clock,
        )
        super().__init__(make_handler(self.provider), host=host, port=port)
        self.provider.issuer = self.url

    @property
    def phones(self) -> dict[str, ItsmePhone]:
        return self.book.phones

    @property
    def issuer(self) -> str:
        return self.url

    def phone_url(self, number: str) -> str:
        """The page of the phone ``number`` (any notation)."""
        return self.url + phone_link(normalise_phone(number))
