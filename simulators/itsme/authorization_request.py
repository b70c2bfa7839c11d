"""What a relying party asks at /authorize, checked as an OpenID provider must (OIDC Core §3.1.2).

An unknown ``client_id`` or a ``redirect_uri`` not registered for it, character for character, is
never redirected to (that would make the provider an open redirector): ``NotRedirectableError``,
shown on the provider's own page. Every other fault goes back to the client as ``error=…``
(``AuthorizationRequestError``). PKCE with S256 and a nonce are required, as a careful provider
requires them of a confidential client too.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass

from simulators.itsme.clients import RegisteredClient
from simulators.itsme.directory import NATIONAL_NUMBER_CLAIM
from simulators.sms_gateway.numbers import phone_or_none

# Which claims each scope releases.
SCOPE_CLAIMS: dict[str, tuple[str, ...]] = {
    "profile": ("family_name", "given_name", "name", "birthdate"),
    "eid": (NATIONAL_NUMBER_CLAIM,),
    "phone": ("phone_number", "phone_number_verified"),
}
SERVICE_PREFIX = "service:"
_CODE_CHALLENGE = re.compile(r"[A-Za-z0-9_-]{43}")  # base64url of a SHA-256, no padding
MAX_NONCE = 255
MAX_STATE = 1024


class NotRedirectableError(Exception):
    """The request cannot be answered at its redirect URI: shown on the provider's page."""


class AuthorizationRequestError(Exception):
    """A fault the client hears about at its redirect URI (``error``, ``error_description``)."""

    def __init__(self, error: str, description: str) -> None:
        super().__init__(f"{error}: {description}")
        self.error = error
        self.description = description


@dataclass(frozen=True, slots=True)
class AuthorizationParameters:
    client: RegisteredClient
    redirect_uri: str
    state: str | None
    nonce: str
    scopes: tuple[str, ...]
    code_challenge: str
    id_token_claims: tuple[str, ...]  # asked for in the ID token itself (the claims parameter)
    login_hint: str | None  # E.164, when the client passed a phone number

    def released_claims(self) -> tuple[str, ...]:
        """Every claim the scopes allow (what /userinfo answers)."""
        return tuple(c for scope in self.scopes for c in SCOPE_CLAIMS.get(scope, ()))


def client_and_redirect(
    query: Mapping[str, str], clients: Mapping[str, RegisteredClient]
) -> tuple[RegisteredClient, str]:
    """The registered client and its redirect URI, or NotRedirectableError."""
    client = clients.get(query.get("client_id", ""))
    if client is None:
        raise NotRedirectableError("unknown client_id")
    redirect_uri = query.get("redirect_uri", "")
    if redirect_uri not in client.redirect_uris:
        raise NotRedirectableError("redirect_uri is not registered for this client")
    return client, redirect_uri


def parse_authorization_request(
    query: Mapping[str, str], clients: Mapping[str, RegisteredClient]
) -> AuthorizationParameters:
    client, redirect_uri = client_and_redirect(query, clients)
    state = query.get("state")
    if state is not None and not 0 < len(state) <= MAX_STATE:
        raise AuthorizationRequestError("invalid_request", "state is empty or too long")
    if query.get("response_type") != "code":
        raise AuthorizationRequestError(
            "unsupported_response_type", "only the authorization code flow (code) is offered"
        )
    scopes = tuple(query.get("scope", "").split())
    if "openid" not in scopes:
        raise AuthorizationRequestError("invalid_scope", "the scope must contain openid")
    services = [s.removeprefix(SERVICE_PREFIX) for s in scopes if s.startswith(SERVICE_PREFIX)]
    if len(services) != 1 or services[0] not in client.service_codes:
        raise AuthorizationRequestError(
            "invalid_scope", "the scope must name one service:<code> registered for the client"
        )
    nonce = query.get("nonce", "")
    if not 0 < len(nonce) <= MAX_NONCE:
        raise AuthorizationRequestError("invalid_request", "a nonce is required")
    if query.get("code_challenge_method") != "S256" or not _CODE_CHALLENGE.fullmatch(
        query.get("code_challenge", "")
    ):
        raise AuthorizationRequestError(
            "invalid_request", "PKCE is required: code_challenge with code_challenge_method S256"
        )
    hint = query.get("login_hint", "").removeprefix("tel:")
    return AuthorizationParameters(
        client=client,
        redirect_uri=redirect_uri,
        state=state,
        nonce=nonce,
        scopes=scopes,
        code_challenge=query["code_challenge"],
        id_token_claims=_id_token_claims(query.get("claims")),
        login_hint=phone_or_none(hint) if hint else None,
    )


def _id_token_claims(raw: str | None) -> tuple[str, ...]:
    """The names under ``{"id_token": {...}}`` of the claims parameter (OIDC Core §5.5)."""
    if raw is None:
        return ()
    try:
        request = json.loads(raw)
    except ValueError:
        raise AuthorizationRequestError("invalid_request", "claims is not JSON") from None
    id_token = request.get("id_token", {}) if isinstance(request, dict) else None
    if not isinstance(id_token, dict):
        raise AuthorizationRequestError("invalid_request", "claims.id_token must be an object")
    return tuple(str(name) for name in id_token)
