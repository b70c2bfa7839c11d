"""Chain building with cryptography's client verifier, relaxed only where eID certificates differ
from web certificates (no subjectAltName)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from cryptography import x509
from cryptography.x509.oid import ExtendedKeyUsageOID

from identity.eid.auth.certificate_chain import verify_chain
from identity.eid.auth.errors import CertificateNotTrustedError
from identity.eid.auth.trust_anchors import TrustAnchors
from tests.unit.identity.eid.auth.card_pki import (
    NOW,
    TestPki,
    make_authentication_certificate,
    make_citizen_ca,
    new_key,
)


def test_eid_certificate_without_subject_alt_name_chains_to_the_root(pki: TestPki) -> None:
    certificate = pki.ec_card.certificate
    with pytest.raises(x509.ExtensionNotFound):
        certificate.extensions.get_extension_for_class(x509.SubjectAlternativeName)

    chain = verify_chain(
        certificate,
        trust_anchors=TrustAnchors(roots=(pki.root.certificate,)),
        intermediates=[pki.citizen_ca.certificate],
        now=NOW,
    )

    assert chain == [certificate, pki.citizen_ca.certificate, pki.root.certificate]


def test_citizen_ca_with_extended_key_usage_like_the_2020_one_is_accepted(pki: TestPki) -> None:
    # Citizen CA 202002 (under Belgium Root CA6) carries EKU clientAuth + emailProtection and
    # the anyPolicy certificate policy.
    ca = make_citizen_ca(
        pki.root,
        new_key("ec"),
        extra=[
            x509.ExtendedKeyUsage(
                [ExtendedKeyUsageOID.CLIENT_AUTH, ExtendedKeyUsageOID.EMAIL_PROTECTION]
            ),
            x509.CertificatePolicies(
                [x509.PolicyInformation(x509.ObjectIdentifier("2.5.29.32.0"), None)]
            ),
        ],
    )
    key = new_key("ec")
    certificate = make_authentication_certificate(ca, key)

    chain = verify_chain(
        certificate,
        trust_anchors=TrustAnchors(roots=(pki.root.certificate,)),
        intermediates=[ca.certificate],
        now=NOW,
    )

    assert chain[1] == ca.certificate


def test_citizen_ca_restricted_to_server_authentication_breaks_the_chain(pki: TestPki) -> None:
    ca = make_citizen_ca(
        pki.root,
        new_key("ec"),
        extra=[x509.ExtendedKeyUsage([ExtendedKeyUsageOID.SERVER_AUTH])],
    )

    with pytest.raises(CertificateNotTrustedError, match="EKU"):
        verify_chain(
            make_authentication_certificate(ca, new_key("ec")),
            trust_anchors=TrustAnchors(roots=(pki.root.certificate,)),
            intermediates=[ca.certificate],
            now=NOW,
        )


def test_expired_citizen_ca_breaks_the_chain(pki: TestPki) -> None:
    late = pki.citizen_ca.certificate.not_valid_after_utc + timedelta(days=1)

    with pytest.raises(CertificateNotTrustedError, match="not valid at validation time"):
        verify_chain(
            make_authentication_certificate(
                pki.citizen_ca, pki.ec_card.key, not_after=late + timedelta(days=10)
            ),
            trust_anchors=TrustAnchors(roots=(pki.root.certificate,)),
            intermediates=[pki.citizen_ca.certificate],
            now=late,
        )
