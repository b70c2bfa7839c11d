from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

import pytest
from cryptography import x509

from identity.eid.auth.challenge import InMemoryChallengeStore, issue_challenge
from identity.eid.auth.revocation import RevocationResult, RevocationStatus
from identity.eid.auth.trust_anchors import TrustAnchors
from tests.unit.identity.eid.auth.card_pki import NOW, TestPki


@dataclass
class FixedRevocationChecker:
    """Answers one status and records what it was asked, to check order and arguments."""

    status: RevocationStatus = RevocationStatus.GOOD
    calls: list[tuple[x509.Certificate, x509.Certificate, datetime]] = field(default_factory=list)

    def check(
        self, *, certificate: x509.Certificate, issuer: x509.Certificate, now: datetime
    ) -> RevocationResult:
        self.calls.append((certificate, issuer, now))
        revoked_at = NOW if self.status is RevocationStatus.REVOKED else None
        return RevocationResult(self.status, f"fixed {self.status}", revoked_at)


@pytest.fixture(scope="session")
def pki() -> TestPki:
    return TestPki.create()


@pytest.fixture
def store() -> InMemoryChallengeStore:
    return InMemoryChallengeStore()


@pytest.fixture
def nonce(store: InMemoryChallengeStore) -> str:
    return issue_challenge(store=store, now=NOW).nonce


@pytest.fixture
def anchors(pki: TestPki) -> TrustAnchors:
    return TrustAnchors(roots=(pki.root.certificate,))


@pytest.fixture
def revocation() -> FixedRevocationChecker:
    return FixedRevocationChecker()
