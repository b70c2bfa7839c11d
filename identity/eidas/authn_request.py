"""The AuthnRequest the portal sends a node, with the eIDAS extensions: the service provider's
type (public), the natural person's attributes it requires, and the minimum level of assurance.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime

from saml2 import BINDING_HTTP_POST, element_to_extension_element, saml, samlp
from saml2.extension.requested_attributes import RequestedAttribute, RequestedAttributes
from saml2.extension.sp_type import SPType

from identity.assurance import LevelOfAssurance
from identity.eidas import vocabulary as v


def saml_instant(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def new_request_id() -> str:
    # An xs:ID must not start with a digit.
    return "_" + secrets.token_hex(20)


@dataclass(frozen=True, slots=True)
class AuthnRequestFields:
    request_id: str
    sp_entity_id: str
    acs_url: str
    destination: str
    level: LevelOfAssurance
    issued_at: datetime
    provider_name: str = "Mon Espace"


def _extensions() -> samlp.Extensions:
    requested = RequestedAttributes(
        requested_attribute=[
            RequestedAttribute(
                name=name,
                name_format=v.ATTRIBUTE_NAME_FORMAT,
                friendly_name=friendly,
                is_required="true",
            )
            for name, friendly in v.REQUIRED_ATTRIBUTES.items()
        ]
    )
    return samlp.Extensions(
        extension_elements=[
            element_to_extension_element(SPType(text=v.SP_TYPE_PUBLIC)),
            element_to_extension_element(requested),
        ]
    )


def authn_request_xml(fields: AuthnRequestFields) -> str:
    request = samlp.AuthnRequest(
        id=fields.request_id,
        version="2.0",
        issue_instant=saml_instant(fields.issued_at),
        destination=fields.destination,
        assertion_consumer_service_url=fields.acs_url,
        protocol_binding=BINDING_HTTP_POST,
        provider_name=fields.provider_name,
        force_authn="true",
        is_passive="false",
        issuer=saml.Issuer(text=fields.sp_entity_id, format=saml.NAMEID_FORMAT_ENTITY),
        extensions=_extensions(),
        name_id_policy=samlp.NameIDPolicy(format=v.PERSISTENT_NAME_ID, allow_create="true"),
        requested_authn_context=samlp.RequestedAuthnContext(
            comparison="minimum",
            authn_context_class_ref=[saml.AuthnContextClassRef(text=v.LOA_URIS[fields.level])],
        ),
    )
    return str(request)
