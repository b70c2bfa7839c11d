"""The simulated foreign eIDAS node over HTTP: a SAML 2.0 identity provider (pysaml2 and
xmlsec1) standing for the network of other EU countries' nodes.

- ``GET /metadata``: its SAML metadata (entity id = this URL; signing certificate; SSO address).
- ``GET /sso?SAMLRequest=…&RelayState=…&SigAlg=…&Signature=…[&country=DE]`` (HTTP-Redirect
  binding): the request's signature checked with the service provider's metadata, then the
  country selection (``/sso/<transaction>``), or that country's login page directly
  (``/sso/<transaction>/<country>``) when the service named it.
- ``POST /sso/<transaction>/<country>`` (citizen, outcome) and ``POST /sso/<transaction>/cancel``:
  the answer, signed (its assertion also encrypted for the service's encryption certificate of
  its metadata), sent back to the service's ACS by an auto-submitting form (HTTP-POST).
- ``GET /``: the countries and their citizens, for trainers and testers; ``GET /api/citizens``
  the same as JSON (the testers' plugin, monespace_testing/eidas_node.py).

The node's key and certificate are made on first run in its data folder, like the test PKI.
"""

from __future__ import annotations

import secrets
import threading
from dataclasses import dataclass
from datetime import datetime, timedelta
from http import HTTPStatus
from pathlib import Path
from urllib.parse import parse_qs

from identity.eidas import vocabulary as v
from identity.eidas.metadata import node_metadata
from identity.eidas.saml_keys import SamlKeyPair
from simulators.eidas_node.authn_requests import (
    ReceivedRequest,
    RequestRefusedError,
    ServiceProviders,
    read_request,
)
from simulators.eidas_node.citizens import Country, load_countries
from simulators.eidas_node.pages import (
    country_page,
    error_page,
    index_page,
    login_page,
    post_back_page,
    transaction_link,
)
from simulators.eidas_node.responses import (
    Answer,
    encoded,
    failure_response,
    success_response,
)
from simulators.loopback_web import Clock, LoopbackService, SimulatorHandler, utc_now

DEFAULT_PORT = 8033
TRANSACTION_LIFETIME = timedelta(minutes=10)
GONE = "Cette demande d'identification n'existe plus ou a expiré. Recommencez depuis le service."
METADATA_TYPE = "application/samlmetadata+xml"
FAILURES = {
    "cancel": (v.STATUS_REQUESTER, v.STATUS_REQUEST_DENIED, "202007 - Annulé par l'utilisateur"),
    "authn_failed": (v.STATUS_RESPONDER, v.STATUS_AUTHN_FAILED, "003002 - Échec"),
    "level_not_reached": (
        v.STATUS_RESPONDER,
        v.STATUS_NO_AUTHN_CONTEXT,
        "202019 - Niveau de garantie insuffisant",
    ),
}


@dataclass(frozen=True, slots=True)
class Transaction:
    id: str
    request: ReceivedRequest
    expires_at: datetime


class Node:
    """The node's state: its key, its service providers, the transactions under way."""

    def __init__(
        self,
        *,
        keys: SamlKeyPair,
        providers: ServiceProviders,
        countries: dict[str, Country],
        clock: Clock,
    ) -> None:
        self.keys = keys
        self.providers = providers
        self.countries = countries
        self.clock = clock
        self.entity_id = ""  # set once the server's address is known
        self.sso_url = ""
        self._transactions: dict[str, Transaction] = {}
        self._lock = threading.Lock()

    def metadata(self) -> str:
        return node_metadata(entity_id=self.entity_id, sso_url=self.sso_url, keys=self.keys)

    def begin(self, request: ReceivedRequest) -> Transaction:
        now = self.clock()
        transaction = Transaction(secrets.token_urlsafe(16), request, now + TRANSACTION_LIFETIME)
        with self._lock:
            self._transactions = {k: t for k, t in self._transactions.items() if t.expires_at > now}
            self._transactions[transaction.id] = transaction
        return transaction

    def transaction(self, transaction_id: str, *, spend: bool = False) -> Transaction | None:
        with self._lock:
            found = self._transactions.get(transaction_id)
            if found is None or found.expires_at <= self.clock():
                return None
            if spend:
                del self._transactions[transaction_id]
            return found

    def answer(
        self, transaction: Transaction, citizen_slug: str, country: Country, outcome: str
    ) -> str:
        """The SAML response's XML for what the person (or tester) chose."""
        request = transaction.request
        answer = Answer(
            issuer=self.entity_id,
            destination=request.acs_url,
            audience=request.sp_entity_id,
            in_response_to=request.request_id,
            encrypt_for=request.encryption_certificate,
        )
        now = self.clock()
        citizen = country.citizen(citizen_slug)
        if citizen is not None and outcome == "success" and citizen.level < request.level:
            outcome = "level_not_reached"  # the means used does not reach what was asked
        if citizen is None or outcome != "success":
            top, detail, message = FAILURES.get(outcome, FAILURES["authn_failed"])
            return failure_response(
                answer, top=top, detail=detail, message=message, keys=self.keys, now=now
            )
        return success_response(citizen, answer, keys=self.keys, now=now)

    def cancelled(self, transaction: Transaction) -> str:
        request = transaction.request
        answer = Answer(self.entity_id, request.acs_url, request.sp_entity_id, request.request_id)
        top, detail, message = FAILURES["cancel"]
        return failure_response(
            answer, top=top, detail=detail, message=message, keys=self.keys, now=self.clock()
        )


def citizens_json(countries: dict[str, Country]) -> list[dict[str, str]]:
    return [
        {
            "slug": citizen.slug,
            "name": citizen.display_name,
            "family_name": citizen.family_name,
            "given_name": citizen.given_name,
            "birth_date": citizen.birth_date.isoformat(),
            "person_identifier": citizen.person_identifier,
            "level": citizen.level.name.lower(),
            "country": country.code,
            "country_name": country.name,
        }
        for country in countries.values()
        for citizen in country.citizens
    ]


def _single(query: str) -> dict[str, str] | None:
    try:
        parsed = parse_qs(query, keep_blank_values=True)
    except ValueError:
        return None
    if any(len(values) != 1 for values in parsed.values()):
        return None
    return {name: values[0] for name, values in parsed.items()}


def make_handler(node: Node) -> type[SimulatorHandler]:
    class EidasNodeHandler(SimulatorHandler):
        server_version = "MonEspaceEidasNode/1"

        def _parts(self) -> list[str]:
            return [p for p in self.url_path.split("/") if p]

        def on_get(self) -> None:
            parts = self._parts()
            if not parts:
                self.send_page(HTTPStatus.OK, index_page(node.countries, node.entity_id))
            elif parts == ["api", "citizens"]:
                self.send_json(HTTPStatus.OK, citizens_json(node.countries))
            elif parts == ["metadata"]:
                self.send_body(HTTPStatus.OK, node.metadata().encode("utf-8"), METADATA_TYPE)
            elif parts == ["sso"]:
                self._sso()
            elif parts[0] == "sso" and len(parts) in (2, 3):
                self._page(parts[1], parts[2] if len(parts) == 3 else "")
            else:
                self.not_found()

        def on_post(self) -> None:
            parts = self._parts()
            if len(parts) != 3 or parts[0] != "sso":
                self.not_found()
                return
            form = _single(self.read_body(64 * 1024).decode("utf-8", "replace")) or {}
            transaction = node.transaction(parts[1], spend=True)
            if transaction is None:
                self.send_page(HTTPStatus.NOT_FOUND, error_page(GONE))
                return
            if parts[2] == "cancel":
                document = node.cancelled(transaction)
            elif (country := node.countries.get(parts[2])) is not None:
                document = node.answer(
                    transaction, form.get("citizen", ""), country, form.get("outcome", "success")
                )
            else:
                self.not_found()
                return
            request = transaction.request
            self.send_page(
                HTTPStatus.OK,
                post_back_page(request.acs_url, encoded(document), request.relay_state),
            )

        def _sso(self) -> None:
            query = _single(self.url_query)
            if query is None:
                self.send_page(HTTPStatus.BAD_REQUEST, error_page("Demande illisible."))
                return
            try:
                request = read_request(query, node.providers)
            except RequestRefusedError as refused:
                message = f"Ce service ne peut pas demander d'identification ici ({refused})."
                self.send_page(HTTPStatus.BAD_REQUEST, error_page(message))
                return
            transaction = node.begin(request)
            country = query.get("country", "")
            self.redirect(
                transaction_link(transaction.id, country if country in node.countries else "")
            )

        def _page(self, transaction_id: str, country_code: str) -> None:
            transaction = node.transaction(transaction_id)
            if transaction is None:
                self.send_page(HTTPStatus.NOT_FOUND, error_page(GONE))
                return
            provider = transaction.request.provider_name
            if not country_code:
                self.send_page(
                    HTTPStatus.OK, country_page(transaction_id, provider, node.countries)
                )
                return
            country = node.countries.get(country_code)
            if country is None:
                self.not_found()
                return
            level = int(transaction.request.level)
            self.send_page(HTTPStatus.OK, login_page(transaction_id, provider, level, country))

    return EidasNodeHandler


class EidasNodeSimulator(LoopbackService):
    """The node on ``http://host:port``; its entity id is ``<url>/metadata``.

    ``key_dir`` keeps its key and certificate (made there on first run). ``service_providers``
    are the metadata URLs (entity ids) of the services it answers: by default the portal at
    ``http://localhost:3000``; ``inline_metadata`` registers others without HTTP (tests).
    """

    def __init__(
        self,
        host: str = "127.0.0.1",
        port: int = DEFAULT_PORT,
        clock: Clock = utc_now,
        *,
        key_dir: Path,
        service_providers: tuple[str, ...] = (),
        inline_metadata: tuple[str, ...] = (),
        countries: dict[str, Country] | None = None,
    ) -> None:
        keys = SamlKeyPair.load_or_create(
            key_dir / "node-key.pem",
            key_dir / "node-cert.pem",
            common_name="Nœud eIDAS de démonstration",
            now=clock(),
        )
        self.node = Node(
            keys=keys,
            providers=ServiceProviders(service_providers, inline=inline_metadata),
            countries=countries if countries is not None else load_countries(),
            clock=clock,
        )
        super().__init__(make_handler(self.node), host=host, port=port)
        self.node.entity_id = self.metadata_url
        self.node.sso_url = self.url + "/sso"

    @property
    def metadata_url(self) -> str:
        return self.url + "/metadata"
