"""The signature certificate's checks: whose card, dates, purpose, chain, revocation."""

from __future__ import annotations

from datetime import timedelta

import pytest
from cryptography import x509
from cryptography.x509.oid import ExtendedKeyUsageOID

from foundation.i18n.error_messages import error_text
from identity.eid.auth.certificate_chain import verify_chain
from identity.eid.auth.errors import (
    CertificateExpiredError,
    CertificateNotTrustedError,
    CertificateNotYetValidError,
    CertificateRevokedError,
    RevocationUnknownError,
)
from identity.eid.auth.revocation import RevocationStatus
from identity.eid.auth.token import SignatureAlgorithm
from identity.eid.auth.trust_anchors import TrustAnchors
from identity.eid.card_reading import EidCertificates
from identity.eid.signing.certificate import SigningCertificate, check_signing_certificate
from identity.eid.signing.errors import NotYourCardError, SigningCertificatePurposeError
from tests.unit.identity.eid.auth.card_pki import (
    NATIONAL_NUMBER,
    NOW,
    VALID_UNTIL,
    PrivateKey,
    TestPki,
    key_usage,
    make_authentication_certificate,
    make_root,
    new_key,
)
from tests.unit.identity.eid.auth.conftest import FixedRevocationChecker

OTHER_NATIONAL_NUMBER = "79110221605"


def signature_certificate(
    pki: TestPki,
    key: PrivateKey,
    *,
    extended_usage: tuple[x509.ObjectIdentifier, ...] | None = None,
    **changes: object,
) -> x509.Certificate:
    """A certificate like the card's file 5039: nonRepudiation only, no extended key usage."""
    return make_authentication_certificate(
        pki.citizen_ca,
        key,
        usage=key_usage(non_repudiation=True),
        extended_usage=extended_usage,
        purpose="Signature",
        **changes,  # type: ignore[arg-type]
    )


def card_certificates(pki: TestPki, signature: x509.Certificate) -> EidCertificates:
    return EidCertificates(
        authentication=pki.ec_card.certificate,
        signature=signature,
        citizen_ca=pki.citizen_ca.certificate,
        root=pki.root.certificate,
        rrn=pki.root.certificate,
    )


def check(
    pki: TestPki,
    signature: x509.Certificate,
    revocation: FixedRevocationChecker,
    *,
    expected: str = NATIONAL_NUMBER,
    anchors: TrustAnchors | None = None,
    now: object = NOW,
) -> SigningCertificate:
    return check_signing_certificate(
        card_certificates(pki, signature),
        expected_national_number=expected,
        trust_anchors=anchors or TrustAnchors(roots=(pki.root.certificate,)),
        revocation_checker=revocation,
        now=now,  # type: ignore[arg-type]
    )


@pytest.mark.parametrize(("kind", "algorithm"), [("ec", "ES384"), ("rsa", "RS256")])
def test_the_holders_signature_certificate_passes_and_names_the_holder(
    pki: TestPki, revocation: FixedRevocationChecker, kind: str, algorithm: str
) -> None:
    certificate = signature_certificate(pki, new_key(kind))
    checked = check(pki, certificate, revocation)
    assert checked.certificate == certificate
    assert checked.national_number == NATIONAL_NUMBER
    assert checked.holder_name == "Naïma Aïcha Mremi"
    assert checked.algorithm is SignatureAlgorithm(algorithm)
    assert checked.issuers == (pki.citizen_ca.certificate,)
    assert revocation.calls == [(certificate, pki.citizen_ca.certificate, NOW)]


def test_someone_elses_card_is_refused_before_anything_is_asked(
    pki: TestPki, revocation: FixedRevocationChecker
) -> None:
    certificate = signature_certificate(pki, new_key("ec"))
    with pytest.raises(NotYourCardError) as refused:
        check(pki, certificate, revocation, expected=OTHER_NATIONAL_NUMBER)
    assert revocation.calls == []
    assert "n'est pas la vôtre" in error_text("fr", refused.value)


def test_the_authentication_certificate_cannot_sign(
    pki: TestPki, revocation: FixedRevocationChecker
) -> None:
    with pytest.raises(SigningCertificatePurposeError, match="nonRepudiation") as refused:
        check(pki, pki.ec_card.certificate, revocation)
    assert "ne permet pas de signer" in error_text("fr", refused.value)
    assert revocation.calls == []


def test_a_signature_certificate_with_an_extended_key_usage_still_chains(
    pki: TestPki, revocation: FixedRevocationChecker
) -> None:
    # Not client authentication: the login's chain check would refuse it, signing does not.
    certificate = signature_certificate(
        pki, new_key("ec"), extended_usage=(ExtendedKeyUsageOID.EMAIL_PROTECTION,)
    )
    anchors = TrustAnchors(roots=(pki.root.certificate,))
    with pytest.raises(CertificateNotTrustedError, match="EKU"):
        verify_chain(
            certificate, trust_anchors=anchors, intermediates=[pki.citizen_ca.certificate], now=NOW
        )
    assert check(pki, certificate, revocation).certificate == certificate


def test_dates_are_checked(pki: TestPki, revocation: FixedRevocationChecker) -> None:
    expired = signature_certificate(pki, new_key("ec"), not_after=NOW - timedelta(days=1))
    with pytest.raises(CertificateExpiredError):
        check(pki, expired, revocation)
    future = signature_certificate(
        pki, new_key("ec"), not_before=NOW + timedelta(days=1), not_after=VALID_UNTIL
    )
    with pytest.raises(CertificateNotYetValidError):
        check(pki, future, revocation)
    assert revocation.calls == []


def test_a_certificate_from_another_root_is_not_trusted(
    pki: TestPki, revocation: FixedRevocationChecker
) -> None:
    certificate = signature_certificate(pki, new_key("ec"))
    other_root = make_root(new_key("rsa"), common_name="Other Root CA")
    with pytest.raises(CertificateNotTrustedError):
        check(
            pki,
            certificate,
            revocation,
            anchors=TrustAnchors(roots=(other_root.certificate,)),
        )
    assert revocation.calls == []


@pytest.mark.parametrize(
    ("status", "error"),
    [
        (RevocationStatus.REVOKED, CertificateRevokedError),
        (RevocationStatus.UNKNOWN, RevocationUnknownError),
    ],
)
def test_revocation_fails_closed(pki: TestPki, status: RevocationStatus, error: type) -> None:
    with pytest.raises(error):
        check(pki, signature_certificate(pki, new_key("ec")), FixedRevocationChecker(status))


def test_a_naive_now_is_refused(pki: TestPki, revocation: FixedRevocationChecker) -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        check(
            pki, signature_certificate(pki, new_key("ec")), revocation, now=NOW.replace(tzinfo=None)
        )
