"""The portal as a SAML service provider at an eIDAS node: the node's metadata (fetched over
HTTP, kept a while), the signed AuthnRequest sent by HTTP-Redirect, and the checks of the
answer. The node is configured by its metadata URL: the simulator's in the demo, a national
node's in a deployment."""

from __future__ import annotations

import threading
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from urllib.error import URLError
from urllib.parse import quote

from identity.assurance import LevelOfAssurance
from identity.eidas.authn_request import AuthnRequestFields, authn_request_xml
from identity.eidas.errors import EidasUnavailableError, EidasUnknownCountryError
from identity.eidas.european_identity import AssertionLedger, EuropeanIdentity, ExpectedResponse
from identity.eidas.metadata import NodeMetadata, parse_node_metadata
from identity.eidas.redirect_binding import signed_query
from identity.eidas.response_validation import SKEW, validate_response
from identity.eidas.saml_keys import SamlKeyPair

MAX_METADATA_BYTES = 1024 * 1024
# The node's query parameter naming the person's country, beside the signed message: a hint
# for its country selection, as national connectors take it.
COUNTRY_PARAMETER = "country"

Fetch = Callable[[str, float], bytes]


def http_get(url: str, timeout: float) -> bytes:
    if not url.startswith(("http://", "https://")):
        raise EidasUnavailableError(f"not an http(s) URL: {url}")
    try:
        with urllib.request.urlopen(url, timeout=timeout) as answer:  # noqa: S310 - checked above
            body: bytes = answer.read(MAX_METADATA_BYTES + 1)
    except (URLError, OSError, ValueError) as error:
        raise EidasUnavailableError(f"{url}: {error}") from error
    if len(body) > MAX_METADATA_BYTES:
        raise EidasUnavailableError(f"{url}: metadata over {MAX_METADATA_BYTES} bytes")
    return body


@dataclass(frozen=True, slots=True)
class EidasConfig:
    metadata_url: str
    sp_entity_id: str
    acs_url: str
    keys: SamlKeyPair
    countries: tuple[str, ...]
    xmlsec_binary: str
    # The pair the node encrypts assertions for (published in the metadata); None: ``keys``.
    encryption_keys: SamlKeyPair | None = None
    require_encrypted_assertions: bool = True  # as eIDAS requires; a plain one is refused
    timeout: float = 10.0
    metadata_lifetime: timedelta = timedelta(hours=1)
    skew: timedelta = SKEW


class EidasServiceProvider:
    def __init__(self, config: EidasConfig, *, fetch: Fetch = http_get) -> None:
        self.config = config
        self._fetch = fetch
        self._lock = threading.Lock()
        self._node: NodeMetadata | None = None
        self._fetched_at: datetime | None = None

    def node(self, *, now: datetime) -> NodeMetadata:
        """The node's metadata, fetched again once ``metadata_lifetime`` has passed."""
        with self._lock:
            fresh = self._fetched_at is not None and now - self._fetched_at < (
                self.config.metadata_lifetime
            )
            if self._node is None or not fresh:
                body = self._fetch(self.config.metadata_url, self.config.timeout)
                self._node, self._fetched_at = parse_node_metadata(body), now
            return self._node

    def authn_request_url(
        self,
        *,
        request_id: str,
        level: LevelOfAssurance,
        relay_state: str,
        country: str,
        now: datetime,
    ) -> str:
        """Where to send the browser: the node's SSO address with the signed request."""
        if country not in self.config.countries:
            raise EidasUnknownCountryError(country)
        node = self.node(now=now)
        xml = authn_request_xml(
            AuthnRequestFields(
                request_id=request_id,
                sp_entity_id=self.config.sp_entity_id,
                acs_url=self.config.acs_url,
                destination=node.sso_url,
                level=level,
                issued_at=now,
            )
        )
        query = signed_query(
            xml, relay_state=relay_state, key_pem=self.config.keys.key_file.read_bytes()
        )
        glue = "&" if "?" in node.sso_url else "?"
        return f"{node.sso_url}{glue}{query}&{COUNTRY_PARAMETER}={quote(country)}"

    def validate(
        self,
        saml_response: str,
        *,
        request_id: str,
        level: LevelOfAssurance,
        ledger: AssertionLedger,
        now: datetime,
    ) -> EuropeanIdentity:
        return validate_response(
            saml_response,
            expected=ExpectedResponse(
                request_id=request_id,
                level=level,
                sp_entity_id=self.config.sp_entity_id,
                acs_url=self.config.acs_url,
            ),
            node=self.node(now=now),
            ledger=ledger,
            now=now,
            xmlsec_binary=self.config.xmlsec_binary,
            encryption_keys=self.config.encryption_keys or self.config.keys,
            require_encrypted=self.config.require_encrypted_assertions,
            skew=self.config.skew,
        )
