"""What the portal learns of the provider from its discovery document (OpenID Connect Discovery
1.0) and its signing keys (JWKS), each kept for a while.

The document must name the issuer the portal is configured with, character for character (§4.3),
and offer what the portal relies on: the code flow, PKCE S256, ``private_key_jwt``.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from joserfc.errors import JoseError
from joserfc.jwk import KeySet

from identity.itsme.errors import ItsmeUnavailableError
from identity.itsme.http_json import check_url, get_json

DISCOVERY_PATH = "/.well-known/openid-configuration"
# What the portal accepts for ID tokens, whatever the provider offers: never "none" nor a
# shared-secret HMAC.
ACCEPTED_ALGORITHMS = ("RS256", "ES256")
KEEP_METADATA = timedelta(hours=1)
KEEP_KEYS = timedelta(hours=1)
# An unknown kid fetches the JWKS again, at most this often (a key rotation, not a flood).
REFETCH_KEYS_AFTER = timedelta(seconds=30)


@dataclass(frozen=True, slots=True)
class ProviderMetadata:
    issuer: str
    authorization_endpoint: str
    token_endpoint: str
    jwks_uri: str
    id_token_algorithms: tuple[str, ...]
    iss_in_response: bool  # RFC 9207: the redirect carries iss (a mix-up defence)


def parse_metadata(issuer: str, document: Any) -> ProviderMetadata:
    if not isinstance(document, dict):
        raise ItsmeUnavailableError("itsme's discovery document is not a JSON object")
    if document.get("issuer") != issuer:
        raise ItsmeUnavailableError(
            f"itsme's discovery names issuer {document.get('issuer')!r}, not {issuer!r}"
        )
    try:
        endpoints = {
            name: check_url(str(document[name]))
            for name in ("authorization_endpoint", "token_endpoint", "jwks_uri")
        }
    except KeyError as missing:
        raise ItsmeUnavailableError(f"itsme's discovery lacks {missing}") from None
    offered = document.get("id_token_signing_alg_values_supported", ["RS256"])
    algorithms = tuple(a for a in ACCEPTED_ALGORITHMS if isinstance(offered, list) and a in offered)
    if not algorithms:
        raise ItsmeUnavailableError(f"itsme signs ID tokens with {offered!r} only")
    if "S256" not in document.get("code_challenge_methods_supported", []):
        raise ItsmeUnavailableError("itsme does not offer PKCE with S256")
    if "private_key_jwt" not in document.get("token_endpoint_auth_methods_supported", []):
        raise ItsmeUnavailableError("itsme does not offer private_key_jwt")
    return ProviderMetadata(
        issuer=issuer,
        id_token_algorithms=algorithms,
        iss_in_response=document.get("authorization_response_iss_parameter_supported") is True,
        **endpoints,
    )


class ProviderDirectory:
    """The provider's metadata and keys, fetched when missing or old."""

    def __init__(self, issuer: str, *, timeout: float) -> None:
        self.issuer = issuer.rstrip("/")
        self.timeout = timeout
        self._lock = threading.Lock()
        self._metadata: tuple[ProviderMetadata, datetime] | None = None
        self._keys: tuple[KeySet, datetime] | None = None

    def metadata(self, now: datetime) -> ProviderMetadata:
        with self._lock:
            cached = self._metadata
        if cached is not None and now - cached[1] < KEEP_METADATA:
            return cached[0]
        status, document = get_json(self.issuer + DISCOVERY_PATH, timeout=self.timeout)
        if status != 200:
            raise ItsmeUnavailableError(f"itsme's discovery answered HTTP {status}")
        metadata = parse_metadata(self.issuer, document)
        with self._lock:
            self._metadata = (metadata, now)
        return metadata

    def keys(self, now: datetime, *, kid: str | None = None) -> KeySet:
        """The provider's signing keys; fetched again when old, or when ``kid`` is not among them
        (a new key), at most every ``REFETCH_KEYS_AFTER``."""
        with self._lock:
            cached = self._keys
        if cached is not None:
            key_set, fetched = cached
            known = kid is None or any(k.kid == kid for k in key_set.keys)
            fresh = now - fetched < KEEP_KEYS
            if fresh and (known or now - fetched < REFETCH_KEYS_AFTER):
                return key_set
        status, document = get_json(self.metadata(now).jwks_uri, timeout=self.timeout)
        if status != 200 or not isinstance(document, dict):
            raise ItsmeUnavailableError(f"itsme's JWKS answered HTTP {status}")
        try:
            key_set = KeySet.import_key_set(document)  # type: ignore[arg-type]
        except (JoseError, ValueError, TypeError, KeyError) as error:
            raise ItsmeUnavailableError(f"unreadable itsme JWKS: {error}") from None
        with self._lock:
            self._keys = (key_set, now)
        return key_set
