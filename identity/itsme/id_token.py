"""The ID token checked as OpenID Connect Core §3.1.3.7 asks, before anything in it is believed.

1. a JWS signed by one of the provider's keys (its JWKS, by ``kid``), with an algorithm the portal
   accepts and the provider announced (never ``none``, never HMAC);
2. ``iss`` the configured issuer, ``aud`` this client (and ``azp`` when there are several);
3. ``exp`` not passed, ``iat`` neither in the future nor too old;
4. ``nonce`` the one this login sent.

Each failure is ``ItsmeInvalidTokenError`` with the reason (for the log; the person reads one
text).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

from authlib.oidc.core import CodeIDToken
from joserfc import jwt
from joserfc.errors import JoseError
from joserfc.jwk import KeySet
from joserfc.jws import extract_compact

from identity.itsme.errors import ItsmeInvalidTokenError

# Clocks differ a little between the portal and the provider.
LEEWAY = timedelta(seconds=60)
# An ID token is used at once: one issued longer ago than this is stale (itsme's live 5 min).
MAX_AGE = timedelta(minutes=10)


def token_kid(id_token: str) -> str | None:
    """The ``kid`` of the token's header (to pick the key), None when absent or unreadable."""
    try:
        kid = extract_compact(id_token.encode("ascii")).protected.get("kid")
    except (JoseError, ValueError, UnicodeError):
        return None
    return kid if isinstance(kid, str) else None


def validate_id_token(
    id_token: str,
    *,
    keys: Callable[[str | None], KeySet],
    algorithms: tuple[str, ...],
    issuer: str,
    client_id: str,
    nonce: str,
    now: datetime,
) -> dict[str, Any]:
    """The claims of a valid ID token; ItsmeInvalidTokenError otherwise. ``keys(kid)`` gives the
    provider's keys (fetched again for a kid it does not hold yet)."""
    kid = token_kid(id_token)
    if kid is None:
        raise ItsmeInvalidTokenError("the ID token is not a JWS with a kid")
    try:
        token = jwt.decode(id_token, keys(kid), algorithms=list(algorithms))
    except JoseError as error:
        raise ItsmeInvalidTokenError(f"ID token signature refused: {error}") from None
    claims = dict(token.claims)
    checked = CodeIDToken(
        claims,
        token.header,
        options={
            "iss": {"essential": True, "value": issuer},
            "aud": {"essential": True, "value": client_id},
            "sub": {"essential": True},
            "exp": {"essential": True},
            "iat": {"essential": True},
            "nonce": {"essential": True},
        },
        params={"nonce": nonce, "client_id": client_id},
    )
    try:
        checked.validate(now=int(now.timestamp()), leeway=int(LEEWAY.total_seconds()))
    except JoseError as error:
        raise ItsmeInvalidTokenError(f"ID token claims refused: {error}") from None
    issued = claims["iat"]
    if now.timestamp() - issued > (MAX_AGE + LEEWAY).total_seconds():
        raise ItsmeInvalidTokenError(f"ID token issued too long ago (iat {issued})")
    return claims
