"""validate_token: each situation and the outcome a citizen would get."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import pytest
from cryptography.x509.oid import ExtendedKeyUsageOID

from foundation.i18n.error_messages import error_text
from identity.eid.auth.challenge import InMemoryChallengeStore, issue_challenge
from identity.eid.auth.claims import AuthenticatedCertificate
from identity.eid.auth.errors import (
    CertificateExpiredError,
    CertificateNotTrustedError,
    CertificateNotYetValidError,
    CertificatePurposeError,
    CertificateRevokedError,
    ChallengeExpiredError,
    EidAuthenticationError,
    InvalidSignatureError,
    MalformedTokenError,
    ReplayedChallengeError,
    RevocationUnknownError,
    WrongOriginError,
)
from identity.eid.auth.revocation import RevocationStatus
from identity.eid.auth.token import AuthenticationToken, SignatureAlgorithm
from identity.eid.auth.trust_anchors import TrustAnchors
from identity.eid.auth.validation import validate_token
from tests.unit.identity.eid.auth.card_pki import (
    NATIONAL_NUMBER,
    NOW,
    ORIGIN,
    Card,
    TestPki,
    key_usage,
    make_authentication_certificate,
    make_citizen_ca,
    make_root,
    new_key,
)
from tests.unit.identity.eid.auth.conftest import FixedRevocationChecker


def _validate(
    token: AuthenticationToken,
    *,
    store: InMemoryChallengeStore,
    anchors: TrustAnchors,
    revocation: FixedRevocationChecker,
    card: Card,
    now: object = NOW,
) -> AuthenticatedCertificate:
    return validate_token(
        token,
        expected_origin=ORIGIN,
        challenge_store=store,
        trust_anchors=anchors,
        revocation_checker=revocation,
        now=now,  # type: ignore[arg-type]
        intermediates=[card.ca_certificate],
    )


@pytest.fixture(params=["ec", "rsa"])
def card(request: pytest.FixtureRequest, pki: TestPki) -> Card:
    return pki.ec_card if request.param == "ec" else pki.rsa_card


def test_card_signing_the_challenge_logs_in_with_the_holders_identity(
    card: Card,
    store: InMemoryChallengeStore,
    nonce: str,
    anchors: TrustAnchors,
    revocation: FixedRevocationChecker,
) -> None:
    token = card.token(origin=ORIGIN, nonce=nonce)

    person = _validate(token, store=store, anchors=anchors, revocation=revocation, card=card)

    assert person.national_number == NATIONAL_NUMBER
    assert person.surname == "Mremi"
    assert person.given_names == "Naïma Aïcha"
    assert person.common_name == "Naïma Mremi (Authentication)"
    assert person.country == "BE"
    assert person.algorithm is card.algorithm
    assert [c.subject.rfc4514_string() for c in person.chain[1:]] == [
        card.ca_certificate.subject.rfc4514_string(),
        anchors.roots[0].subject.rfc4514_string(),
    ]
    # OCSP is asked about this certificate, with its issuer, at the server's time.
    assert revocation.calls == [(card.certificate, card.ca_certificate, NOW)]


def test_applet_versions_sign_with_their_own_algorithm(pki: TestPki) -> None:
    assert pki.ec_card.algorithm is SignatureAlgorithm.ES384
    assert len(pki.ec_card.token(origin=ORIGIN, nonce="n" * 43).signature) == 96
    assert pki.rsa_card.algorithm is SignatureAlgorithm.RS256
    assert len(pki.rsa_card.token(origin=ORIGIN, nonce="n" * 43).signature) == 256


def test_token_claiming_another_origin_is_rejected_as_wrong_origin(
    card: Card,
    store: InMemoryChallengeStore,
    nonce: str,
    anchors: TrustAnchors,
    revocation: FixedRevocationChecker,
) -> None:
    token = card.token(origin="https://monespace.test.evil.example", nonce=nonce)

    with pytest.raises(WrongOriginError):
        _validate(token, store=store, anchors=anchors, revocation=revocation, card=card)


def test_origin_differing_only_by_a_trailing_slash_is_rejected(
    pki: TestPki,
    store: InMemoryChallengeStore,
    nonce: str,
    anchors: TrustAnchors,
    revocation: FixedRevocationChecker,
) -> None:
    token = pki.ec_card.token(origin=ORIGIN + "/", nonce=nonce)

    with pytest.raises(WrongOriginError):
        _validate(token, store=store, anchors=anchors, revocation=revocation, card=pki.ec_card)


def test_challenge_answered_after_five_minutes_is_rejected_as_expired(
    pki: TestPki,
    store: InMemoryChallengeStore,
    nonce: str,
    anchors: TrustAnchors,
    revocation: FixedRevocationChecker,
) -> None:
    token = pki.ec_card.token(origin=ORIGIN, nonce=nonce)
    late = NOW + timedelta(minutes=5)

    with pytest.raises(ChallengeExpiredError):
        _validate(
            token, store=store, anchors=anchors, revocation=revocation, card=pki.ec_card, now=late
        )


def test_challenge_answered_just_within_five_minutes_is_accepted(
    pki: TestPki,
    store: InMemoryChallengeStore,
    nonce: str,
    anchors: TrustAnchors,
    revocation: FixedRevocationChecker,
) -> None:
    token = pki.ec_card.token(origin=ORIGIN, nonce=nonce)
    almost = NOW + timedelta(minutes=5) - timedelta(seconds=1)

    person = _validate(
        token, store=store, anchors=anchors, revocation=revocation, card=pki.ec_card, now=almost
    )

    assert person.national_number == NATIONAL_NUMBER


def test_second_use_of_a_challenge_is_rejected_as_replay(
    pki: TestPki,
    store: InMemoryChallengeStore,
    nonce: str,
    anchors: TrustAnchors,
    revocation: FixedRevocationChecker,
) -> None:
    token = pki.ec_card.token(origin=ORIGIN, nonce=nonce)
    _validate(token, store=store, anchors=anchors, revocation=revocation, card=pki.ec_card)

    with pytest.raises(ReplayedChallengeError):
        _validate(token, store=store, anchors=anchors, revocation=revocation, card=pki.ec_card)


def test_failed_attempt_spends_the_challenge(
    pki: TestPki,
    store: InMemoryChallengeStore,
    nonce: str,
    anchors: TrustAnchors,
    revocation: FixedRevocationChecker,
) -> None:
    wrong = pki.ec_card.token(origin="https://elsewhere.example", nonce=nonce)
    with pytest.raises(WrongOriginError):
        _validate(wrong, store=store, anchors=anchors, revocation=revocation, card=pki.ec_card)

    right = pki.ec_card.token(origin=ORIGIN, nonce=nonce)
    with pytest.raises(ReplayedChallengeError):
        _validate(right, store=store, anchors=anchors, revocation=revocation, card=pki.ec_card)


def test_nonce_the_server_never_issued_is_rejected_as_expired(
    pki: TestPki,
    store: InMemoryChallengeStore,
    anchors: TrustAnchors,
    revocation: FixedRevocationChecker,
) -> None:
    token = pki.ec_card.token(origin=ORIGIN, nonce="A" * 43)

    with pytest.raises(ChallengeExpiredError, match="unknown"):
        _validate(token, store=store, anchors=anchors, revocation=revocation, card=pki.ec_card)


def test_nonce_that_is_not_base64url_is_rejected_before_the_store(
    pki: TestPki,
    store: InMemoryChallengeStore,
    anchors: TrustAnchors,
    revocation: FixedRevocationChecker,
) -> None:
    token = pki.ec_card.token(origin=ORIGIN, nonce="x' OR 1=1 --" * 4)

    with pytest.raises(ChallengeExpiredError, match="could have issued"):
        _validate(token, store=store, anchors=anchors, revocation=revocation, card=pki.ec_card)


def test_expired_certificate_is_rejected(
    pki: TestPki,
    store: InMemoryChallengeStore,
    nonce: str,
    anchors: TrustAnchors,
    revocation: FixedRevocationChecker,
) -> None:
    expired = pki.ec_card.with_certificate(
        make_authentication_certificate(
            pki.citizen_ca,
            pki.ec_card.key,
            not_before=NOW - timedelta(days=3650),
            not_after=NOW - timedelta(days=1),
        )
    )

    with pytest.raises(CertificateExpiredError):
        _validate(
            expired.token(origin=ORIGIN, nonce=nonce),
            store=store,
            anchors=anchors,
            revocation=revocation,
            card=expired,
        )


def test_certificate_not_yet_valid_is_rejected(
    pki: TestPki,
    store: InMemoryChallengeStore,
    nonce: str,
    anchors: TrustAnchors,
    revocation: FixedRevocationChecker,
) -> None:
    future = pki.rsa_card.with_certificate(
        make_authentication_certificate(
            pki.citizen_ca, pki.rsa_card.key, not_before=NOW + timedelta(hours=1)
        )
    )

    with pytest.raises(CertificateNotYetValidError):
        _validate(
            future.token(origin=ORIGIN, nonce=nonce),
            store=store,
            anchors=anchors,
            revocation=revocation,
            card=future,
        )


def test_signature_certificate_of_the_card_is_rejected_as_wrong_purpose(
    pki: TestPki,
    store: InMemoryChallengeStore,
    nonce: str,
    anchors: TrustAnchors,
    revocation: FixedRevocationChecker,
) -> None:
    # The card's qualified-signature certificate: nonRepudiation only, no EKU.
    signing = pki.ec_card.with_certificate(
        make_authentication_certificate(
            pki.citizen_ca,
            pki.ec_card.key,
            usage=key_usage(non_repudiation=True),
            extended_usage=None,
            purpose="Signature",
        )
    )

    with pytest.raises(CertificatePurposeError, match="digitalSignature"):
        _validate(
            signing.token(origin=ORIGIN, nonce=nonce),
            store=store,
            anchors=anchors,
            revocation=revocation,
            card=signing,
        )


def test_certificate_for_servers_only_is_rejected_as_wrong_purpose(
    pki: TestPki,
    store: InMemoryChallengeStore,
    nonce: str,
    anchors: TrustAnchors,
    revocation: FixedRevocationChecker,
) -> None:
    server = pki.ec_card.with_certificate(
        make_authentication_certificate(
            pki.citizen_ca, pki.ec_card.key, extended_usage=[ExtendedKeyUsageOID.SERVER_AUTH]
        )
    )

    with pytest.raises(CertificatePurposeError, match="clientAuth"):
        _validate(
            server.token(origin=ORIGIN, nonce=nonce),
            store=store,
            anchors=anchors,
            revocation=revocation,
            card=server,
        )


def test_certificate_without_extended_key_usage_is_accepted(
    pki: TestPki,
    store: InMemoryChallengeStore,
    nonce: str,
    anchors: TrustAnchors,
    revocation: FixedRevocationChecker,
) -> None:
    plain = pki.rsa_card.with_certificate(
        make_authentication_certificate(pki.citizen_ca, pki.rsa_card.key, extended_usage=None)
    )

    person = _validate(
        plain.token(origin=ORIGIN, nonce=nonce),
        store=store,
        anchors=anchors,
        revocation=revocation,
        card=plain,
    )

    assert person.national_number == NATIONAL_NUMBER


def test_certificate_without_national_number_is_rejected_as_wrong_purpose(
    pki: TestPki,
    store: InMemoryChallengeStore,
    nonce: str,
    anchors: TrustAnchors,
    revocation: FixedRevocationChecker,
) -> None:
    anonymous = pki.ec_card.with_certificate(
        make_authentication_certificate(pki.citizen_ca, pki.ec_card.key, national_number="")
    )

    with pytest.raises(CertificatePurposeError, match="serialNumber"):
        _validate(
            anonymous.token(origin=ORIGIN, nonce=nonce),
            store=store,
            anchors=anchors,
            revocation=revocation,
            card=anonymous,
        )


def test_card_from_another_root_is_rejected_as_untrusted(
    pki: TestPki,
    store: InMemoryChallengeStore,
    nonce: str,
    anchors: TrustAnchors,
    revocation: FixedRevocationChecker,
) -> None:
    # Same names as the real hierarchy, different keys: only the keys make trust.
    other_root = make_root(new_key("ec"))
    other_ca = make_citizen_ca(other_root, new_key("ec"))
    key = pki.ec_card.key
    forged = Card(
        key,
        make_authentication_certificate(other_ca, key),
        other_ca.certificate,
        SignatureAlgorithm.ES384,
    )

    with pytest.raises(CertificateNotTrustedError):
        _validate(
            forged.token(origin=ORIGIN, nonce=nonce),
            store=store,
            anchors=anchors,
            revocation=revocation,
            card=forged,
        )
    assert revocation.calls == []


def test_missing_citizen_ca_certificate_is_rejected_as_untrusted(
    pki: TestPki,
    store: InMemoryChallengeStore,
    nonce: str,
    anchors: TrustAnchors,
    revocation: FixedRevocationChecker,
) -> None:
    token = pki.ec_card.token(origin=ORIGIN, nonce=nonce)

    with pytest.raises(CertificateNotTrustedError):
        validate_token(
            token,
            expected_origin=ORIGIN,
            challenge_store=store,
            trust_anchors=anchors,
            revocation_checker=revocation,
            now=NOW,
        )


def test_citizen_ca_kept_with_the_trust_anchors_completes_the_chain(
    pki: TestPki, store: InMemoryChallengeStore, nonce: str, revocation: FixedRevocationChecker
) -> None:
    anchors = TrustAnchors.of([pki.root.certificate, pki.citizen_ca.certificate])
    token = pki.ec_card.token(origin=ORIGIN, nonce=nonce)

    person = validate_token(
        token,
        expected_origin=ORIGIN,
        challenge_store=store,
        trust_anchors=anchors,
        revocation_checker=revocation,
        now=NOW,
    )

    assert person.chain[-1] == pki.root.certificate


def test_revoked_certificate_is_rejected(
    card: Card, store: InMemoryChallengeStore, nonce: str, anchors: TrustAnchors
) -> None:
    revoked = FixedRevocationChecker(RevocationStatus.REVOKED)

    with pytest.raises(CertificateRevokedError):
        _validate(
            card.token(origin=ORIGIN, nonce=nonce),
            store=store,
            anchors=anchors,
            revocation=revoked,
            card=card,
        )


def test_unknown_revocation_status_is_rejected(
    card: Card, store: InMemoryChallengeStore, nonce: str, anchors: TrustAnchors
) -> None:
    unknown = FixedRevocationChecker(RevocationStatus.UNKNOWN)

    with pytest.raises(RevocationUnknownError):
        _validate(
            card.token(origin=ORIGIN, nonce=nonce),
            store=store,
            anchors=anchors,
            revocation=unknown,
            card=card,
        )


def test_tampered_signature_is_rejected_without_asking_ocsp(
    card: Card,
    store: InMemoryChallengeStore,
    nonce: str,
    anchors: TrustAnchors,
    revocation: FixedRevocationChecker,
) -> None:
    token = card.token(origin=ORIGIN, nonce=nonce)
    flipped = bytes([token.signature[0] ^ 0x01]) + token.signature[1:]

    with pytest.raises(InvalidSignatureError):
        _validate(
            replace(token, signature=flipped),
            store=store,
            anchors=anchors,
            revocation=revocation,
            card=card,
        )
    assert revocation.calls == []


def test_signature_over_a_different_challenge_is_rejected(
    card: Card,
    store: InMemoryChallengeStore,
    nonce: str,
    anchors: TrustAnchors,
    revocation: FixedRevocationChecker,
) -> None:
    # The card signed an older challenge; the token names a fresh, valid one.
    other = issue_challenge(store=store, now=NOW).nonce
    token = card.token(origin=ORIGIN, nonce=nonce, signed_nonce=other)

    with pytest.raises(InvalidSignatureError):
        _validate(token, store=store, anchors=anchors, revocation=revocation, card=card)


def test_signature_over_another_origin_is_rejected(
    card: Card,
    store: InMemoryChallengeStore,
    nonce: str,
    anchors: TrustAnchors,
    revocation: FixedRevocationChecker,
) -> None:
    # A phishing site relays our challenge: the card signed its origin, the token lies.
    token = card.token(origin=ORIGIN, nonce=nonce, signed_origin="https://phishing.example")

    with pytest.raises(InvalidSignatureError):
        _validate(token, store=store, anchors=anchors, revocation=revocation, card=card)


def test_algorithm_not_matching_the_card_key_is_rejected(
    pki: TestPki,
    store: InMemoryChallengeStore,
    nonce: str,
    anchors: TrustAnchors,
    revocation: FixedRevocationChecker,
) -> None:
    token = pki.rsa_card.token(origin=ORIGIN, nonce=nonce)

    with pytest.raises(InvalidSignatureError, match="does not match"):
        _validate(
            replace(token, algorithm="ES384"),
            store=store,
            anchors=anchors,
            revocation=revocation,
            card=pki.rsa_card,
        )


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"algorithm": "HS256"}, "unsupported signature algorithm"),
        ({"certificate": b"not a certificate"}, "not DER"),
    ],
)
def test_unreadable_token_is_rejected_as_malformed(
    pki: TestPki,
    store: InMemoryChallengeStore,
    nonce: str,
    anchors: TrustAnchors,
    revocation: FixedRevocationChecker,
    change: dict[str, object],
    message: str,
) -> None:
    token = replace(pki.ec_card.token(origin=ORIGIN, nonce=nonce), **change)  # type: ignore[arg-type]

    with pytest.raises(MalformedTokenError, match=message):
        _validate(token, store=store, anchors=anchors, revocation=revocation, card=pki.ec_card)


def test_naive_clock_is_refused(
    pki: TestPki,
    store: InMemoryChallengeStore,
    nonce: str,
    anchors: TrustAnchors,
    revocation: FixedRevocationChecker,
) -> None:
    token = pki.ec_card.token(origin=ORIGIN, nonce=nonce)

    with pytest.raises(ValueError, match="timezone-aware"):
        _validate(
            token,
            store=store,
            anchors=anchors,
            revocation=revocation,
            card=pki.ec_card,
            now=NOW.replace(tzinfo=None),
        )


def test_every_error_has_a_text_of_its_own_and_an_english_detail() -> None:
    errors = EidAuthenticationError.__subclasses__()
    assert len(errors) >= 12
    generic = error_text("fr", EidAuthenticationError("x"))
    for error_class in errors:
        error = error_class("some detail")
        assert error.detail == "some detail"
        assert str(error) == "some detail"
        assert error_text("fr", error) != generic, error_class
        assert error_text("fr", error).endswith("."), error_class


def test_card_supplying_its_own_root_is_still_untrusted(
    pki: TestPki,
    store: InMemoryChallengeStore,
    nonce: str,
    anchors: TrustAnchors,
    revocation: FixedRevocationChecker,
) -> None:
    other_root = make_root(new_key("ec"))
    other_ca = make_citizen_ca(other_root, new_key("ec"))
    forged = Card(
        pki.ec_card.key,
        make_authentication_certificate(other_ca, pki.ec_card.key),
        other_ca.certificate,
        SignatureAlgorithm.ES384,
    )

    with pytest.raises(CertificateNotTrustedError):
        validate_token(
            forged.token(origin=ORIGIN, nonce=nonce),
            expected_origin=ORIGIN,
            challenge_store=store,
            trust_anchors=anchors,
            revocation_checker=revocation,
            now=NOW,
            intermediates=[other_ca.certificate, other_root.certificate],
        )
