"""The authorization request the browser carries to itsme, and what the portal keeps of it.

``state`` ties the answer to this login, ``nonce`` ties the ID token to it, and the PKCE
``code_verifier`` (S256) makes a stolen code useless to anyone else. All three stay on the
server (the page's backend-only state): only the state, the nonce and the verifier's hash
travel in the URL.
"""

from __future__ import annotations

import json
import secrets
from dataclasses import asdict, dataclass
from datetime import datetime

from authlib.oauth2.rfc6749.parameters import prepare_grant_uri
from authlib.oauth2.rfc7636 import create_s256_code_challenge

from identity.itsme.claims import ID_TOKEN_CLAIMS

SCOPES = ("openid", "profile", "eid")


@dataclass(frozen=True, slots=True)
class PendingAuthorization:
    state: str
    nonce: str
    code_verifier: str
    redirect_uri: str
    started_at: datetime

    def to_dict(self) -> dict[str, str]:
        """Plain strings, for a store that keeps only those (the page's state)."""
        values = asdict(self)
        values["started_at"] = self.started_at.isoformat()
        return values

    @classmethod
    def from_dict(cls, values: dict[str, str]) -> PendingAuthorization | None:
        """The pending authorization kept by ``to_dict``; None when there is none to read."""
        try:
            return cls(
                state=values["state"],
                nonce=values["nonce"],
                code_verifier=values["code_verifier"],
                redirect_uri=values["redirect_uri"],
                started_at=datetime.fromisoformat(values["started_at"]),
            )
        except (KeyError, TypeError, ValueError):
            return None


def new_pending(redirect_uri: str, now: datetime) -> PendingAuthorization:
    return PendingAuthorization(
        state=secrets.token_urlsafe(32),
        nonce=secrets.token_urlsafe(32),
        # 86 characters of the unreserved set: within RFC 7636's 43-128.
        code_verifier=secrets.token_urlsafe(64),
        redirect_uri=redirect_uri,
        started_at=now,
    )


def authorization_url(
    authorization_endpoint: str,
    pending: PendingAuthorization,
    *,
    client_id: str,
    service_code: str,
    phone: str | None,
    language: str,
) -> str:
    """The URL that opens itsme's identification page for this login."""
    extra = {
        "nonce": pending.nonce,
        "code_challenge": create_s256_code_challenge(pending.code_verifier),
        "code_challenge_method": "S256",
        # The identity in the signed ID token itself, as itsme recommends (no /userinfo call).
        "claims": json.dumps(
            {"id_token": {name: {"essential": True} for name in ID_TOKEN_CLAIMS}},
            separators=(",", ":"),
        ),
        "ui_locales": language,
    }
    if phone:
        extra["login_hint"] = phone
    url: str = prepare_grant_uri(
        authorization_endpoint,
        client_id=client_id,
        response_type="code",
        redirect_uri=pending.redirect_uri,
        scope=[*SCOPES[:1], f"service:{service_code}", *SCOPES[1:]],
        state=pending.state,
        **extra,
    )
    return url
