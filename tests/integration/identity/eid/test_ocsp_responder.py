"""The local OCSP responder answers good, revoked and unknown over HTTP on loopback."""

from __future__ import annotations

import base64
import urllib.parse
import urllib.request
from collections.abc import Iterator

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding, rsa
from cryptography.x509 import ocsp

from simulators.personas.loader import persona
from simulators.pki.ocsp_responder import OcspResponder
from simulators.pki.test_pki import TestPki
from tests.integration.conftest import free_port

pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
def responder(test_pki: TestPki) -> Iterator[OcspResponder]:
    server = OcspResponder(test_pki, port=free_port())
    server.start()
    yield server
    server.stop()


def _ask(
    responder: OcspResponder, certificate: x509.Certificate, issuer: x509.Certificate
) -> ocsp.OCSPResponse:
    request = (
        ocsp.OCSPRequestBuilder()
        .add_certificate(certificate, issuer, hashes.SHA1())
        .add_extension(x509.OCSPNonce(b"0123456789abcdef"), critical=False)
        .build()
    )
    body = request.public_bytes(serialization.Encoding.DER)
    http_request = urllib.request.Request(
        responder.url, data=body, headers={"Content-Type": "application/ocsp-request"}
    )
    with urllib.request.urlopen(http_request, timeout=10) as answer:
        assert answer.headers["Content-Type"] == "application/ocsp-response"
        return ocsp.load_der_ocsp_response(answer.read())


def _holder(test_pki: TestPki, slug: str) -> x509.Certificate:
    kind = "rsa" if persona(slug).card.applet == "1.7" else "ec"
    return test_pki.credentials_for(persona(slug), kind).authentication.certificate


def test_a_valid_card_is_good_and_the_answer_is_signed_by_the_responder(
    responder: OcspResponder, test_pki: TestPki
) -> None:
    answer = _ask(responder, _holder(test_pki, "naima-mremi"), test_pki.citizen_ca.certificate)
    assert answer.response_status is ocsp.OCSPResponseStatus.SUCCESSFUL
    assert answer.certificate_status is ocsp.OCSPCertStatus.GOOD
    responder_certificate = answer.certificates[0]
    responder_certificate.verify_directly_issued_by(test_pki.citizen_ca.certificate)
    public_key = responder_certificate.public_key()
    assert isinstance(public_key, rsa.RSAPublicKey)
    assert answer.signature_hash_algorithm is not None
    public_key.verify(
        answer.signature,
        answer.tbs_response_bytes,
        padding.PKCS1v15(),
        answer.signature_hash_algorithm,
    )
    nonce = answer.extensions.get_extension_for_class(x509.OCSPNonce).value
    assert nonce.nonce == b"0123456789abcdef"


def test_a_revoked_persona_is_revoked(responder: OcspResponder, test_pki: TestPki) -> None:
    answer = _ask(responder, _holder(test_pki, "sofia-marchetti"), test_pki.citizen_ca.certificate)
    assert answer.certificate_status is ocsp.OCSPCertStatus.REVOKED
    assert answer.revocation_time_utc is not None


def test_a_certificate_it_did_not_issue_is_unknown(
    responder: OcspResponder, test_pki: TestPki, tmp_path_factory: pytest.TempPathFactory
) -> None:
    stranger = TestPki(tmp_path_factory.mktemp("stranger") / "pki")
    certificate = _holder(stranger, "marouan-el-yakoubi")
    answer = _ask(responder, certificate, stranger.citizen_ca.certificate)
    assert answer.certificate_status is ocsp.OCSPCertStatus.UNKNOWN


def test_get_requests_and_garbage(responder: OcspResponder, test_pki: TestPki) -> None:
    request = (
        ocsp.OCSPRequestBuilder()
        .add_certificate(
            _holder(test_pki, "chloe-ducoeur"),
            test_pki.citizen_ca.certificate,
            hashes.SHA256(),
        )
        .build()
    )
    encoded = base64.b64encode(request.public_bytes(serialization.Encoding.DER)).decode()
    url = f"{responder.url}/{urllib.parse.quote(encoded, safe='')}"
    with urllib.request.urlopen(url, timeout=10) as answer:
        response = ocsp.load_der_ocsp_response(answer.read())
    assert response.certificate_status is ocsp.OCSPCertStatus.GOOD
    garbage = urllib.request.Request(responder.url, data=b"not an OCSP request")
    with urllib.request.urlopen(garbage, timeout=10) as answer:
        response = ocsp.load_der_ocsp_response(answer.read())
    assert response.response_status is ocsp.OCSPResponseStatus.MALFORMED_REQUEST
