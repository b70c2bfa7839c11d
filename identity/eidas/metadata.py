"""SAML metadata: reading the node's (where to send requests, which key signs its answers) and
writing an entity's own (the portal's, which the node reads; the simulated node's, which the
portal reads). Built and parsed with pysaml2's schema classes, parsed through defusedxml."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from saml2 import BINDING_HTTP_POST, BINDING_HTTP_REDIRECT, md
from saml2 import xmldsig as ds
from saml2.saml import NAMEID_FORMAT_PERSISTENT

from identity.eidas import vocabulary as v
from identity.eidas.errors import EidasUnavailableError
from identity.eidas.saml_keys import SamlKeyPair

SAML_PROTOCOL = "urn:oasis:names:tc:SAML:2.0:protocol"


@dataclass(frozen=True, slots=True)
class NodeMetadata:
    """What the portal needs to know of the node: its name, its SSO address, its signing keys."""

    entity_id: str
    sso_url: str
    signing_certificates: tuple[str, ...]  # base64 DER, as in the metadata


@dataclass(frozen=True, slots=True)
class ServiceProviderMetadata:
    entity_id: str
    acs_url: str
    signing_certificates: tuple[str, ...]
    # Those the node encrypts assertions for; none: the node answers in clear.
    encryption_certificates: tuple[str, ...] = ()


def _certificates(descriptors: Sequence[md.KeyDescriptor], use: str = "signing") -> tuple[str, ...]:
    """The certificates of ``use``; a KeyDescriptor without one serves both (metadata §2.4.1.1)."""
    found: list[str] = []
    for descriptor in descriptors:
        if descriptor.use not in (None, use):
            continue
        for data in descriptor.key_info.x509_data if descriptor.key_info else []:
            if data.x509_certificate is not None and data.x509_certificate.text:
                found.append("".join(data.x509_certificate.text.split()))
    return tuple(found)


def _entity(xml: str | bytes) -> md.EntityDescriptor:
    try:
        entity = md.entity_descriptor_from_string(xml)
    except Exception as error:  # pysaml2 raises several kinds on bad XML; all mean unreadable
        raise EidasUnavailableError(f"unreadable metadata: {error}") from error
    if entity is None or not entity.entity_id:
        raise EidasUnavailableError("metadata without an EntityDescriptor")
    return entity


def parse_node_metadata(xml: str | bytes) -> NodeMetadata:
    entity = _entity(xml)
    for idp in entity.idpsso_descriptor or []:
        if SAML_PROTOCOL not in (idp.protocol_support_enumeration or ""):
            continue
        redirect = [s for s in idp.single_sign_on_service if s.binding == BINDING_HTTP_REDIRECT]
        certificates = _certificates(idp.key_descriptor)
        if redirect and certificates:
            return NodeMetadata(entity.entity_id, redirect[0].location, certificates)
    raise EidasUnavailableError("no SAML 2.0 IdP with a Redirect SSO service and a signing key")


def parse_service_provider_metadata(xml: str | bytes) -> ServiceProviderMetadata:
    entity = _entity(xml)
    for sp in entity.spsso_descriptor or []:
        posts = [a for a in sp.assertion_consumer_service if a.binding == BINDING_HTTP_POST]
        if posts:
            return ServiceProviderMetadata(
                entity.entity_id,
                posts[0].location,
                _certificates(sp.key_descriptor),
                _certificates(sp.key_descriptor, "encryption"),
            )
    raise EidasUnavailableError("no SAML 2.0 SP with an HTTP-POST assertion consumer service")


def _key_descriptor(
    keys: SamlKeyPair, use: str = "signing", methods: Sequence[str] = ()
) -> md.KeyDescriptor:
    return md.KeyDescriptor(
        use=use,
        key_info=ds.KeyInfo(
            x509_data=[
                ds.X509Data(x509_certificate=ds.X509Certificate(text=keys.certificate_base64()))
            ]
        ),
        encryption_method=[md.EncryptionMethod(algorithm=method) for method in methods],
    )


def service_provider_metadata(
    *, entity_id: str, acs_url: str, keys: SamlKeyPair, encryption_keys: SamlKeyPair | None = None
) -> str:
    """The portal's metadata: signed requests, signed assertions wanted, answers by HTTP-POST,
    assertions encrypted for ``encryption_keys`` (``keys`` when None) with the algorithms the
    portal accepts."""
    encryption = _key_descriptor(
        encryption_keys or keys,
        "encryption",
        (*v.AES_GCM, v.RSA_OAEP_MGF1P, v.RSA_OAEP),
    )
    descriptor = md.EntityDescriptor(
        entity_id=entity_id,
        spsso_descriptor=[
            md.SPSSODescriptor(
                protocol_support_enumeration=SAML_PROTOCOL,
                authn_requests_signed="true",
                want_assertions_signed="true",
                key_descriptor=[_key_descriptor(keys), encryption],
                name_id_format=[md.NameIDFormat(text=NAMEID_FORMAT_PERSISTENT)],
                assertion_consumer_service=[
                    md.AssertionConsumerService(
                        binding=BINDING_HTTP_POST, location=acs_url, index="0", is_default="true"
                    )
                ],
            )
        ],
    )
    return f'<?xml version="1.0" encoding="UTF-8"?>\n{descriptor}'


def node_metadata(*, entity_id: str, sso_url: str, keys: SamlKeyPair) -> str:
    """A node's metadata (the simulated one's): requests by HTTP-Redirect, signed ones wanted."""
    descriptor = md.EntityDescriptor(
        entity_id=entity_id,
        idpsso_descriptor=[
            md.IDPSSODescriptor(
                protocol_support_enumeration=SAML_PROTOCOL,
                want_authn_requests_signed="true",
                key_descriptor=[_key_descriptor(keys)],
                name_id_format=[md.NameIDFormat(text=NAMEID_FORMAT_PERSISTENT)],
                single_sign_on_service=[
                    md.SingleSignOnService(binding=BINDING_HTTP_REDIRECT, location=sso_url)
                ],
            )
        ],
    )
    return f'<?xml version="1.0" encoding="UTF-8"?>\n{descriptor}'
