"""The relying parties the provider knows, and how a client proves who it is at /token.

As at itsme's onboarding, a client is registered with its exact redirect URIs (matched character
for character), its service codes (``service:<code>`` in the scope) and its public keys: inline
(``jwks``) or, like the real service, a URL where the client publishes them (``jwks_uri``), fetched
when needed. It authenticates with ``private_key_jwt`` (RFC 7523, OpenID Connect Core §9): a JWT
signed with its private key, ``iss`` = ``sub`` = its client id, ``aud`` = the token endpoint, a
``jti`` used once and a short ``exp``.
"""

from __future__ import annotations

import json
import threading
import urllib.error
import urllib.request
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any
from urllib.parse import urlsplit

from joserfc import jwt
from joserfc.errors import JoseError
from joserfc.jwk import KeySet
from joserfc.jws import extract_compact

from foundation import routes

ASSERTION_TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer"
ASSERTION_ALGORITHMS = ("RS256", "ES256")
# A client assertion is made for one request: one living longer than this is refused.
MAX_ASSERTION_LIFETIME = timedelta(minutes=10)
CLOCK_LEEWAY_SECONDS = 30
PORTAL_CLIENT_ID = "monespace"
PORTAL_SERVICE_CODE = "MONESPACE_LOGIN"


class ClientAuthenticationError(Exception):
    """The client could not be authenticated (401 ``invalid_client``)."""


@dataclass(frozen=True, slots=True)
class RegisteredClient:
    client_id: str
    name: str
    redirect_uris: tuple[str, ...]
    service_codes: tuple[str, ...]
    jwks: Mapping[str, Any] | None = None
    jwks_uri: str | None = None

    def __post_init__(self) -> None:
        if (self.jwks is None) == (self.jwks_uri is None):
            raise ValueError(f"client {self.client_id}: give either jwks or jwks_uri")
        if self.jwks_uri is not None and urlsplit(self.jwks_uri).scheme not in ("http", "https"):
            raise ValueError(f"client {self.client_id}: jwks_uri must be http(s)")


def portal_client(
    origin: str,
    *,
    client_id: str = PORTAL_CLIENT_ID,
    service_code: str = PORTAL_SERVICE_CODE,
) -> RegisteredClient:
    """Mon Espace at ``origin`` (its ``public_origin``): its return page and its published keys."""
    base = origin.rstrip("/")
    return RegisteredClient(
        client_id=client_id,
        name="Mon Espace",
        redirect_uris=(base + routes.ITSME_RETURN,),
        service_codes=(service_code,),
        jwks_uri=base + routes.ITSME_CLIENT_JWKS,
    )


@dataclass
class ClientAuthenticator:
    """Checks client assertions against the registered clients' keys."""

    clients: Mapping[str, RegisteredClient]
    fetch_timeout: float = 5.0
    _keys: dict[str, KeySet] = field(default_factory=dict)
    _seen_jti: dict[str, datetime] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def authenticate(
        self, form: Mapping[str, str], *, token_endpoint: str, issuer: str, now: datetime
    ) -> RegisteredClient:
        """The client whose assertion in ``form`` is valid; ClientAuthenticationError if none."""
        if form.get("client_assertion_type") != ASSERTION_TYPE:
            raise ClientAuthenticationError(f"client_assertion_type must be {ASSERTION_TYPE}")
        assertion = form.get("client_assertion", "")
        client = self._claimed_client(assertion)
        named = form.get("client_id")
        if named is not None and named != client.client_id:
            raise ClientAuthenticationError("client_id differs from the assertion's issuer")
        claims = self._verified_claims(client, assertion)
        registry = jwt.JWTClaimsRegistry(
            now=int(now.timestamp()),
            leeway=CLOCK_LEEWAY_SECONDS,
            iss={"essential": True, "value": client.client_id},
            sub={"essential": True, "value": client.client_id},
            aud={"essential": True, "values": [token_endpoint, issuer]},
            exp={"essential": True},
            jti={"essential": True},
        )
        try:
            registry.validate(claims)
        except JoseError as error:
            raise ClientAuthenticationError(f"client assertion refused: {error}") from None
        expires = datetime.fromtimestamp(claims["exp"], tz=now.tzinfo)
        if expires - now > MAX_ASSERTION_LIFETIME:
            raise ClientAuthenticationError("client assertion lives too long")
        self._use_jti(f"{client.client_id}:{claims['jti']}", expires, now)
        return client

    def _claimed_client(self, assertion: str) -> RegisteredClient:
        try:
            payload = json.loads(extract_compact(assertion.encode()).payload)
        except (JoseError, ValueError, UnicodeError):
            raise ClientAuthenticationError("client_assertion is not a JWT") from None
        issuer = payload.get("iss") if isinstance(payload, dict) else None
        client = self.clients.get(issuer) if isinstance(issuer, str) else None
        if client is None:
            raise ClientAuthenticationError(f"unknown client {issuer!r}")
        return client

    def _verified_claims(self, client: RegisteredClient, assertion: str) -> dict[str, Any]:
        for refresh in (False, True):
            keys = self._key_set(client, refresh=refresh)
            try:
                token = jwt.decode(assertion, keys, algorithms=list(ASSERTION_ALGORITHMS))
            except JoseError as error:
                # A key the client added since our copy: fetch its JWKS once more.
                if client.jwks_uri is not None and not refresh:
                    continue
                raise ClientAuthenticationError(f"client assertion not verified: {error}") from None
            return dict(token.claims)
        raise ClientAuthenticationError("client assertion not verified")  # pragma: no cover

    def _key_set(self, client: RegisteredClient, *, refresh: bool) -> KeySet:
        with self._lock:
            cached = self._keys.get(client.client_id)
        if cached is not None and not refresh:
            return cached
        raw = client.jwks if client.jwks is not None else self._fetch(client)
        try:
            key_set = KeySet.import_key_set(dict(raw))  # type: ignore[arg-type]
        except (JoseError, ValueError, TypeError, KeyError) as error:
            raise ClientAuthenticationError(f"unreadable JWKS of {client.client_id}") from error
        with self._lock:
            self._keys[client.client_id] = key_set
        return key_set

    def _fetch(self, client: RegisteredClient) -> Mapping[str, Any]:
        assert client.jwks_uri is not None
        request = urllib.request.Request(  # noqa: S310 - http(s) checked at registration
            client.jwks_uri, headers={"Accept": "application/json"}
        )
        try:
            with urllib.request.urlopen(request, timeout=self.fetch_timeout) as answer:  # noqa: S310
                document = json.loads(answer.read())
        except (urllib.error.URLError, TimeoutError, OSError, ValueError) as error:
            raise ClientAuthenticationError(
                f"the JWKS of {client.client_id} at {client.jwks_uri} cannot be read: {error}"
            ) from None
        if not isinstance(document, dict):
            raise ClientAuthenticationError(f"the JWKS of {client.client_id} is not an object")
        return document

    def _use_jti(self, jti: str, expires: datetime, now: datetime) -> None:
        with self._lock:
            for seen, until in list(self._seen_jti.items()):
                if until < now - timedelta(seconds=CLOCK_LEEWAY_SECONDS):
                    del self._seen_jti[seen]
            if jti in self._seen_jti:
                raise ClientAuthenticationError("client assertion already used (jti)")
            self._seen_jti[jti] = expires
