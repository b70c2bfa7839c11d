"""The HTTP-Redirect binding: the message survives deflate and base64, the signature covers the
message and the RelayState, and only the signer's certificate verifies it."""

from __future__ import annotations

from urllib.parse import parse_qs

import pytest

from identity.eidas.redirect_binding import inflate, signed_query, verify_query
from identity.eidas.saml_keys import SamlKeyPair

MESSAGE = "<samlp:AuthnRequest ID='_1'>é</samlp:AuthnRequest>"


def fields(query: str) -> dict[str, str]:
    return {name: values[0] for name, values in parse_qs(query).items()}


def test_a_signed_query_verifies_with_the_signers_certificate_only(
    node_keys: SamlKeyPair, other_keys: SamlKeyPair
) -> None:
    query = fields(
        signed_query(MESSAGE, relay_state="r-1", key_pem=node_keys.key_file.read_bytes())
    )
    assert inflate(query["SAMLRequest"]) == MESSAGE
    node_pem = node_keys.certificate_pem().encode()
    assert verify_query(query, certificates_pem=[node_pem])
    assert not verify_query(query, certificates_pem=[other_keys.certificate_pem().encode()])


@pytest.mark.parametrize("changed", ["RelayState", "SAMLRequest", "Signature", "SigAlg"])
def test_any_changed_part_breaks_the_signature(node_keys: SamlKeyPair, changed: str) -> None:
    query = fields(
        signed_query(MESSAGE, relay_state="r-1", key_pem=node_keys.key_file.read_bytes())
    )
    query[changed] = "AAAA" + query[changed][4:]
    assert not verify_query(query, certificates_pem=[node_keys.certificate_pem().encode()])


@pytest.mark.parametrize("garbage", ["", "%%%", "bm90IGRlZmxhdGVk"])
def test_what_is_not_a_deflated_message_is_refused(garbage: str) -> None:
    with pytest.raises(ValueError, match="message"):
        inflate(garbage)
