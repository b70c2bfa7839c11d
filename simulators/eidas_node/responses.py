"""The node's SAML responses: a signed assertion of a citizen's identity, or a failure status.

Built with pysaml2's schema classes and signed by xmlsec1 with the node's key (enveloped
signatures, RSA-SHA256), the assertion and the response each signed, as eIDAS nodes do; the
signed assertion is then encrypted by xmlsec1 for the service provider's encryption certificate
of its metadata (AES-256-GCM, the key wrapped with RSA-OAEP), before the response is signed.
Every part is a parameter so that the portal's tests can make the answers a wrong node, a stale
answer or a forged one would be (another key, no signature, another audience, in clear...)."""

from __future__ import annotations

import base64
import secrets
import tempfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path

from saml2 import saml, samlp
from saml2.sigver import (
    CryptoBackendXmlSec1,
    SecurityContext,
    pre_encrypt_assertion,
    pre_encryption_part,
    pre_signature_part,
)

from identity.assurance import LevelOfAssurance
from identity.eidas import vocabulary as v
from identity.eidas.authn_request import saml_instant
from identity.eidas.saml_keys import SamlKeyPair, pem_certificate
from simulators.eidas_node.citizens import Citizen

ASSERTION_LIFETIME = timedelta(minutes=5)
XMLSEC = "/usr/bin/xmlsec1"
# xmlsec1's session key for each content encryption; CBC only to show that the portal refuses it.
SESSION_KEYS = {
    **{algorithm: f"aes-{size * 8}" for algorithm, size in v.AES_GCM.items()},
    v.XMLENC + "aes128-cbc": "aes-128",
    v.XMLENC + "aes256-cbc": "aes-256",
}


def new_id() -> str:
    return "_" + secrets.token_hex(20)


@dataclass(frozen=True, slots=True)
class Answer:
    """Where the answer goes and what it answers."""

    issuer: str  # the node's entity id
    destination: str  # the service provider's ACS URL
    audience: str  # the service provider's entity id
    in_response_to: str
    # The service provider's encryption certificate (base64 DER, from its metadata): the
    # assertion is encrypted for it; None sends it in clear.
    encrypt_for: str | None = None


@dataclass(frozen=True, slots=True)
class AssertionShape:
    """How the assertion is made; the defaults are what a correct node sends."""

    level: LevelOfAssurance | None = None  # the citizen's own when None
    issued_at: datetime | None = None  # now when None
    lifetime: timedelta = ASSERTION_LIFETIME
    omit: frozenset[str] = field(default_factory=frozenset)  # attribute names left out
    sign_assertion: bool = True
    sign_response: bool = True
    assertion_id: str | None = None
    content_encryption: str = v.AES256_GCM
    # Changes the document once the assertion is signed, before it is encrypted (forgeries).
    tamper: Callable[[str], str] | None = None


def _attribute(name: str, value: str) -> saml.Attribute:
    return saml.Attribute(
        name=name,
        name_format=v.ATTRIBUTE_NAME_FORMAT,
        friendly_name=v.REQUIRED_ATTRIBUTES[name],
        attribute_value=[saml.AttributeValue(text=value)],
    )


def _attributes(citizen: Citizen, omit: Iterable[str]) -> list[saml.Attribute]:
    values = {
        v.PERSON_IDENTIFIER: citizen.person_identifier,
        v.FAMILY_NAME: citizen.family_name,
        v.GIVEN_NAME: citizen.given_name,
        v.DATE_OF_BIRTH: citizen.birth_date.isoformat(),
    }
    left_out = set(omit)
    return [_attribute(name, value) for name, value in values.items() if name not in left_out]


def _issuer(entity_id: str) -> saml.Issuer:
    return saml.Issuer(text=entity_id, format=saml.NAMEID_FORMAT_ENTITY)


def _signature(element_id: str, keys: SamlKeyPair) -> object:
    return pre_signature_part(
        ident=element_id,
        public_key=keys.certificate_base64(),
        sign_alg=v.SIGNATURE_ALGORITHM,
        digest_alg=v.DIGEST_ALGORITHM,
    )


def _security(keys: SamlKeyPair) -> SecurityContext:
    return SecurityContext(
        CryptoBackendXmlSec1(XMLSEC), key_file=str(keys.key_file), cert_file=str(keys.cert_file)
    )


def success_response(
    citizen: Citizen,
    answer: Answer,
    *,
    keys: SamlKeyPair | None,
    now: datetime,
    shape: AssertionShape = AssertionShape(),
) -> str:
    """The response's XML; ``keys`` None (or the shape's flags off) leaves it unsigned."""
    issued = shape.issued_at or now
    until = saml_instant(issued + shape.lifetime)
    level = shape.level or citizen.level
    assertion_id = shape.assertion_id or new_id()
    assertion = saml.Assertion(
        id=assertion_id,
        version="2.0",
        issue_instant=saml_instant(issued),
        issuer=_issuer(answer.issuer),
        subject=saml.Subject(
            name_id=saml.NameID(format=v.PERSISTENT_NAME_ID, text=citizen.person_identifier),
            subject_confirmation=[
                saml.SubjectConfirmation(
                    method=saml.SCM_BEARER,
                    subject_confirmation_data=saml.SubjectConfirmationData(
                        in_response_to=answer.in_response_to,
                        not_on_or_after=until,
                        recipient=answer.destination,
                    ),
                )
            ],
        ),
        conditions=saml.Conditions(
            not_before=saml_instant(issued),
            not_on_or_after=until,
            audience_restriction=[
                saml.AudienceRestriction(audience=[saml.Audience(text=answer.audience)])
            ],
        ),
        authn_statement=[
            saml.AuthnStatement(
                authn_instant=saml_instant(issued),
                authn_context=saml.AuthnContext(
                    authn_context_class_ref=saml.AuthnContextClassRef(text=v.LOA_URIS[level])
                ),
            )
        ],
        attribute_statement=[saml.AttributeStatement(attribute=_attributes(citizen, shape.omit))],
    )
    response = _response(answer, now=issued, status=samlp.StatusCode(value=v.STATUS_SUCCESS))
    response.assertion = [assertion]
    sign_assertion = keys is not None and shape.sign_assertion
    sign_response = keys is not None and shape.sign_response
    if keys is not None and sign_assertion:
        assertion.signature = _signature(assertion_id, keys)
    if keys is not None and sign_response:
        response.signature = _signature(response.id, keys)
    if answer.encrypt_for:
        pre_encrypt_assertion(response)  # the assertion inside an EncryptedAssertion, for now
    document = str(response)
    if keys is not None and sign_assertion:
        document = _security(keys).sign_statement(
            document, node_name=saml.NAMESPACE + ":Assertion", node_id=assertion_id
        )
    if shape.tamper is not None:
        document = shape.tamper(document)
    if answer.encrypt_for:
        # The signature is inside what is encrypted; the response's covers the ciphertext.
        document = encrypted(document, answer.encrypt_for, shape.content_encryption)
    if keys is not None and sign_response:
        document = _security(keys).sign_statement(
            document, node_name=samlp.NAMESPACE + ":Response", node_id=response.id
        )
    return str(document)


def encrypted(document: str, certificate: str, algorithm: str = v.AES256_GCM) -> str:
    """``document`` with its ``EncryptedAssertion``'s assertion encrypted for ``certificate``
    (base64 DER): a new AES key of ``algorithm``, wrapped with RSA-OAEP (xmlsec1)."""
    template = pre_encryption_part(
        msg_enc=algorithm, key_enc=v.RSA_OAEP_MGF1P, encrypt_cert=certificate
    )
    with tempfile.TemporaryDirectory(prefix="eidas-node-") as folder:
        certificate_file = Path(folder) / "recipient.pem"
        certificate_file.write_text(pem_certificate(certificate), encoding="ascii")
        result: str = CryptoBackendXmlSec1(XMLSEC).encrypt_assertion(
            document, str(certificate_file), str(template), key_type=SESSION_KEYS[algorithm]
        )
    return result


def _response(answer: Answer, *, now: datetime, status: samlp.StatusCode) -> samlp.Response:
    return samlp.Response(
        id=new_id(),
        version="2.0",
        issue_instant=saml_instant(now),
        destination=answer.destination,
        in_response_to=answer.in_response_to,
        issuer=_issuer(answer.issuer),
        status=samlp.Status(status_code=status),
    )


def failure_response(
    answer: Answer, *, top: str, detail: str, message: str, keys: SamlKeyPair | None, now: datetime
) -> str:
    """A failure status (no assertion), signed as the node signs every response."""
    response = _response(
        answer,
        now=now,
        status=samlp.StatusCode(value=top, status_code=samlp.StatusCode(value=detail)),
    )
    response.status.status_message = samlp.StatusMessage(text=message)
    if keys is None:
        return str(response)
    response.signature = _signature(response.id, keys)
    signed = _security(keys).sign_statement(
        str(response), node_name=samlp.NAMESPACE + ":Response", node_id=response.id
    )
    return str(signed)


def encoded(document: str) -> str:
    """The HTTP-POST binding's ``SAMLResponse`` value."""
    return base64.b64encode(document.encode("utf-8")).decode("ascii")
