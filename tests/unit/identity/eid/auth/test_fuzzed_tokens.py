"""Tokens that crashed validate_token under bench/fuzz_inputs.py: each is now the typed refusal
a citizen's page can show (MalformedTokenError, WrongOriginError), not an exception."""

from __future__ import annotations

from dataclasses import replace

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.serialization import Encoding
from cryptography.x509.oid import ExtensionOID

from identity.eid.auth.challenge import InMemoryChallengeStore
from identity.eid.auth.errors import MalformedTokenError, WrongOriginError
from identity.eid.auth.token import AuthenticationToken
from identity.eid.auth.trust_anchors import TrustAnchors
from identity.eid.auth.validation import validate_token
from tests.unit.identity.eid.auth.card_pki import NOW, ORIGIN, TestPki
from tests.unit.identity.eid.auth.conftest import FixedRevocationChecker


def _validate(token: AuthenticationToken, store: InMemoryChallengeStore, pki: TestPki) -> None:
    validate_token(
        token,
        expected_origin=ORIGIN,
        challenge_store=store,
        trust_anchors=TrustAnchors(roots=(pki.root.certificate,)),
        revocation_checker=FixedRevocationChecker(),
        now=NOW,
        intermediates=[pki.citizen_ca.certificate],
    )


def _with_malformed_key_usage(pki: TestPki) -> bytes:
    """The card's certificate, signed by its CA, with a key usage whose bit string is cut short:
    it loads, and ``cryptography`` only fails when the extensions are read."""
    good = pki.ec_card.certificate
    certificate = (
        x509.CertificateBuilder()
        .subject_name(good.subject)
        .issuer_name(good.issuer)
        .public_key(good.public_key())
        .serial_number(good.serial_number)
        .not_valid_before(good.not_valid_before_utc)
        .not_valid_after(good.not_valid_after_utc)
        .add_extension(
            x509.UnrecognizedExtension(ExtensionOID.KEY_USAGE, b"\x03\x05\x00"), critical=True
        )
        .sign(pki.citizen_ca.key, hashes.SHA256())
    )
    return certificate.public_bytes(Encoding.DER)


def _with_version(pki: TestPki, version: int) -> bytes:
    """The card's certificate with another version number: ``InvalidVersion``, no ValueError."""
    der = pki.ec_card.certificate.public_bytes(Encoding.DER)
    marker = bytes.fromhex("a003020102")  # [0] { INTEGER 2 }: version 3
    assert marker in der
    return der.replace(marker, bytes.fromhex("a0030201") + bytes([version]), 1)


@pytest.mark.parametrize("make", [_with_malformed_key_usage, lambda pki: _with_version(pki, 0x12)])
def test_a_certificate_that_cannot_be_read_whole_is_a_malformed_token(
    pki: TestPki, store: InMemoryChallengeStore, nonce: str, make: object
) -> None:
    token = pki.ec_card.token(origin=ORIGIN, nonce=nonce)
    broken = replace(token, certificate=make(pki))  # type: ignore[operator]
    with pytest.raises(MalformedTokenError):
        _validate(broken, store, pki)


def test_a_lone_surrogate_in_the_origin_is_a_wrong_origin(
    pki: TestPki, store: InMemoryChallengeStore, nonce: str
) -> None:
    token = pki.ec_card.token(origin=ORIGIN, nonce=nonce)
    with pytest.raises(WrongOriginError):
        _validate(replace(token, origin="http://x\udbff"), store, pki)
