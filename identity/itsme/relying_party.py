"""The portal as an OpenID Connect relying party of itsme (authorization code flow).

``begin`` gives the URL of itsme's identification page and the ``PendingAuthorization`` the page
keeps on the server. itsme sends the browser back to the redirect URI; ``finish`` then checks the
answer against that pending authorization, in this order, stopping at the first fault:

1. the login is recent (``MAX_LOGIN_TIME``), else ``ItsmeExpiredError``;
2. ``state`` is this login's, else ``ItsmeStateMismatchError`` (nothing is sent to itsme);
3. ``iss``, when itsme announces it (RFC 9207), is the configured issuer;
4. an ``error`` is the person's answer: ``access_denied`` refused on the phone, ``cancelled``,
   ``expired``; anything else means itsme could not serve the login;
5. the code is exchanged at the token endpoint, authenticated with ``private_key_jwt`` and
   proven with the PKCE verifier (itsme refuses a reused, expired or foreign code);
6. the ID token is validated (``id_token.py``) and its claims give the person (``claims.py``).
"""

from __future__ import annotations

import hmac
import logging
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Protocol

from joserfc.jwk import KeySet

from identity.itsme.authorization import PendingAuthorization, authorization_url, new_pending
from identity.itsme.claims import ItsmeIdentity, identity_from_claims
from identity.itsme.client_key import ClientKey
from identity.itsme.errors import (
    ItsmeCancelledError,
    ItsmeExpiredError,
    ItsmeInvalidTokenError,
    ItsmeRefusedError,
    ItsmeStateMismatchError,
    ItsmeUnavailableError,
)
from identity.itsme.http_json import post_form
from identity.itsme.id_token import validate_id_token
from identity.itsme.provider_metadata import ProviderDirectory

logger = logging.getLogger(__name__)

# From "envoyer" to the return page: itsme's page waits for a number, then 2 minutes for the
# phone; a return later than this is refused whatever it carries.
MAX_LOGIN_TIME = timedelta(minutes=15)
ASSERTION_TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer"
ANSWER_ERRORS: dict[str, type[Exception]] = {
    "access_denied": ItsmeRefusedError,
    "cancelled": ItsmeCancelledError,
    "expired": ItsmeExpiredError,
}


@dataclass(frozen=True, slots=True)
class ItsmeConfig:
    issuer: str
    client_id: str
    service_code: str
    redirect_uri: str
    client_key: ClientKey
    timeout: float = 10.0


class ItsmeClient(Protocol):
    """What the login needs of the relying party (a fake stands in for the portal's tests)."""

    def begin(
        self, *, phone: str | None, language: str, now: datetime
    ) -> tuple[str, PendingAuthorization]: ...

    def finish(
        self, pending: PendingAuthorization, answer: Mapping[str, str], *, now: datetime
    ) -> ItsmeIdentity: ...


class ItsmeRelyingParty:
    def __init__(self, config: ItsmeConfig) -> None:
        self.config = config
        self.provider = ProviderDirectory(config.issuer, timeout=config.timeout)

    def begin(
        self, *, phone: str | None, language: str, now: datetime
    ) -> tuple[str, PendingAuthorization]:
        """The URL of itsme's page for this login, and what to keep of it (server-side).
        ``phone`` (E.164) is passed as ``login_hint``: itsme's page shows it to confirm."""
        metadata = self.provider.metadata(now)
        pending = new_pending(self.config.redirect_uri, now)
        url = authorization_url(
            metadata.authorization_endpoint,
            pending,
            client_id=self.config.client_id,
            service_code=self.config.service_code,
            phone=phone,
            language=language,
        )
        return url, pending

    def finish(
        self, pending: PendingAuthorization, answer: Mapping[str, str], *, now: datetime
    ) -> ItsmeIdentity:
        if now - pending.started_at > MAX_LOGIN_TIME:
            raise ItsmeExpiredError("the itsme login took too long")
        state = answer.get("state", "")
        if not state or not hmac.compare_digest(state.encode(), pending.state.encode()):
            raise ItsmeStateMismatchError("the answer's state is not this login's")
        metadata = self.provider.metadata(now)
        if metadata.iss_in_response and answer.get("iss") != metadata.issuer:
            raise ItsmeInvalidTokenError(f"the answer comes from issuer {answer.get('iss')!r}")
        error = answer.get("error")
        if error is not None:
            raise ANSWER_ERRORS.get(error, ItsmeUnavailableError)(
                f"itsme answered {error}: {answer.get('error_description', '')}"
            )
        code = answer.get("code", "")
        if not code:
            raise ItsmeInvalidTokenError("the answer has neither a code nor an error")
        id_token = self._exchange(code, pending, metadata.token_endpoint, now)
        claims = validate_id_token(
            id_token,
            keys=lambda kid: self._keys(now, kid),
            algorithms=metadata.id_token_algorithms,
            issuer=metadata.issuer,
            client_id=self.config.client_id,
            nonce=pending.nonce,
            now=now,
        )
        found = identity_from_claims(claims)
        logger.info("itsme login of sub %s (iat %s)", found.subject, claims.get("iat"))
        return found

    def _exchange(
        self, code: str, pending: PendingAuthorization, token_endpoint: str, now: datetime
    ) -> str:
        form = {
            "grant_type": "authorization_code",
            "code": code,
            "redirect_uri": pending.redirect_uri,
            "code_verifier": pending.code_verifier,
            "client_id": self.config.client_id,
            "client_assertion_type": ASSERTION_TYPE,
            "client_assertion": self.config.client_key.assertion(
                client_id=self.config.client_id, token_endpoint=token_endpoint, now=now
            ),
        }
        status, answer = post_form(token_endpoint, form, timeout=self.config.timeout)
        if status == 400 and isinstance(answer, dict) and answer.get("error") == "invalid_grant":
            # A reused, expired or foreign code, or a wrong verifier: the answer is not ours.
            raise ItsmeInvalidTokenError(f"code refused: {answer.get('error_description')}")
        if status != 200 or not isinstance(answer, dict):
            raise ItsmeUnavailableError(f"itsme's token endpoint answered HTTP {status}: {answer}")
        id_token = answer.get("id_token")
        if not isinstance(id_token, str) or answer.get("token_type", "").lower() != "bearer":
            raise ItsmeInvalidTokenError("the token answer has no ID token")
        return id_token

    def _keys(self, now: datetime, kid: str | None) -> KeySet:
        return self.provider.keys(now, kid=kid)
