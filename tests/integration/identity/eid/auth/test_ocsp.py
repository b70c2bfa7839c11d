"""The OCSP checker against a real responder over HTTP on loopback."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from cryptography.x509 import ocsp

from identity.eid.auth.challenge import InMemoryChallengeStore, issue_challenge
from identity.eid.auth.errors import CertificateRevokedError, RevocationUnknownError
from identity.eid.auth.ocsp import OcspRevocationChecker
from identity.eid.auth.revocation import RevocationStatus
from identity.eid.auth.trust_anchors import TrustAnchors
from identity.eid.auth.validation import validate_token
from tests.integration.conftest import free_port
from tests.integration.identity.eid.auth.ocsp_responder import (
    ResponderState,
    RunningResponder,
    running_ocsp_responder,
)
from tests.unit.identity.eid.auth.card_pki import NATIONAL_NUMBER, NOW, ORIGIN, TestPki

pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
def responder() -> Iterator[RunningResponder]:
    # The cards' AIA must name the responder, so it starts first and the PKI is made for it.
    with running_ocsp_responder(ResponderState(clock=lambda: NOW)) as running:
        yield running


@pytest.fixture(scope="module")
def pki(responder: RunningResponder) -> TestPki:
    made = TestPki.create(ocsp_url=responder.url)
    responder.state.signer = made.ocsp_responder
    responder.state.statuses = {
        made.ec_card.certificate.serial_number: ocsp.OCSPCertStatus.GOOD,
        made.rsa_card.certificate.serial_number: ocsp.OCSPCertStatus.REVOKED,
    }
    return made


@pytest.fixture(autouse=True)
def _responder_answers(responder: RunningResponder) -> Iterator[None]:
    yield
    responder.state.fail_with_http = None


def test_good_card_is_good_at_the_responder_named_in_its_certificate(
    pki: TestPki, responder: RunningResponder
) -> None:
    before = responder.state.requests

    result = OcspRevocationChecker().check(
        certificate=pki.ec_card.certificate, issuer=pki.citizen_ca.certificate, now=NOW
    )

    assert result.status is RevocationStatus.GOOD
    assert responder.state.requests == before + 1


def test_revoked_card_is_revoked(pki: TestPki) -> None:
    result = OcspRevocationChecker().check(
        certificate=pki.rsa_card.certificate, issuer=pki.citizen_ca.certificate, now=NOW
    )

    assert result.status is RevocationStatus.REVOKED
    assert result.revoked_at is not None


def test_card_the_responder_does_not_know_is_unknown(pki: TestPki) -> None:
    # The CA's own certificate was never registered with the responder.
    result = OcspRevocationChecker().check(
        certificate=pki.citizen_ca.certificate, issuer=pki.root.certificate, now=NOW
    )

    assert result.status is RevocationStatus.UNKNOWN


def test_unreachable_responder_is_unknown(pki: TestPki) -> None:
    checker = OcspRevocationChecker(
        responder_url=f"http://127.0.0.1:{free_port()}/ocsp", timeout_seconds=2
    )

    result = checker.check(
        certificate=pki.ec_card.certificate, issuer=pki.citizen_ca.certificate, now=NOW
    )

    assert result.status is RevocationStatus.UNKNOWN
    assert "unreachable" in result.detail


def test_responder_answering_an_http_error_is_unknown(
    pki: TestPki, responder: RunningResponder
) -> None:
    responder.state.fail_with_http = 503

    result = OcspRevocationChecker().check(
        certificate=pki.ec_card.certificate, issuer=pki.citizen_ca.certificate, now=NOW
    )

    assert result.status is RevocationStatus.UNKNOWN
    assert "503" in result.detail


def test_configured_responder_url_overrides_the_certificate(
    pki: TestPki, responder: RunningResponder
) -> None:
    other_card = TestPki.create()  # its AIA points at a port where nothing listens
    responder.state.statuses[other_card.ec_card.certificate.serial_number] = (
        ocsp.OCSPCertStatus.GOOD
    )
    # The other PKI's CA is the issuer here; the responder must be delegated by it.
    responder.state.signer = other_card.ocsp_responder
    try:
        result = OcspRevocationChecker(responder_url=responder.url).check(
            certificate=other_card.ec_card.certificate,
            issuer=other_card.citizen_ca.certificate,
            now=NOW,
        )
    finally:
        responder.state.signer = pki.ocsp_responder

    assert result.status is RevocationStatus.GOOD


def _login(pki: TestPki, *, card_kind: str) -> str:
    card = pki.ec_card if card_kind == "ec" else pki.rsa_card
    store = InMemoryChallengeStore()
    nonce = issue_challenge(store=store, now=NOW).nonce
    person = validate_token(
        card.token(origin=ORIGIN, nonce=nonce),
        expected_origin=ORIGIN,
        challenge_store=store,
        trust_anchors=TrustAnchors(roots=(pki.root.certificate,)),
        revocation_checker=OcspRevocationChecker(),
        now=NOW,
        intermediates=[card.ca_certificate],
    )
    return person.national_number


def test_login_with_a_good_card_checks_ocsp_and_succeeds(pki: TestPki) -> None:
    assert _login(pki, card_kind="ec") == NATIONAL_NUMBER


def test_login_with_a_revoked_card_is_refused(pki: TestPki) -> None:
    with pytest.raises(CertificateRevokedError):
        _login(pki, card_kind="rsa")


def test_login_while_the_responder_is_down_is_refused(
    pki: TestPki, responder: RunningResponder
) -> None:
    responder.state.fail_with_http = 500

    with pytest.raises(RevocationUnknownError):
        _login(pki, card_kind="ec")
