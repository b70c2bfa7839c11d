"""The whole eID login through the real stack: the server issues a challenge, the virtual card
signs it through pcscd, the identity layer's validation accepts the token (trust anchors written
by the test PKI, revocation asked of the local OCSP responder) or refuses a revoked card."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from cryptography.hazmat.primitives import serialization

from identity.eid.auth.challenge import InMemoryChallengeStore, issue_challenge
from identity.eid.auth.claims import AuthenticatedCertificate
from identity.eid.auth.errors import CertificateRevokedError
from identity.eid.auth.ocsp import OcspRevocationChecker
from identity.eid.auth.token import AuthenticationToken, algorithm_for_key, digest_to_sign
from identity.eid.auth.trust_anchors import load_trust_anchors
from identity.eid.auth.validation import validate_token
from identity.eid.pcsc_reader import PcscEidReader
from simulators.eid.card_slots import CardSlots, reader_name
from simulators.personas.loader import persona
from simulators.pki.ocsp_responder import OcspResponder
from simulators.pki.test_pki import TestPki
from tests.integration.conftest import free_port

pytestmark = pytest.mark.integration

ORIGIN = "https://monespace.localhost"


@pytest.fixture(scope="module")
def ocsp(test_pki: TestPki) -> Iterator[OcspResponder]:
    responder = OcspResponder(test_pki, port=free_port())
    responder.start()
    yield responder
    responder.stop()


def _login(
    slug: str, slots: CardSlots, pki: TestPki, ocsp: OcspResponder, anchors_dir: Path
) -> AuthenticatedCertificate:
    now = dt.datetime.now(dt.UTC)
    store = InMemoryChallengeStore()
    challenge = issue_challenge(store=store, now=now)
    slots.insert(0, slug)
    with PcscEidReader().wait_for_card(reader=reader_name(0), timeout=5) as card:
        certificates = card.read_certificates()
        algorithm = algorithm_for_key(certificates.authentication.public_key())
        digest = digest_to_sign(origin=ORIGIN, nonce=challenge.nonce, algorithm=algorithm)
        card.verify_pin("1234")
        signature = card.sign(digest, hash_algorithm=algorithm.card_hash_name)
    token = AuthenticationToken(
        certificate=certificates.authentication.public_bytes(serialization.Encoding.DER),
        signature=signature,
        algorithm=str(algorithm),
        origin=ORIGIN,
        nonce=challenge.nonce,
    )
    pki.write_trust_anchors(anchors_dir)
    return validate_token(
        token,
        expected_origin=ORIGIN,
        challenge_store=store,
        trust_anchors=load_trust_anchors(anchors_dir),
        revocation_checker=OcspRevocationChecker(responder_url=ocsp.url),
        now=now,
        intermediates=[certificates.citizen_ca],
    )


@pytest.mark.parametrize("slug", ["naima-mremi", "chloe-ducoeur"])
def test_a_card_login_validates_for_both_applets(
    slots: CardSlots, test_pki: TestPki, ocsp: OcspResponder, tmp_path: Path, slug: str
) -> None:
    claims = _login(slug, slots, test_pki, ocsp, tmp_path / "anchors")
    holder = persona(slug)
    assert claims.national_number == holder.national_number
    assert claims.common_name == f"{holder.display_name} (Authentication)"
    assert str(claims.algorithm) == ("RS256" if holder.card.applet == "1.7" else "ES384")


def test_a_revoked_card_is_refused(
    slots: CardSlots, test_pki: TestPki, ocsp: OcspResponder, tmp_path: Path
) -> None:
    with pytest.raises(CertificateRevokedError):
        _login("sofia-marchetti", slots, test_pki, ocsp, tmp_path / "anchors")
