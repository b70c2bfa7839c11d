"""The XML signature of a SAML element, checked by xmlsec1 against the node's certificates from
its metadata (never against a certificate the document itself carries).

Guards against signature wrapping as SAML core §5.4 asks: the signature is the element's own
child, has one reference, and that reference names the element's ID; the caller also refuses a
document with more than one assertion, so the element read is the element checked."""

from __future__ import annotations

import tempfile
from pathlib import Path

from saml2.sigver import CryptoBackendXmlSec1, SignatureError
from saml2.xmldsig import Signature

from identity.eidas.errors import EidasSignatureError
from identity.eidas.saml_keys import pem_certificate


def _references_itself(signature: Signature | None, element_id: str | None) -> bool:
    if signature is None or not element_id or signature.signed_info is None:
        return False
    references = signature.signed_info.reference or []
    return len(references) == 1 and references[0].uri == f"#{element_id}"


def check_signed(
    document: str,
    *,
    signature: Signature | None,
    element_id: str | None,
    node_name: str,
    certificates: tuple[str, ...],
    xmlsec_binary: str,
) -> None:
    """Raises ``EidasSignatureError`` unless ``element_id`` (a ``node_name`` element of
    ``document``) is signed by the key of one of ``certificates`` (base64 DER)."""
    if not _references_itself(signature, element_id):
        raise EidasSignatureError(f"{node_name} is not signed, or its signature is not its own")
    crypto = CryptoBackendXmlSec1(xmlsec_binary)
    with tempfile.TemporaryDirectory(prefix="eidas-") as folder:
        for index, certificate in enumerate(certificates):
            path = Path(folder) / f"node-{index}.pem"
            path.write_text(pem_certificate(certificate), encoding="ascii")
            try:
                if crypto.validate_signature(
                    document,
                    cert_file=str(path),
                    cert_type="pem",
                    node_name=node_name,
                    node_id=element_id,
                ):
                    return
            except SignatureError:
                continue
    raise EidasSignatureError(f"{node_name} {element_id} is not signed by the node's key")
