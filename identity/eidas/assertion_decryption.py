"""The ``saml:EncryptedAssertion`` of a node's answer, decrypted with the portal's key.

XML Encryption (1.0/1.1) as eIDAS uses it: the assertion encrypted with AES-GCM under a content
key, that key wrapped with RSA-OAEP for the service provider's encryption certificate, in an
``xenc:EncryptedKey`` inside the ``xenc:EncryptedData`` (or beside it, SAML core §2.2.4).

Written on ``cryptography``, not xmlsec1: the algorithms are chosen here, not by the document.
AES-CBC is refused (eIDAS allows GCM only: CBC in XML Encryption gives a padding oracle, Jager
and Somorovsky 2011), and so is RSA PKCS#1 v1.5 key transport (Bleichenbacher's attack).

The plaintext is an ``Element`` parsed in the context of the place it replaces (XML Encryption
§4.5): the namespaces in scope at the ``EncryptedAssertion`` are declared around it.
"""

from __future__ import annotations

import base64
import binascii
import io
from dataclasses import dataclass
from xml.etree.ElementTree import Element, tostring
from xml.sax.saxutils import quoteattr

import defusedxml.ElementTree
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding, rsa
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from saml2 import saml

from identity.eidas import errors as e
from identity.eidas import vocabulary as v
from identity.eidas.saml_keys import SamlKeyPair

X = f"{{{v.XMLENC}}}"
X11 = f"{{{v.XMLENC11}}}"
DS = f"{{{v.XMLDSIG}}}"
ENCRYPTED_ASSERTION_TAG = f"{{{saml.NAMESPACE}}}EncryptedAssertion"
ASSERTION_TAG = f"{{{saml.NAMESPACE}}}Assertion"
GCM_IV_BYTES = 12
MAX_WRAPPED_KEYS = 4  # a few recipients at most; each costs an RSA operation
DIGESTS: dict[str, type[hashes.HashAlgorithm]] = {
    v.XMLDSIG + "sha1": hashes.SHA1,
    "http://www.w3.org/2001/04/xmlenc#sha256": hashes.SHA256,
    "http://www.w3.org/2001/04/xmlenc#sha512": hashes.SHA512,
    "http://www.w3.org/2001/04/xmldsig-more#sha384": hashes.SHA384,
}
MGFS: dict[str, type[hashes.HashAlgorithm]] = {
    v.XMLENC11 + "mgf1sha1": hashes.SHA1,
    v.XMLENC11 + "mgf1sha256": hashes.SHA256,
    v.XMLENC11 + "mgf1sha384": hashes.SHA384,
    v.XMLENC11 + "mgf1sha512": hashes.SHA512,
}


@dataclass(frozen=True, slots=True)
class DecryptedAssertion:
    # The plaintext inside an element declaring the namespaces in scope: what xmlsec1 checks the
    # signature of, and what the assertion is read from (the element read is the element checked).
    document: str
    assertion: saml.Assertion


def _base64(element: Element | None, what: str) -> bytes:
    text = element.text if element is not None else None
    try:
        return base64.b64decode("".join((text or "").split()), validate=True)
    except (binascii.Error, ValueError):
        raise e.EidasMalformedResponseError(f"{what}: not base64") from None


def _cipher_value(owner: Element, what: str) -> bytes:
    return _base64(owner.find(f"{X}CipherData/{X}CipherValue"), what)


def _algorithm(owner: Element) -> str:
    method = owner.find(f"{X}EncryptionMethod")
    return method.get("Algorithm", "") if method is not None else ""


def _oaep(method: Element | None, algorithm: str) -> padding.OAEP:
    """RSA-OAEP's parameters: SHA-1 and MGF1-SHA-1 unless the EncryptionMethod says others."""
    digest_method = method.find(f"{DS}DigestMethod") if method is not None else None
    digest_uri = digest_method.get("Algorithm", "") if digest_method is not None else ""
    mgf = method.find(f"{X11}MGF") if method is not None else None
    mgf_uri = mgf.get("Algorithm", "") if mgf is not None else ""
    if algorithm == v.RSA_OAEP_MGF1P and mgf is not None:
        raise e.EidasMalformedResponseError("rsa-oaep-mgf1p takes no MGF")
    digest = DIGESTS.get(digest_uri) if digest_uri else hashes.SHA1
    mgf_hash = MGFS.get(mgf_uri) if mgf_uri else hashes.SHA1
    if digest is None or mgf_hash is None:
        raise e.EidasMalformedResponseError(f"OAEP digest {digest_uri!r} / MGF {mgf_uri!r}")
    params = method.find(f"{X}OAEPparams") if method is not None else None
    label = _base64(params, "OAEPparams") if params is not None else None
    return padding.OAEP(mgf=padding.MGF1(mgf_hash()), algorithm=digest(), label=label or None)


def _wrapped_keys(encrypted_assertion: Element, encrypted_data: Element) -> list[Element]:
    inline = encrypted_data.findall(f"{DS}KeyInfo/{X}EncryptedKey")
    beside = encrypted_assertion.findall(f"{X}EncryptedKey")
    found = inline + beside
    if not found or len(found) > MAX_WRAPPED_KEYS:
        raise e.EidasMalformedResponseError(f"{len(found)} EncryptedKey elements")
    return found


def _named_certificate(wrapped: Element) -> str | None:
    """The certificate an EncryptedKey says it was made for, when it says (base64 DER)."""
    certificate = wrapped.find(f"{DS}KeyInfo/{DS}X509Data/{DS}X509Certificate")
    if certificate is None or not certificate.text:
        return None
    return "".join(certificate.text.split())


def _content_key(wrapped_keys: list[Element], keys: SamlKeyPair, size: int) -> bytes:
    """The content key one of the EncryptedKeys wraps for this key pair."""
    private = serialization.load_pem_private_key(keys.key_file.read_bytes(), password=None)
    if not isinstance(private, rsa.RSAPrivateKey):
        raise TypeError("the SAML encryption key must be an RSA key")
    ours = keys.certificate_base64()
    for wrapped in wrapped_keys:
        named = _named_certificate(wrapped)
        if named is not None and named != ours:
            continue  # made for another recipient's certificate
        algorithm = _algorithm(wrapped)
        if algorithm not in (v.RSA_OAEP_MGF1P, v.RSA_OAEP):
            raise e.EidasMalformedResponseError(f"key transport {algorithm!r} not accepted")
        oaep = _oaep(wrapped.find(f"{X}EncryptionMethod"), algorithm)
        try:
            content_key = private.decrypt(_cipher_value(wrapped, "EncryptedKey"), oaep)
        except ValueError:
            continue  # not wrapped for this key
        if len(content_key) != size:
            raise e.EidasMalformedResponseError("content key of the wrong size")
        return content_key
    raise e.EidasWrongEncryptionKeyError(
        "the assertion is encrypted for another key than the portal's"
    )


def _namespaces_at(document: str, tag: str) -> dict[str, str]:
    """The namespace declarations in scope at the first ``tag`` element of ``document``."""
    scopes: list[dict[str, str]] = [{}]
    declared: dict[str, str] = {}
    events = ("start-ns", "start", "end")
    for event, item in defusedxml.ElementTree.iterparse(io.StringIO(document), events=events):
        if event == "start-ns":
            prefix, uri = item
            declared[prefix] = uri
        elif event == "start":
            scopes.append({**scopes[-1], **declared})
            declared = {}
            if item.tag == tag:
                return scopes[-1]
        else:
            scopes.pop()
    raise e.EidasMalformedResponseError("no EncryptedAssertion")


def _in_context(plaintext: str, namespaces: dict[str, str]) -> str:
    declarations = " ".join(
        f"xmlns{':' + prefix if prefix else ''}={quoteattr(uri)}"
        for prefix, uri in sorted(namespaces.items())
    )
    return f"<decrypted {declarations}>{plaintext}</decrypted>"


def _read_plaintext(plaintext: bytes, namespaces: dict[str, str]) -> DecryptedAssertion:
    try:
        document = _in_context(plaintext.decode("utf-8"), namespaces)
        wrapper = defusedxml.ElementTree.fromstring(document)
    except Exception as error:  # not UTF-8, not XML, a DTD: unreadable all the same
        raise e.EidasMalformedResponseError(f"decrypted assertion unreadable: {error}") from error
    children = list(wrapper)
    if (
        len(children) != 1
        or children[0].tag != ASSERTION_TAG
        or (wrapper.text or "").strip()
        or (children[0].tail or "").strip()
    ):
        raise e.EidasMalformedResponseError("the encrypted element is not one assertion")
    if sum(1 for _ in wrapper.iter(ASSERTION_TAG)) != 1 or any(
        True for _ in wrapper.iter(ENCRYPTED_ASSERTION_TAG)
    ):
        raise e.EidasMalformedResponseError("an assertion inside the assertion")
    text = tostring(children[0], encoding="unicode")
    assertion = saml.assertion_from_string(text)
    if assertion is None:
        raise e.EidasMalformedResponseError("the decrypted element is not an assertion")
    return DecryptedAssertion(document, assertion)


def decrypt_assertion(document: str, encrypted: Element, keys: SamlKeyPair) -> DecryptedAssertion:
    """The assertion ``encrypted`` (the document's ``saml:EncryptedAssertion``) holds.

    Raises ``EidasWrongEncryptionKeyError`` when it is not encrypted for ``keys``, and
    ``EidasMalformedResponseError`` when it cannot be read (structure, algorithm, integrity)."""
    data = encrypted.findall(f"{X}EncryptedData")
    if len(data) != 1:
        raise e.EidasMalformedResponseError("an EncryptedAssertion holds one EncryptedData")
    algorithm = _algorithm(data[0])
    size = v.AES_GCM.get(algorithm)
    if size is None:
        raise e.EidasMalformedResponseError(f"content encryption {algorithm!r} not accepted")
    if data[0].get("Type", v.XMLENC + "Element") != v.XMLENC + "Element":
        raise e.EidasMalformedResponseError("the encrypted content is not an element")
    content_key = _content_key(_wrapped_keys(encrypted, data[0]), keys, size)
    sealed = _cipher_value(data[0], "EncryptedData")
    if len(sealed) <= GCM_IV_BYTES + 16:
        raise e.EidasMalformedResponseError("EncryptedData too short")
    try:
        plaintext = AESGCM(content_key).decrypt(sealed[:GCM_IV_BYTES], sealed[GCM_IV_BYTES:], None)
    except InvalidTag:
        raise e.EidasMalformedResponseError("the encrypted assertion was altered") from None
    return _read_plaintext(plaintext, _namespaces_at(document, ENCRYPTED_ASSERTION_TAG))
