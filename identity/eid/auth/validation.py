"""Validation of an eID authentication token: small checks, each with its own error, in order.

1. the challenge is taken from the server's store (single use: any attempt spends it);
2. the claimed origin is the configured one;
3. the certificate is valid now, made for authentication, and chains to a configured root;
4. the card's signature covers the server's origin and the server's stored nonce;
5. the certificate is not revoked (last, so bad tokens never cause an outbound OCSP call).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import datetime

from cryptography import x509

from identity.eid.auth.certificate_chain import verify_chain
from identity.eid.auth.certificate_dates import check_certificate_dates
from identity.eid.auth.certificate_purpose import check_authentication_purpose
from identity.eid.auth.challenge import ChallengeStore
from identity.eid.auth.claims import AuthenticatedCertificate, authenticated_certificate
from identity.eid.auth.clock import require_utc
from identity.eid.auth.errors import ChallengeExpiredError, MalformedTokenError
from identity.eid.auth.origin_check import check_origin
from identity.eid.auth.revocation import RevocationChecker, require_not_revoked
from identity.eid.auth.signature_check import verify_card_signature
from identity.eid.auth.token import AuthenticationToken, parse_algorithm
from identity.eid.auth.trust_anchors import TrustAnchors
from identity.eid.certificate_der import parse_certificate

# base64url without padding; the server issues 43 characters (32 bytes).
_NONCE_SHAPE = re.compile(r"[A-Za-z0-9_-]{22,86}")


def _parse_certificate(der: bytes) -> x509.Certificate:
    try:
        return parse_certificate(der)
    except ValueError as error:
        raise MalformedTokenError(f"authentication certificate is not DER: {error}") from None


def validate_token(
    token: AuthenticationToken,
    *,
    expected_origin: str,
    challenge_store: ChallengeStore,
    trust_anchors: TrustAnchors,
    revocation_checker: RevocationChecker,
    now: datetime,
    intermediates: Sequence[x509.Certificate] = (),
) -> AuthenticatedCertificate:
    """Returns the holder's identity claims, or raises the ``EidAuthenticationError`` subclass
    named after the first failure.

    ``intermediates`` are untrusted candidates for path building (the card's "Citizen CA"
    certificate); only ``trust_anchors.roots`` are trusted."""
    now = require_utc(now)
    if not _NONCE_SHAPE.fullmatch(token.nonce):
        raise ChallengeExpiredError("token nonce is not one this server could have issued")
    challenge = challenge_store.take(token.nonce, now=now)

    check_origin(claimed=token.origin, expected=expected_origin)
    algorithm = parse_algorithm(token.algorithm)
    certificate = _parse_certificate(token.certificate)

    check_certificate_dates(certificate, now=now)
    check_authentication_purpose(certificate)
    chain = verify_chain(
        certificate, trust_anchors=trust_anchors, intermediates=intermediates, now=now
    )
    claims = authenticated_certificate(certificate, chain=tuple(chain), algorithm=algorithm)

    # From here on only server-side values: the configured origin and the stored nonce.
    verify_card_signature(
        certificate=certificate,
        signature=token.signature,
        algorithm=algorithm,
        expected_origin=expected_origin,
        expected_nonce=challenge.nonce,
    )
    require_not_revoked(
        checker=revocation_checker, certificate=certificate, issuer=chain[1], now=now
    )
    return claims
