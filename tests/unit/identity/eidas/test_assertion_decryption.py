"""Encrypted assertions as other nodes may make them, encrypted here by hand on
``cryptography`` rather than by xmlsec1: XML Encryption 1.1's RSA-OAEP with SHA-256 and its
MGF, the wrapped key beside the encrypted data (SAML core §2.2.4), and what the portal refuses
(PKCS#1 v1.5 key transport, encrypted content that is not one assertion)."""

from __future__ import annotations

import base64
import os

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import padding, rsa
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from identity.eidas import errors as e
from identity.eidas import vocabulary as v
from identity.eidas.european_identity import EuropeanIdentity
from identity.eidas.metadata import NodeMetadata
from identity.eidas.response_validation import validate_response
from identity.eidas.saml_keys import SamlKeyPair
from simulators.eidas_node.citizens import Citizen
from simulators.eidas_node.responses import AssertionShape, encoded, success_response
from tests.unit.identity.eidas.conftest import NOW, answer, expected, portal_keys

OAEP_SHA256 = padding.OAEP(mgf=padding.MGF1(hashes.SHA256()), algorithm=hashes.SHA256(), label=None)
START, END = "<ns1:Assertion", "</ns1:Assertion>"


class Ledger:
    def spend(self, assertion_id: str, **_: object) -> None:
        return None


def _wrapped(content_key: bytes, transport: str) -> tuple[str, bytes]:
    """The EncryptionMethod of the wrapped key, and the key wrapped for the portal."""
    certificate = x509.load_pem_x509_certificate(portal_keys().certificate_pem().encode())
    public = certificate.public_key()
    assert isinstance(public, rsa.RSAPublicKey)
    if transport == "oaep-sha256":
        method = (
            f'<xenc:EncryptionMethod Algorithm="{v.RSA_OAEP}">'
            '<ds:DigestMethod Algorithm="http://www.w3.org/2001/04/xmlenc#sha256"/>'
            f'<xenc11:MGF Algorithm="{v.XMLENC11}mgf1sha256"/></xenc:EncryptionMethod>'
        )
        return method, public.encrypt(content_key, OAEP_SHA256)
    method = f'<xenc:EncryptionMethod Algorithm="{v.XMLENC}rsa-1_5"/>'
    return method, public.encrypt(content_key, padding.PKCS1v15())


def hand_encrypted(
    clear: str, *, transport: str = "oaep-sha256", beside: bool = True, plaintext: str = ""
) -> str:
    """``clear`` (a response with a signed assertion in clear) with its assertion encrypted by
    hand; ``plaintext`` replaces what is encrypted."""
    start, end = clear.index(START), clear.index(END) + len(END)
    content_key = AESGCM.generate_key(bit_length=256)
    iv = os.urandom(12)
    sealed = iv + AESGCM(content_key).encrypt(iv, (plaintext or clear[start:end]).encode(), None)
    method, wrapped = _wrapped(content_key, transport)
    key = (
        f'<xenc:EncryptedKey Id="k1">{method}<xenc:CipherData><xenc:CipherValue>'
        f"{base64.b64encode(wrapped).decode()}</xenc:CipherValue></xenc:CipherData>"
        "</xenc:EncryptedKey>"
    )
    data = (
        f'<xenc:EncryptedData Id="d1" Type="{v.XMLENC}Element">'
        f'<xenc:EncryptionMethod Algorithm="{v.AES256_GCM}"/>'
        + ('<ds:KeyInfo><ds:RetrievalMethod URI="#k1"/></ds:KeyInfo>' if beside else "")
        + ("" if beside else f"<ds:KeyInfo>{key}</ds:KeyInfo>")
        + "<xenc:CipherData><xenc:CipherValue>"
        f"{base64.b64encode(sealed).decode()}</xenc:CipherValue></xenc:CipherData>"
        "</xenc:EncryptedData>"
    )
    encrypted = (
        f'<ns1:EncryptedAssertion xmlns:xenc="{v.XMLENC}" xmlns:xenc11="{v.XMLENC11}" '
        f'xmlns:ds="{v.XMLDSIG}">{data}{key if beside else ""}</ns1:EncryptedAssertion>'
    )
    return clear[:start] + encrypted + clear[end:]


def check(document: str, node: NodeMetadata) -> EuropeanIdentity:
    return validate_response(
        encoded(document),
        expected=expected(),
        node=node,
        ledger=Ledger(),
        now=NOW,
        xmlsec_binary="/usr/bin/xmlsec1",
        encryption_keys=portal_keys(),
    )


@pytest.fixture
def clear(node_keys: SamlKeyPair, lena: Citizen) -> str:
    shape = AssertionShape(sign_response=False)
    return success_response(lena, answer(clear=True), keys=node_keys, now=NOW, shape=shape)


def test_oaep_with_sha256_and_the_key_beside_the_data_opens(node: NodeMetadata, clear: str) -> None:
    assert check(hand_encrypted(clear), node).family_name == "Schneider"


def test_the_key_inside_the_datas_key_info_opens(node: NodeMetadata, clear: str) -> None:
    assert check(hand_encrypted(clear, beside=False), node).given_name == "Lena"


def test_pkcs1_v15_key_transport_is_refused(node: NodeMetadata, clear: str) -> None:
    with pytest.raises(e.EidasMalformedResponseError, match="rsa-1_5"):
        check(hand_encrypted(clear, transport="v1.5"), node)


def test_encrypted_content_that_is_not_one_assertion_is_refused(
    node: NodeMetadata, clear: str
) -> None:
    assertion = clear[clear.index(START) : clear.index(END) + len(END)]
    for plaintext in (assertion + assertion, "<ns1:Issuer>x</ns1:Issuer>", "not xml <"):
        with pytest.raises(e.EidasMalformedResponseError):
            check(hand_encrypted(clear, plaintext=plaintext), node)


def test_a_forged_assertion_encrypted_for_the_portal_fails_its_signature(
    node: NodeMetadata, clear: str
) -> None:
    """Anyone can encrypt for the portal's public certificate: the signature inside decides."""
    start, end = clear.index(START), clear.index(END) + len(END)
    forged = clear[start:end].replace("Schneider", "Schneidar")
    with pytest.raises(e.EidasSignatureError):
        check(hand_encrypted(clear, plaintext=forged), node)
