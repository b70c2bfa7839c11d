"""The checks of a node's answer, each situation with its own outcome, on answers the simulated
node's code makes, signs and encrypts for the portal (or leaves unsigned, signs with another
key, encrypts for another key, sends in clear): every check holds on encrypted answers."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta

import pytest
from sqlmodel import Session

from identity.assurance import LevelOfAssurance
from identity.eidas import errors as e
from identity.eidas import vocabulary as v
from identity.eidas.assertion_ledger import SqlAssertionLedger
from identity.eidas.european_identity import EuropeanIdentity, ExpectedResponse
from identity.eidas.metadata import NodeMetadata
from identity.eidas.response_validation import validate_response
from identity.eidas.saml_keys import SamlKeyPair
from simulators.eidas_node.citizens import Citizen
from simulators.eidas_node.responses import (
    Answer,
    AssertionShape,
    encoded,
    failure_response,
    success_response,
)
from tests.unit.identity.eidas.conftest import NOW, answer, expected, portal_keys

XMLSEC = "/usr/bin/xmlsec1"


class MemoryLedger:
    def __init__(self) -> None:
        self.spent: dict[str, datetime] = {}

    def spend(self, assertion_id: str, *, expires_at: datetime, now: datetime) -> None:
        if assertion_id in self.spent:
            raise e.EidasReplayError(assertion_id)
        self.spent[assertion_id] = expires_at


def check(
    document: str,
    node: NodeMetadata,
    *,
    wanted: ExpectedResponse | None = None,
    now: datetime = NOW,
    ledger: MemoryLedger | SqlAssertionLedger | None = None,
    require_encrypted: bool = True,
    encryption_keys: SamlKeyPair | None = None,
) -> EuropeanIdentity:
    return validate_response(
        encoded(document),
        expected=wanted or expected(),
        node=node,
        ledger=ledger or MemoryLedger(),
        now=now,
        xmlsec_binary=XMLSEC,
        encryption_keys=encryption_keys or portal_keys(),
        require_encrypted=require_encrypted,
    )


def signed(
    citizen: Citizen,
    keys: SamlKeyPair | None,
    *,
    to: Answer | None = None,
    shape: AssertionShape | None = None,
) -> str:
    return success_response(
        citizen, to or answer(), keys=keys, now=NOW, shape=shape or AssertionShape()
    )


def test_an_assertion_the_node_signs_gives_the_persons_identity(
    node: NodeMetadata, node_keys: SamlKeyPair, lena: Citizen
) -> None:
    identity = check(signed(lena, node_keys), node)
    assert identity == EuropeanIdentity(
        person_identifier="DE/BE/7c1f0e9a4b2d4c6e8f10",
        family_name="Schneider",
        given_name="Lena",
        birth_date=date(1988, 4, 17),
        level=LevelOfAssurance.HIGH,
    )
    assert isinstance(identity, EuropeanIdentity)
    assert identity.country == "DE"


def test_the_assertion_travels_encrypted_for_the_portals_key(
    node: NodeMetadata, node_keys: SamlKeyPair, lena: Citizen
) -> None:
    document = signed(lena, node_keys)
    assert "EncryptedAssertion" in document
    assert v.AES256_GCM in document
    assert v.RSA_OAEP_MGF1P in document
    assert "Schneider" not in document
    assert lena.person_identifier not in document
    assert check(document, node).family_name == "Schneider"


def test_an_assertion_encrypted_for_another_key_is_refused(
    node: NodeMetadata, node_keys: SamlKeyPair, other_keys: SamlKeyPair, lena: Citizen
) -> None:
    document = signed(lena, node_keys, to=answer(encrypt_for=other_keys.certificate_base64()))
    with pytest.raises(e.EidasWrongEncryptionKeyError):
        check(document, node)


def test_an_assertion_encrypted_for_another_key_not_named_is_refused(
    node: NodeMetadata, node_keys: SamlKeyPair, other_keys: SamlKeyPair, lena: Citizen
) -> None:
    """Without the recipient's certificate beside the wrapped key, unwrapping it tells."""
    document = signed(
        lena,
        node_keys,
        to=answer(encrypt_for=other_keys.certificate_base64()),
        shape=AssertionShape(sign_response=False),
    )
    named = re.search(r"<ns1:KeyInfo><ns1:X509Data>.*?</ns1:X509Data></ns1:KeyInfo>", document)
    assert named is not None
    with pytest.raises(e.EidasWrongEncryptionKeyError):
        check(document.replace(named.group(0), ""), node)


def test_an_encrypted_assertion_without_a_key_to_decrypt_it_is_refused(
    node: NodeMetadata, node_keys: SamlKeyPair, lena: Citizen
) -> None:
    with pytest.raises(e.EidasWrongEncryptionKeyError):
        validate_response(
            encoded(signed(lena, node_keys)),
            expected=expected(),
            node=node,
            ledger=MemoryLedger(),
            now=NOW,
            xmlsec_binary=XMLSEC,
            encryption_keys=None,
        )


def test_an_assertion_in_clear_is_refused_when_encryption_is_required(
    node: NodeMetadata, node_keys: SamlKeyPair, lena: Citizen
) -> None:
    with pytest.raises(e.EidasUnencryptedAssertionError):
        check(signed(lena, node_keys, to=answer(clear=True)), node)


def test_an_assertion_in_clear_is_accepted_when_encryption_is_not_required(
    node: NodeMetadata, node_keys: SamlKeyPair, lena: Citizen
) -> None:
    document = signed(lena, node_keys, to=answer(clear=True))
    assert check(document, node, require_encrypted=False).family_name == "Schneider"


def test_an_encrypted_assertion_is_accepted_when_encryption_is_not_required(
    node: NodeMetadata, node_keys: SamlKeyPair, lena: Citizen
) -> None:
    assert check(signed(lena, node_keys), node, require_encrypted=False).given_name == "Lena"


def test_an_assertion_encrypted_with_aes_cbc_is_refused(
    node: NodeMetadata, node_keys: SamlKeyPair, lena: Citizen
) -> None:
    """eIDAS allows AES-GCM only: CBC in XML Encryption is open to a padding oracle."""
    shape = AssertionShape(content_encryption=v.XMLENC + "aes256-cbc")
    with pytest.raises(e.EidasMalformedResponseError):
        check(signed(lena, node_keys, shape=shape), node)


def test_an_encrypted_assertion_altered_in_transit_is_refused(
    node: NodeMetadata, node_keys: SamlKeyPair, lena: Citizen
) -> None:
    document = signed(lena, node_keys, shape=AssertionShape(sign_response=False))
    values = re.findall(r"<ns0:CipherValue>([^<]+)</ns0:CipherValue>", document)
    sealed = values[-1]  # the assertion's; the first is the wrapped key
    flipped = sealed[:40] + ("A" if sealed[40] != "A" else "B") + sealed[41:]
    with pytest.raises(e.EidasMalformedResponseError):
        check(document.replace(sealed, flipped), node)


def test_an_assertion_signed_by_the_node_alone_without_a_signed_response_is_accepted(
    node: NodeMetadata, node_keys: SamlKeyPair, lena: Citizen
) -> None:
    check(signed(lena, node_keys, shape=AssertionShape(sign_response=False)), node)


def test_an_assertion_signed_by_another_key_is_refused(
    node: NodeMetadata, other_keys: SamlKeyPair, lena: Citizen
) -> None:
    with pytest.raises(e.EidasSignatureError):
        check(signed(lena, other_keys), node)


def test_an_unsigned_assertion_is_refused(node: NodeMetadata, lena: Citizen) -> None:
    with pytest.raises(e.EidasSignatureError):
        check(signed(lena, None), node)


def test_a_signed_response_around_an_unsigned_assertion_is_refused(
    node: NodeMetadata, node_keys: SamlKeyPair, lena: Citizen
) -> None:
    with pytest.raises(e.EidasSignatureError):
        check(signed(lena, node_keys, shape=AssertionShape(sign_assertion=False)), node)


def test_an_assertion_changed_after_signing_is_refused(
    node: NodeMetadata, node_keys: SamlKeyPair, lena: Citizen
) -> None:
    def forge(document: str) -> str:
        return document.replace("Schneider", "Schneidar")

    document = signed(lena, node_keys, shape=AssertionShape(sign_response=False, tamper=forge))
    with pytest.raises(e.EidasSignatureError):
        check(document, node)


def test_an_assertion_meant_for_another_service_is_refused(
    node: NodeMetadata, node_keys: SamlKeyPair, lena: Citizen
) -> None:
    document = signed(lena, node_keys, to=answer(audience="https://other.example/metadata"))
    with pytest.raises(e.EidasAudienceError):
        check(document, node)


def test_an_answer_addressed_to_another_return_address_is_refused(
    node: NodeMetadata, node_keys: SamlKeyPair, lena: Citizen
) -> None:
    document = signed(lena, node_keys, to=answer(destination="https://other.example/acs"))
    with pytest.raises(e.EidasDestinationError):
        check(document, node)


def test_an_answer_to_another_request_is_refused(
    node: NodeMetadata, node_keys: SamlKeyPair, lena: Citizen
) -> None:
    document = signed(lena, node_keys, to=answer(in_response_to="_another-request"))
    with pytest.raises(e.EidasInResponseToError):
        check(document, node)


def test_an_answer_from_another_node_is_refused(
    node: NodeMetadata, node_keys: SamlKeyPair, lena: Citizen
) -> None:
    document = signed(lena, node_keys, to=answer(issuer="http://rogue.example/metadata"))
    with pytest.raises(e.EidasIssuerError):
        check(document, node)


def test_an_expired_assertion_is_refused(
    node: NodeMetadata, node_keys: SamlKeyPair, lena: Citizen
) -> None:
    document = signed(lena, node_keys)  # valid 5 minutes from NOW
    with pytest.raises(e.EidasExpiredError):
        check(document, node, now=NOW + timedelta(minutes=6, seconds=1))


def test_an_assertion_just_past_its_end_is_accepted_within_the_skew(
    node: NodeMetadata, node_keys: SamlKeyPair, lena: Citizen
) -> None:
    check(signed(lena, node_keys), node, now=NOW + timedelta(minutes=5, seconds=30))


def test_an_assertion_not_yet_valid_is_refused(
    node: NodeMetadata, node_keys: SamlKeyPair, lena: Citizen
) -> None:
    document = signed(lena, node_keys, shape=AssertionShape(issued_at=NOW + timedelta(minutes=3)))
    with pytest.raises(e.EidasExpiredError):
        check(document, node)


def test_the_same_assertion_twice_is_refused(
    node: NodeMetadata, node_keys: SamlKeyPair, lena: Citizen
) -> None:
    document, ledger = signed(lena, node_keys), MemoryLedger()
    check(document, node, ledger=ledger)
    with pytest.raises(e.EidasReplayError):
        check(document, node, ledger=ledger)


def test_the_database_ledger_refuses_a_used_assertion_until_it_expires(
    db: Session, node: NodeMetadata, node_keys: SamlKeyPair, lena: Citizen
) -> None:
    document = signed(lena, node_keys)
    check(document, node, ledger=SqlAssertionLedger(db))
    db.commit()
    with pytest.raises(e.EidasReplayError):
        check(document, node, ledger=SqlAssertionLedger(db))
    # Once expired the row goes; its own time window refuses the copy anyway.
    with pytest.raises(e.EidasExpiredError):
        check(document, node, ledger=SqlAssertionLedger(db), now=NOW + timedelta(hours=1))


def test_a_level_below_the_one_asked_is_refused(
    node: NodeMetadata, node_keys: SamlKeyPair, jonas: Citizen
) -> None:
    document = signed(jonas, node_keys)  # substantial
    with pytest.raises(e.EidasLevelTooLowError):
        check(document, node, wanted=expected(LevelOfAssurance.HIGH))


def test_a_level_above_the_one_asked_is_the_sessions_level(
    node: NodeMetadata, node_keys: SamlKeyPair, lena: Citizen
) -> None:
    identity = check(signed(lena, node_keys), node, wanted=expected(LevelOfAssurance.SUBSTANTIAL))
    assert identity.level is LevelOfAssurance.HIGH


@pytest.mark.parametrize(
    ("attribute", "name"),
    [
        (v.PERSON_IDENTIFIER, "PersonIdentifier"),
        (v.FAMILY_NAME, "FamilyName"),
        (v.GIVEN_NAME, "FirstName"),
        (v.DATE_OF_BIRTH, "DateOfBirth"),
    ],
)
def test_an_assertion_missing_a_required_attribute_is_refused(
    node: NodeMetadata, node_keys: SamlKeyPair, lena: Citizen, attribute: str, name: str
) -> None:
    document = signed(lena, node_keys, shape=AssertionShape(omit=frozenset({attribute})))
    with pytest.raises(e.EidasMissingAttributeError) as refused:
        check(document, node)
    assert refused.value.attribute == name


@pytest.mark.parametrize(
    ("top", "detail", "error"),
    [
        (v.STATUS_REQUESTER, v.STATUS_REQUEST_DENIED, e.EidasCancelledError),
        (v.STATUS_RESPONDER, v.STATUS_AUTHN_FAILED, e.EidasAuthenticationFailedError),
        (v.STATUS_RESPONDER, v.STATUS_NO_AUTHN_CONTEXT, e.EidasLevelNotReachedError),
        (v.STATUS_RESPONDER, v.STATUS + "UnknownPrincipal", e.EidasNodeError),
    ],
)
def test_each_failure_the_node_sends_is_its_own_error(
    node: NodeMetadata,
    node_keys: SamlKeyPair,
    top: str,
    detail: str,
    error: type[e.EidasError],
) -> None:
    document = failure_response(
        answer(), top=top, detail=detail, message="", keys=node_keys, now=NOW
    )
    with pytest.raises(error):
        check(document, node)


def test_a_failure_answering_another_request_is_not_believed(
    node: NodeMetadata, node_keys: SamlKeyPair
) -> None:
    document = failure_response(
        answer(in_response_to="_other"),
        top=v.STATUS_REQUESTER,
        detail=v.STATUS_REQUEST_DENIED,
        message="",
        keys=node_keys,
        now=NOW,
    )
    with pytest.raises(e.EidasInResponseToError):
        check(document, node)


@pytest.mark.parametrize("garbage", ["", "not base64!", "PGZvbz48L2Zvbz4=", "PD94bWw"])
def test_what_is_not_a_saml_response_is_refused(node: NodeMetadata, garbage: str) -> None:
    with pytest.raises(e.EidasMalformedResponseError):
        validate_response(
            garbage,
            expected=expected(),
            node=node,
            ledger=MemoryLedger(),
            now=NOW,
            xmlsec_binary=XMLSEC,
            encryption_keys=portal_keys(),
        )


def test_a_second_assertion_slipped_into_a_signed_answer_is_refused(
    node: NodeMetadata, node_keys: SamlKeyPair, lena: Citizen, jonas: Citizen
) -> None:
    """Signature wrapping: an attacker's assertion beside the node's signed one."""
    genuine = signed(
        lena, node_keys, to=answer(clear=True), shape=AssertionShape(sign_response=False)
    )
    start = genuine.index("<ns1:Assertion")
    end = genuine.index("</ns1:Assertion>") + len("</ns1:Assertion>")
    wrapped = genuine[:end] + genuine[start:end].replace("Schneider", "Evil") + genuine[end:]
    with pytest.raises(e.EidasMalformedResponseError):
        check(wrapped, node, require_encrypted=False)


def test_a_clear_assertion_slipped_beside_an_encrypted_one_is_refused(
    node: NodeMetadata, node_keys: SamlKeyPair, lena: Citizen
) -> None:
    clear = signed(
        lena, node_keys, to=answer(clear=True), shape=AssertionShape(sign_response=False)
    )
    start = clear.index("<ns1:Assertion")
    end = clear.index("</ns1:Assertion>") + len("</ns1:Assertion>")
    genuine = signed(lena, node_keys, shape=AssertionShape(sign_response=False))
    at = genuine.index("<ns1:EncryptedAssertion")
    wrapped = genuine[:at] + clear[start:end].replace("Schneider", "Evil") + genuine[at:]
    with pytest.raises(e.EidasMalformedResponseError):
        check(wrapped, node)
