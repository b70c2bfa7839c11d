"""Server side of the eID login (challenge–response, the Web eID way); no Reflex import.

challenge = issue_challenge(store=store, now=now)          # nonce → the reader side
token = ...                                                 # the card signs digest_to_sign(...)
person = validate_token(token, expected_origin=..., challenge_store=store,
                        trust_anchors=load_trust_anchors(dir), revocation_checker=...,
                        now=now, intermediates=[card_ca])

The refusals are the classes of ``identity.eid.auth.errors`` (each has its text in the catalogues).
"""

from identity.eid.auth.challenge import (
    CHALLENGE_LIFETIME,
    Challenge,
    ChallengeStore,
    InMemoryChallengeStore,
    SqlChallengeStore,
    issue_challenge,
)
from identity.eid.auth.claims import AuthenticatedCertificate
from identity.eid.auth.ocsp import OcspRevocationChecker
from identity.eid.auth.revocation import RevocationChecker, RevocationResult, RevocationStatus
from identity.eid.auth.token import (
    AuthenticationToken,
    SignatureAlgorithm,
    algorithm_for_key,
    digest_to_sign,
    signed_data,
)
from identity.eid.auth.trust_anchors import TrustAnchors, load_trust_anchors
from identity.eid.auth.validation import validate_token

__all__ = [
    "CHALLENGE_LIFETIME",
    "AuthenticatedCertificate",
    "AuthenticationToken",
    "Challenge",
    "ChallengeStore",
    "InMemoryChallengeStore",
    "OcspRevocationChecker",
    "RevocationChecker",
    "RevocationResult",
    "RevocationStatus",
    "SignatureAlgorithm",
    "SqlChallengeStore",
    "TrustAnchors",
    "algorithm_for_key",
    "digest_to_sign",
    "issue_challenge",
    "load_trust_anchors",
    "signed_data",
    "validate_token",
]
