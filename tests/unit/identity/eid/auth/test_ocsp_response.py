"""Reading OCSP responses: only a fresh answer about this certificate, signed by the CA or its
delegated responder, counts; any doubt is UNKNOWN (and the login fails closed)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from cryptography import x509
from cryptography.hazmat.primitives.serialization import Encoding
from cryptography.x509 import ocsp

from identity.eid.auth.ocsp import build_ocsp_request, responder_url_from_aia
from identity.eid.auth.ocsp_response import evaluate_ocsp_response
from identity.eid.auth.revocation import RevocationResult, RevocationStatus
from tests.unit.identity.eid.auth.card_pki import (
    DEFAULT_OCSP_URL,
    NOW,
    Card,
    Issued,
    TestPki,
    make_citizen_ca,
    make_ocsp_responder,
    new_key,
)
from tests.unit.identity.eid.auth.ocsp_answers import request_for, sign_ocsp_answer

NONCE = b"\x42" * 32
GOOD = ocsp.OCSPCertStatus.GOOD


def _evaluate(pki: TestPki, answer: bytes, *, card: Card | None = None) -> RevocationResult:
    return evaluate_ocsp_response(
        answer,
        certificate=(card or pki.ec_card).certificate,
        issuer=pki.citizen_ca.certificate,
        nonce=NONCE,
        now=NOW,
    )


def _answer(pki: TestPki, status: ocsp.OCSPCertStatus = GOOD, **options: object) -> bytes:
    request = request_for(pki.ec_card.certificate, pki.citizen_ca.certificate)
    options.setdefault("signer", pki.ocsp_responder)
    options.setdefault("nonce", NONCE)
    return sign_ocsp_answer(request, status=status, now=NOW, **options)  # type: ignore[arg-type]


def test_good_answer_from_the_delegated_responder_is_good(pki: TestPki) -> None:
    assert _evaluate(pki, _answer(pki)).status is RevocationStatus.GOOD


def test_good_answer_signed_by_the_ca_itself_is_good(pki: TestPki) -> None:
    answer = _answer(pki, signer=pki.citizen_ca, delegated=False, by_name=True)

    assert _evaluate(pki, answer).status is RevocationStatus.GOOD


def test_revoked_answer_gives_the_revocation_time(pki: TestPki) -> None:
    result = _evaluate(
        pki, _answer(pki, ocsp.OCSPCertStatus.REVOKED, revoked_at=NOW - timedelta(days=3))
    )

    assert result.status is RevocationStatus.REVOKED
    assert result.revoked_at == NOW - timedelta(days=3)
    assert "key_compromise" in result.detail


def test_unknown_answer_is_unknown(pki: TestPki) -> None:
    result = _evaluate(pki, _answer(pki, ocsp.OCSPCertStatus.UNKNOWN))

    assert result.status is RevocationStatus.UNKNOWN
    assert "does not know" in result.detail


def test_answer_from_a_responder_of_another_ca_is_not_trusted(pki: TestPki) -> None:
    stranger_ca = make_citizen_ca(pki.root, new_key("ec"))
    stranger = make_ocsp_responder(stranger_ca, new_key("ec"))

    result = _evaluate(pki, _answer(pki, ocsp.OCSPCertStatus.REVOKED, signer=stranger))

    assert result.status is RevocationStatus.UNKNOWN
    assert "not issued by the CA" in result.detail


def test_answer_signed_by_a_ca_certificate_without_ocsp_signing_is_not_trusted(
    pki: TestPki,
) -> None:
    # The card holder's own certificate is issued by the CA but is not an OCSP responder.
    holder = Issued(pki.ec_card.certificate, pki.ec_card.key)

    result = _evaluate(pki, _answer(pki, signer=holder))

    assert result.status is RevocationStatus.UNKNOWN
    assert "OCSP signing" in result.detail


def test_answer_with_a_tampered_signature_is_not_trusted(pki: TestPki) -> None:
    answer = _answer(pki)
    signature = ocsp.load_der_ocsp_response(answer).signature
    at = answer.index(signature) + len(signature) // 2
    tampered = answer[:at] + bytes([answer[at] ^ 0x01]) + answer[at + 1 :]

    result = _evaluate(pki, tampered)

    assert result.status is RevocationStatus.UNKNOWN
    assert "signature does not verify" in result.detail


def test_answer_echoing_another_nonce_is_not_trusted(pki: TestPki) -> None:
    result = _evaluate(pki, _answer(pki, nonce=b"\x01" * 32))

    assert result.status is RevocationStatus.UNKNOWN
    assert "nonce" in result.detail


def test_answer_without_nonce_but_fresh_is_accepted(pki: TestPki) -> None:
    assert _evaluate(pki, _answer(pki, nonce=None)).status is RevocationStatus.GOOD


def test_stale_answer_is_not_trusted(pki: TestPki) -> None:
    stale = _answer(
        pki,
        this_update=NOW - timedelta(hours=2),
        next_update=NOW + timedelta(hours=1),
    )

    result = _evaluate(pki, stale)

    assert result.status is RevocationStatus.UNKNOWN
    assert "too old" in result.detail


def test_answer_past_its_next_update_is_not_trusted(pki: TestPki) -> None:
    expired = _answer(
        pki,
        this_update=NOW - timedelta(minutes=1),
        next_update=NOW - timedelta(minutes=20),
    )

    assert "nextUpdate" in _evaluate(pki, expired).detail


def test_answer_dated_in_the_future_is_not_trusted(pki: TestPki) -> None:
    future = _answer(
        pki, this_update=NOW + timedelta(hours=1), next_update=NOW + timedelta(hours=2)
    )

    assert "future" in _evaluate(pki, future).detail


def test_answer_about_another_certificate_is_not_taken_for_this_one(pki: TestPki) -> None:
    # A good answer about the RSA card must not clear the EC card.
    request = request_for(pki.rsa_card.certificate, pki.citizen_ca.certificate)
    answer = sign_ocsp_answer(request, status=GOOD, signer=pki.ocsp_responder, now=NOW, nonce=NONCE)

    result = _evaluate(pki, answer)

    assert result.status is RevocationStatus.UNKNOWN
    assert "says nothing about this certificate" in result.detail


def test_unsuccessful_and_garbage_answers_are_unknown(pki: TestPki) -> None:
    refusal = ocsp.OCSPResponseBuilder.build_unsuccessful(
        ocsp.OCSPResponseStatus.UNAUTHORIZED
    ).public_bytes(Encoding.DER)

    assert "UNAUTHORIZED" in _evaluate(pki, refusal).detail
    assert "unreadable" in _evaluate(pki, b"<html>proxy error</html>").detail


def test_request_asks_about_the_certificate_with_a_nonce(pki: TestPki) -> None:
    der = build_ocsp_request(
        certificate=pki.ec_card.certificate, issuer=pki.citizen_ca.certificate, nonce=NONCE
    )
    request = ocsp.load_der_ocsp_request(der)

    assert request.serial_number == pki.ec_card.certificate.serial_number
    assert request.extensions.get_extension_for_class(x509.OCSPNonce).value.nonce == NONCE


def test_responder_url_is_read_from_the_certificate(pki: TestPki) -> None:
    assert responder_url_from_aia(pki.ec_card.certificate) == DEFAULT_OCSP_URL
    assert responder_url_from_aia(pki.root.certificate) is None


@pytest.mark.parametrize("by_name", [True, False])
def test_responder_may_be_named_by_name_or_by_key_hash(pki: TestPki, by_name: bool) -> None:
    assert _evaluate(pki, _answer(pki, by_name=by_name)).status is RevocationStatus.GOOD
