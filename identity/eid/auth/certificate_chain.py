"""An eID certificate must chain to a configured root.

cryptography's client verifier (``PolicyBuilder().store(...).time(now)``) does the path building:
signatures, names, CA basic constraints and key usage, validity of every certificate at ``now``,
and extended key usage (clientAuth, or no EKU at all). Its default end-entity policy also demands
a subjectAltName, which Belgian eID certificates never have (the identity is in the subject
name), so that one extension is relaxed to "may be present"; every other web-PKI rule stays.

The card's signature certificate is not a client certificate: for ``CertificateUse.SIGNING`` the
end entity's extended key usage is not held to clientAuth (its purpose is checked by the caller,
on its key usage nonRepudiation).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from enum import StrEnum

from cryptography import x509
from cryptography.x509.verification import (
    ClientVerifier,
    Criticality,
    ExtensionPolicy,
    PolicyBuilder,
    VerificationError,
)

from identity.eid.auth.errors import CertificateNotTrustedError
from identity.eid.auth.trust_anchors import TrustAnchors


class CertificateUse(StrEnum):
    AUTHENTICATION = "authentication"
    SIGNING = "signing"


_EID_END_ENTITY_POLICY = ExtensionPolicy.webpki_defaults_ee().may_be_present(
    x509.SubjectAlternativeName, Criticality.AGNOSTIC, None
)
_END_ENTITY_POLICIES = {
    CertificateUse.AUTHENTICATION: _EID_END_ENTITY_POLICY,
    CertificateUse.SIGNING: _EID_END_ENTITY_POLICY.may_be_present(
        x509.ExtendedKeyUsage, Criticality.AGNOSTIC, None
    ),
}


def _client_verifier(
    trust_anchors: TrustAnchors, now: datetime, use: CertificateUse
) -> ClientVerifier:
    return (
        PolicyBuilder()
        .store(trust_anchors.store)
        .time(now)
        .extension_policies(
            ca_policy=ExtensionPolicy.webpki_defaults_ca(), ee_policy=_END_ENTITY_POLICIES[use]
        )
        .build_client_verifier()
    )


def verify_chain(
    certificate: x509.Certificate,
    *,
    trust_anchors: TrustAnchors,
    intermediates: Sequence[x509.Certificate],
    now: datetime,
    use: CertificateUse = CertificateUse.AUTHENTICATION,
) -> list[x509.Certificate]:
    """The verified chain, leaf first, root last; ``CertificateNotTrustedError`` otherwise."""
    candidates = [*intermediates, *trust_anchors.intermediates]
    try:
        verified = _client_verifier(trust_anchors, now, use).verify(certificate, candidates)
    except VerificationError as error:
        raise CertificateNotTrustedError(f"no trusted chain: {error}") from None
    if len(verified.chain) < 2:
        # A certificate that is its own anchor has no issuer to ask about revocation.
        raise CertificateNotTrustedError("the certificate is itself a trust anchor")
    return list(verified.chain)
