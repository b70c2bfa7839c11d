"""The portal's metadata as a node reads it: the key its requests are signed with, and the
certificate the node encrypts assertions for, with the algorithms the portal accepts."""

from __future__ import annotations

from identity.eidas import vocabulary as v
from identity.eidas.metadata import parse_service_provider_metadata, service_provider_metadata
from identity.eidas.saml_keys import SamlKeyPair
from tests.unit.identity.eidas.conftest import ACS, SP_ID, portal_keys


def test_the_portal_publishes_its_signing_and_its_encryption_certificates(
    other_keys: SamlKeyPair,
) -> None:
    xml = service_provider_metadata(
        entity_id=SP_ID, acs_url=ACS, keys=other_keys, encryption_keys=portal_keys()
    )
    read = parse_service_provider_metadata(xml)
    assert read.signing_certificates == (other_keys.certificate_base64(),)
    assert read.encryption_certificates == (portal_keys().certificate_base64(),)
    assert 'use="encryption"' in xml
    for accepted in (v.AES256_GCM, v.RSA_OAEP_MGF1P, v.RSA_OAEP):
        assert f'Algorithm="{accepted}"' in xml
    assert "cbc" not in xml


def test_one_key_pair_can_serve_both(other_keys: SamlKeyPair) -> None:
    read = parse_service_provider_metadata(
        service_provider_metadata(entity_id=SP_ID, acs_url=ACS, keys=other_keys)
    )
    assert read.signing_certificates == read.encryption_certificates
