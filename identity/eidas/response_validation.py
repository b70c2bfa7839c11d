"""Checks of a node's SAML response, one small function per rule, each raising its own error
(``identity.eidas.errors``), like the eID token's validation. Nothing of a response that fails
one is used; the assertion is spent (replay) only once every other check has passed. An
encrypted assertion (as eIDAS nodes send them) is decrypted, then checked like a plain one.

The clock is a parameter; ``SKEW`` allows for the node's clock being a little off ours.
"""

from __future__ import annotations

import base64
import binascii
import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from xml.etree.ElementTree import Element

import defusedxml.ElementTree
from saml2 import saml, samlp

from identity.assurance import LevelOfAssurance
from identity.eidas import errors as e
from identity.eidas import vocabulary as v
from identity.eidas.assertion_decryption import decrypt_assertion
from identity.eidas.european_identity import AssertionLedger, EuropeanIdentity, ExpectedResponse
from identity.eidas.metadata import NodeMetadata
from identity.eidas.saml_keys import SamlKeyPair
from identity.eidas.signature_check import check_signed

SKEW = timedelta(seconds=60)
MAX_RESPONSE_BYTES = 256 * 1024
ASSERTION_TAG = f"{{{saml.NAMESPACE}}}Assertion"
ENCRYPTED_ASSERTION_TAG = f"{{{saml.NAMESPACE}}}EncryptedAssertion"
# ``DE/BE/…``: two country codes, then the identifier (eIDAS attribute profile §2.2.3).
PERSON_IDENTIFIER = re.compile(r"[A-Z]{2}/[A-Z]{2}/[\x21-\x7e]{1,256}")
MAX_NAME = 200


@dataclass(frozen=True, slots=True)
class ReadResponse:
    document: str
    root: Element
    response: samlp.Response


def read_response(encoded: str) -> ReadResponse:
    """The HTTP-POST binding's ``SAMLResponse``: base64 of one ``samlp:Response``."""
    if len(encoded) > MAX_RESPONSE_BYTES * 4 // 3 + 4:
        raise e.EidasMalformedResponseError("response too large")
    try:
        document = base64.b64decode(encoded, validate=True).decode("utf-8")
        root = defusedxml.ElementTree.fromstring(document)
        response = samlp.response_from_string(document)
    except (binascii.Error, ValueError, UnicodeDecodeError) as error:
        raise e.EidasMalformedResponseError(f"not base64 UTF-8 XML: {error}") from error
    except Exception as error:  # defusedxml and pysaml2 raise their own kinds on bad documents
        raise e.EidasMalformedResponseError(f"unreadable response: {error}") from error
    if response is None or root.tag != f"{{{samlp.NAMESPACE}}}Response":
        raise e.EidasMalformedResponseError("not a SAML response")
    hidden = sum(1 for _ in root.iter(ASSERTION_TAG)) + sum(
        1 for _ in root.iter(ENCRYPTED_ASSERTION_TAG)
    )
    if hidden > 1:
        # One assertion in the whole document, wherever hidden: the one read is the one checked.
        raise e.EidasMalformedResponseError("more than one assertion")
    return ReadResponse(document, root, response)


def check_issuer(issuer: saml.Issuer | None, node: NodeMetadata, *, required: bool) -> None:
    text = issuer.text.strip() if issuer is not None and issuer.text else None
    if text is None and not required:
        return
    if text != node.entity_id:
        raise e.EidasIssuerError(f"issued by {text!r}, not {node.entity_id!r}")


def check_destination(response: samlp.Response, expected: ExpectedResponse) -> None:
    if response.destination != expected.acs_url:
        raise e.EidasDestinationError(f"addressed to {response.destination!r}")


def check_in_response_to(in_response_to: str | None, expected: ExpectedResponse) -> None:
    if in_response_to != expected.request_id:
        raise e.EidasInResponseToError(f"answers {in_response_to!r}")


def _second_level(status: samlp.Status) -> str | None:
    code = status.status_code
    inner = code.status_code if code is not None else None
    return inner.value if inner is not None else None


def check_status(response: samlp.Response) -> None:
    """Success, or the node's own failure as its error."""
    status = response.status
    top = status.status_code.value if status is not None and status.status_code else None
    if top == v.STATUS_SUCCESS:
        return
    detail = _second_level(status) if status is not None else None
    failures: dict[str | None, type[e.EidasError]] = {
        v.STATUS_REQUEST_DENIED: e.EidasCancelledError,
        v.STATUS_AUTHN_FAILED: e.EidasAuthenticationFailedError,
        v.STATUS_NO_AUTHN_CONTEXT: e.EidasLevelNotReachedError,
    }
    raise failures.get(detail, e.EidasNodeError)(f"node answered {top} / {detail}")


@dataclass(frozen=True, slots=True)
class ReadAssertion:
    document: str  # where its signature is checked: the response, or the decrypted element
    assertion: saml.Assertion


def the_assertion(
    read: ReadResponse, *, encryption_keys: SamlKeyPair | None, require_encrypted: bool
) -> ReadAssertion:
    """The response's one assertion, decrypted with the portal's key when it is encrypted."""
    plain = read.response.assertion or []
    encrypted = read.root.findall(ENCRYPTED_ASSERTION_TAG)
    if len(plain) + len(encrypted) != 1:
        raise e.EidasMalformedResponseError("a successful response carries one assertion")
    if encrypted:
        if encryption_keys is None:
            raise e.EidasWrongEncryptionKeyError("an encrypted assertion and no key to decrypt it")
        decrypted = decrypt_assertion(read.document, encrypted[0], encryption_keys)
        return ReadAssertion(decrypted.document, decrypted.assertion)
    if require_encrypted:
        raise e.EidasUnencryptedAssertionError("the assertion is not encrypted")
    return ReadAssertion(read.document, plain[0])


def _parse_instant(value: str, what: str) -> datetime:
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError as error:
        raise e.EidasMalformedResponseError(f"unreadable {what} {value!r}") from error


def instant(value: str | None, what: str) -> datetime:
    """An xs:dateTime of the response, timezone-aware."""
    if not value:
        raise e.EidasExpiredError(f"no {what}")
    moment = _parse_instant(value, what)
    if moment.tzinfo is None:
        raise e.EidasMalformedResponseError(f"{what} without a time zone")
    return moment


def check_time_window(assertion: saml.Assertion, *, now: datetime, skew: timedelta) -> datetime:
    """Within the Conditions' window; returns when the assertion expires."""
    conditions = assertion.conditions
    if conditions is None:
        raise e.EidasExpiredError("no Conditions")
    if conditions.not_before and now + skew < instant(conditions.not_before, "NotBefore"):
        raise e.EidasExpiredError("not yet valid")
    not_on_or_after = instant(conditions.not_on_or_after, "NotOnOrAfter")
    if now - skew >= not_on_or_after:
        raise e.EidasExpiredError("expired")
    return not_on_or_after


def check_subject_confirmation(
    assertion: saml.Assertion, expected: ExpectedResponse, *, now: datetime, skew: timedelta
) -> datetime:
    """A bearer confirmation for this request and this return address, still valid."""
    subject = assertion.subject
    confirmations = subject.subject_confirmation if subject is not None else []
    bearers = [c for c in confirmations if c.method == saml.SCM_BEARER]
    if not bearers or bearers[0].subject_confirmation_data is None:
        raise e.EidasMalformedResponseError("no bearer subject confirmation")
    data = bearers[0].subject_confirmation_data
    if data.recipient != expected.acs_url:
        raise e.EidasDestinationError(f"confirmed for {data.recipient!r}")
    check_in_response_to(data.in_response_to, expected)
    not_on_or_after = instant(data.not_on_or_after, "SubjectConfirmationData NotOnOrAfter")
    if now - skew >= not_on_or_after:
        raise e.EidasExpiredError("subject confirmation expired")
    return not_on_or_after


def check_audience(assertion: saml.Assertion, expected: ExpectedResponse) -> None:
    restrictions = assertion.conditions.audience_restriction if assertion.conditions else []
    if not restrictions:
        raise e.EidasAudienceError("no AudienceRestriction")
    for restriction in restrictions:  # each restriction must name this portal (core §2.5.1.4)
        audiences = {a.text.strip() for a in restriction.audience or [] if a.text}
        if expected.sp_entity_id not in audiences:
            raise e.EidasAudienceError(f"meant for {sorted(audiences)}")


def check_level(assertion: saml.Assertion, expected: ExpectedResponse) -> LevelOfAssurance:
    statements = assertion.authn_statement or []
    if len(statements) != 1 or statements[0].authn_context is None:
        raise e.EidasLevelTooLowError("no AuthnStatement with a level")
    reference = statements[0].authn_context.authn_context_class_ref
    level = v.LEVELS_BY_URI.get(reference.text.strip() if reference and reference.text else "")
    if level is None or not level.satisfies(expected.level):
        raise e.EidasLevelTooLowError(f"asserted {reference.text if reference else None}")
    return level


def _values(assertion: saml.Assertion) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for statement in assertion.attribute_statement or []:
        for attribute in statement.attribute or []:
            texts = [(value.text or "").strip() for value in attribute.attribute_value or []]
            found.setdefault(attribute.name, []).extend(t for t in texts if t)
    return found


def _one(values: dict[str, list[str]], name: str) -> str:
    found = values.get(name, [])
    if len(found) != 1 or not found[0].isprintable():
        raise e.EidasMissingAttributeError(v.REQUIRED_ATTRIBUTES[name])
    return found[0]


def read_attributes(assertion: saml.Assertion) -> tuple[str, str, str, date]:
    values = _values(assertion)
    identifier = _one(values, v.PERSON_IDENTIFIER)
    if not PERSON_IDENTIFIER.fullmatch(identifier):
        raise e.EidasMissingAttributeError("PersonIdentifier")
    family, given = _one(values, v.FAMILY_NAME), _one(values, v.GIVEN_NAME)
    if len(family) > MAX_NAME or len(given) > MAX_NAME:
        raise e.EidasMissingAttributeError("FamilyName" if len(family) > MAX_NAME else "FirstName")
    try:
        birth = date.fromisoformat(_one(values, v.DATE_OF_BIRTH))
    except ValueError:
        raise e.EidasMissingAttributeError("DateOfBirth") from None
    return identifier, family, given, birth


def validate_response(
    encoded: str,
    *,
    expected: ExpectedResponse,
    node: NodeMetadata,
    ledger: AssertionLedger,
    now: datetime,
    xmlsec_binary: str,
    encryption_keys: SamlKeyPair | None,
    require_encrypted: bool = True,
    skew: timedelta = SKEW,
) -> EuropeanIdentity:
    """The identity an answer of the node asserts, or the error of the first check it fails."""
    read = read_response(encoded)
    response = read.response
    check_issuer(response.issuer, node, required=False)
    check_destination(response, expected)
    check_in_response_to(response.in_response_to, expected)
    check_status(response)
    if response.signature is not None:  # a signed response must be signed right, too
        check_signed(
            read.document,
            signature=response.signature,
            element_id=response.id,
            node_name=samlp.Response.c_namespace + ":Response",
            certificates=node.signing_certificates,
            xmlsec_binary=xmlsec_binary,
        )
    # The signature of an encrypted assertion is inside it: checked once it is decrypted.
    found = the_assertion(
        read, encryption_keys=encryption_keys, require_encrypted=require_encrypted
    )
    assertion = found.assertion
    check_signed(
        found.document,
        signature=assertion.signature,
        element_id=assertion.id,
        node_name=saml.NAMESPACE + ":Assertion",
        certificates=node.signing_certificates,
        xmlsec_binary=xmlsec_binary,
    )
    check_issuer(assertion.issuer, node, required=True)
    confirmed_until = check_subject_confirmation(assertion, expected, now=now, skew=skew)
    valid_until = check_time_window(assertion, now=now, skew=skew)
    check_audience(assertion, expected)
    level = check_level(assertion, expected)
    identifier, family, given, birth = read_attributes(assertion)
    ledger.spend(assertion.id, expires_at=max(confirmed_until, valid_until) + skew, now=now)
    return EuropeanIdentity(identifier, family, given, birth, level)
