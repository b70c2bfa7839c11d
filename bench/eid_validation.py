"""Prints how long validate_token takes (median and p95), for an ECDSA P-384 card (applet 1.8)
and an RSA-2048 card (applet 1.7), with the in-memory challenge store and a real OCSP round trip
to a responder on loopback; and without OCSP, to show what the round trip costs.

    .venv/bin/python bench/eid_validation.py [--runs N]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from cryptography.x509 import ocsp

from identity.eid.auth.challenge import InMemoryChallengeStore, issue_challenge
from identity.eid.auth.ocsp import OcspRevocationChecker
from identity.eid.auth.revocation import RevocationChecker
from identity.eid.auth.trust_anchors import TrustAnchors
from identity.eid.auth.validation import validate_token
from tests.integration.identity.eid.auth.ocsp_responder import (
    ResponderState,
    running_ocsp_responder,
)
from tests.unit.identity.eid.auth.card_pki import NOW, ORIGIN, Card, TestPki
from tests.unit.identity.eid.auth.conftest import FixedRevocationChecker


def measure(
    card: Card, anchors: TrustAnchors, checker: RevocationChecker, runs: int
) -> list[float]:
    store = InMemoryChallengeStore()
    timings: list[float] = []
    for _ in range(runs):
        # Challenge issue and card signature are outside the timing: only the server's check.
        nonce = issue_challenge(store=store, now=NOW).nonce
        token = card.token(origin=ORIGIN, nonce=nonce)
        start = time.perf_counter()
        validate_token(
            token,
            expected_origin=ORIGIN,
            challenge_store=store,
            trust_anchors=anchors,
            revocation_checker=checker,
            now=NOW,
            intermediates=[card.ca_certificate],
        )
        timings.append(time.perf_counter() - start)
    return timings


def report(label: str, timings: list[float]) -> None:
    ordered = sorted(timings)
    p95 = ordered[max(0, round(0.95 * len(ordered)) - 1)]
    print(
        f"{label:<34} median {statistics.median(ordered) * 1000:6.2f} ms"
        f"   p95 {p95 * 1000:6.2f} ms   ({len(ordered)} runs)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=300)
    runs = parser.parse_args().runs
    with running_ocsp_responder(ResponderState(clock=lambda: NOW)) as responder:
        pki = TestPki.create(ocsp_url=responder.url)
        responder.state.signer = pki.ocsp_responder
        responder.state.statuses = {
            card.certificate.serial_number: ocsp.OCSPCertStatus.GOOD
            for card in (pki.ec_card, pki.rsa_card)
        }
        anchors = TrustAnchors(roots=(pki.root.certificate,))
        checkers: dict[str, Callable[[], RevocationChecker]] = {
            "OCSP over loopback HTTP": OcspRevocationChecker,
            "no revocation check": FixedRevocationChecker,
        }
        for checker_label, make_checker in checkers.items():
            for card in (pki.ec_card, pki.rsa_card):
                measure(card, anchors, make_checker(), 10)  # warm-up
                report(
                    f"{card.algorithm}, {checker_label}",
                    measure(card, anchors, make_checker(), runs),
                )


if __name__ == "__main__":
    main()
