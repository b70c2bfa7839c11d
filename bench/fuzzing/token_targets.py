"""The server's check of an eID authentication token (identity/eid/auth): the certificate and
the signature a card returned, the algorithm, origin and nonce claimed, each mutated in turn.
Besides "no crash": a token is accepted only with the card's own certificate and signature."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime

from cryptography import x509
from cryptography.hazmat.primitives.serialization import Encoding

from bench.fuzzing.inputs import Inputs
from bench.fuzzing.target import ACCEPTED, BrokenRuleError, Target
from identity.eid.auth.challenge import InMemoryChallengeStore, issue_challenge
from identity.eid.auth.errors import EidAuthenticationError
from identity.eid.auth.revocation import RevocationResult, RevocationStatus
from identity.eid.auth.token import AuthenticationToken, SignatureAlgorithm
from identity.eid.auth.trust_anchors import TrustAnchors
from identity.eid.auth.validation import validate_token
from tests.unit.identity.eid.auth.card_pki import NOW, ORIGIN, Card, TestPki


class _Good:
    def check(
        self, *, certificate: x509.Certificate, issuer: x509.Certificate, now: datetime
    ) -> RevocationResult:
        return RevocationResult(RevocationStatus.GOOD, "fuzzing")


@dataclass(frozen=True)
class TokenCase:
    card: int
    part: str  # which part of the token is mutated
    value: object


def token_targets() -> list[Target]:
    pki = TestPki.create()
    cards: list[Card] = [pki.ec_card, pki.rsa_card]
    anchors = TrustAnchors(roots=(pki.root.certificate,))
    genuine = {card.certificate.public_bytes(Encoding.DER) for card in cards}
    algorithms = [algorithm.value for algorithm in SignatureAlgorithm]

    def make(inputs: Inputs) -> TokenCase:
        which = inputs.integer(0, len(cards) - 1)
        part = inputs.pick(("none", "certificate", "signature", "algorithm", "origin", "nonce"))
        value: object = None
        match part:
            case "certificate":
                der = cards[which].certificate.public_bytes(Encoding.DER)
                value = inputs.mutated_bytes(der)
            case "signature":
                value = inputs.raw_bytes(120) if inputs.chance(0.2) else None
            case "algorithm":
                value = inputs.typed(algorithms, most=10)
            case "origin":
                value = inputs.typed([ORIGIN, "https://monespace.test:443", "http://x"])
            case "nonce":
                value = inputs.typed(["A" * 43, "_-" * 20], most=90)
        return TokenCase(which, part, value)

    def check(case: TokenCase) -> str:
        card = cards[case.card]
        store = InMemoryChallengeStore()  # one per input: refused tokens leave theirs
        nonce = issue_challenge(store=store, now=NOW).nonce
        token = card.token(origin=ORIGIN, nonce=nonce)
        token = _mutated(token, case)
        claims = validate_token(
            token,
            expected_origin=ORIGIN,
            challenge_store=store,
            trust_anchors=anchors,
            revocation_checker=_Good(),
            now=NOW,
            intermediates=[card.ca_certificate],
        )
        if token.certificate not in genuine or claims is None:
            raise BrokenRuleError("a token with a certificate the PKI never issued was accepted")
        return ACCEPTED

    return [
        Target(
            "eid.token_validation",
            "identity/eid/auth/validation.py: validate_token",
            weight=1,
            make=make,
            check=check,
            refusals=(EidAuthenticationError,),
        )
    ]


def _mutated(token: AuthenticationToken, case: TokenCase) -> AuthenticationToken:
    match case.part:
        case "certificate":
            assert isinstance(case.value, bytes)
            return replace(token, certificate=case.value)
        case "signature":
            signature = case.value if isinstance(case.value, bytes) else _flipped(token.signature)
            return replace(token, signature=signature)
        case "algorithm":
            return replace(token, algorithm=str(case.value))
        case "origin":
            return replace(token, origin=str(case.value))
        case "nonce":
            return replace(token, nonce=str(case.value))
    return token


def _flipped(signature: bytes) -> bytes:
    return signature[:-1] + bytes([signature[-1] ^ 0x01])
