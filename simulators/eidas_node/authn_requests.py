"""The node's side of an AuthnRequest: read from the HTTP-Redirect query, its signature checked
with the key of the service provider's metadata, its ACS address the one that metadata names.

Service providers are registered by entity id (the URL of their metadata, as eIDAS connectors
name themselves); the node fetches their metadata when it first needs it."""

from __future__ import annotations

import threading
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass

from saml2 import samlp

from identity.assurance import LevelOfAssurance
from identity.eidas import vocabulary as v
from identity.eidas.metadata import ServiceProviderMetadata, parse_service_provider_metadata
from identity.eidas.redirect_binding import inflate, verify_query
from identity.eidas.saml_keys import pem_certificate


class RequestRefusedError(Exception):
    """The request cannot be answered at all (unreadable, unknown or unsigned sender): the node
    shows an error page rather than sending anything to an address it cannot trust."""


@dataclass(frozen=True, slots=True)
class ReceivedRequest:
    request_id: str
    sp_entity_id: str
    acs_url: str
    level: LevelOfAssurance
    relay_state: str
    provider_name: str
    # The provider's encryption certificate of its metadata (base64 DER): the assertion is
    # encrypted for it, as eIDAS nodes do; None (metadata without one): sent in clear.
    encryption_certificate: str | None = None


def fetch_metadata(url: str) -> bytes:
    with urllib.request.urlopen(url, timeout=10) as answer:  # noqa: S310 - a configured URL
        body: bytes = answer.read(1024 * 1024)
    return body


class ServiceProviders:
    """The service providers this node answers, their metadata fetched once, on demand."""

    def __init__(
        self,
        metadata_urls: tuple[str, ...] = (),
        *,
        inline: tuple[str, ...] = (),
        fetch: Callable[[str], bytes] = fetch_metadata,
    ) -> None:
        self._urls = set(metadata_urls)
        self._fetch = fetch
        self._known: dict[str, ServiceProviderMetadata] = {}
        self._lock = threading.Lock()
        for xml in inline:
            metadata = parse_service_provider_metadata(xml)
            self._known[metadata.entity_id] = metadata

    def get(self, entity_id: str, *, refresh: bool = False) -> ServiceProviderMetadata:
        with self._lock:
            if entity_id in self._known and not refresh:
                return self._known[entity_id]
            if entity_id not in self._urls:
                if entity_id in self._known:
                    return self._known[entity_id]
                raise RequestRefusedError(f"unknown service provider {entity_id!r}")
            try:
                metadata = parse_service_provider_metadata(self._fetch(entity_id))
            except Exception as error:  # unreachable or unreadable: the same for the person
                raise RequestRefusedError(f"no metadata at {entity_id}: {error}") from error
            self._known[entity_id] = metadata
            return metadata


def _level(request: samlp.AuthnRequest) -> LevelOfAssurance:
    context = request.requested_authn_context
    refs = context.authn_context_class_ref if context is not None else []
    levels = [v.LEVELS_BY_URI.get((r.text or "").strip()) for r in refs or []]
    known = [level for level in levels if level is not None]
    if not known:
        raise RequestRefusedError("no eIDAS level of assurance asked")
    return min(known)


def read_request(query: dict[str, str], providers: ServiceProviders) -> ReceivedRequest:
    try:
        xml = inflate(query.get("SAMLRequest", ""))
        request = samlp.authn_request_from_string(xml)
    except Exception as error:  # any unreadable request is refused alike
        raise RequestRefusedError(f"unreadable request: {error}") from error
    if request is None or request.issuer is None or not request.issuer.text or not request.id:
        raise RequestRefusedError("not an AuthnRequest with an issuer")
    entity_id = request.issuer.text.strip()
    provider = providers.get(entity_id)
    certificates = [pem_certificate(c).encode("ascii") for c in provider.signing_certificates]
    if not verify_query(query, certificates_pem=certificates):
        # The provider may have a new key since its metadata was read.
        provider = providers.get(entity_id, refresh=True)
        certificates = [pem_certificate(c).encode("ascii") for c in provider.signing_certificates]
        if not verify_query(query, certificates_pem=certificates):
            raise RequestRefusedError("the request is not signed by the service provider")
    acs = request.assertion_consumer_service_url or provider.acs_url
    if acs != provider.acs_url:
        raise RequestRefusedError(f"return address {acs!r} is not the provider's")
    return ReceivedRequest(
        request_id=request.id,
        sp_entity_id=entity_id,
        acs_url=acs,
        level=_level(request),
        relay_state=query.get("RelayState", ""),
        provider_name=request.provider_name or entity_id,
        encryption_certificate=next(iter(provider.encryption_certificates), None),
    )
