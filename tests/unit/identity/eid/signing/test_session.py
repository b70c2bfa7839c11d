"""Signatures by the non-repudiation key: VERIFY right before each, the value in CMS form,
nothing asked of a card that cannot sign; against the virtual card in memory."""

from __future__ import annotations

import hashlib

import pytest
from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa, utils

from foundation.i18n.error_messages import error_text
from identity.eid.auth.errors import CertificateRevokedError
from identity.eid.auth.revocation import RevocationStatus
from identity.eid.auth.trust_anchors import TrustAnchors
from identity.eid.card_reading import SigningKey
from identity.eid.errors import InvalidPinFormatError, PinBlockedError, WrongPinError
from identity.eid.pcsc_card import PcscEidCard
from identity.eid.signing.certificate import SigningCertificate, check_signing_certificate
from identity.eid.signing.errors import CardSignatureError, NotYourCardError
from identity.eid.signing.session import (
    EidSigningSession,
    cms_signature_value,
    open_signing_session,
)
from simulators.eid.belpic_card import BelpicCard
from simulators.personas.loader import persona
from simulators.pki.test_pki import TestPki
from tests.unit.identity.eid.auth.conftest import FixedRevocationChecker
from tests.unit.identity.eid.signing.card_on_a_fake_link import (
    MSE_SET,
    NOW,
    PSO,
    VERIFY,
    ClosableConnection,
    FakeReader,
    open_card,
)

SLUGS = {"rsa_card": "naima-mremi", "ec_card": "chloe-ducoeur"}


def checked_certificate(card: PcscEidCard, pki: TestPki, slug: str) -> SigningCertificate:
    return check_signing_certificate(
        card.read_certificates(),
        expected_national_number=persona(slug).national_number,
        trust_anchors=TrustAnchors.of([pki.root.certificate]),
        revocation_checker=FixedRevocationChecker(),
        now=NOW,
    )


def signing_session(
    card: BelpicCard, pki: TestPki, slug: str, pin: str = "1234"
) -> tuple[EidSigningSession, ClosableConnection]:
    pcsc_card, connection = open_card(card)
    certificate = checked_certificate(pcsc_card, pki, slug)
    connection.sent.clear()
    return EidSigningSession(pcsc_card, certificate, pin=pin), connection


def verify(certificate: SigningCertificate, value: bytes, digest: bytes) -> None:
    public_key = certificate.certificate.public_key()
    prehashed = utils.Prehashed(certificate.algorithm.hash_algorithm())
    if isinstance(public_key, ec.EllipticCurvePublicKey):
        public_key.verify(value, digest, ec.ECDSA(prehashed))
    else:
        assert isinstance(public_key, rsa.RSAPublicKey)
        public_key.verify(value, digest, padding.PKCS1v15(), prehashed)


@pytest.mark.parametrize("fixture", ["rsa_card", "ec_card"])
def test_each_signature_gets_its_own_verify_and_verifies_with_the_signature_certificate(
    request: pytest.FixtureRequest, unit_pki: TestPki, fixture: str
) -> None:
    card: BelpicCard = request.getfixturevalue(fixture)
    session, connection = signing_session(card, unit_pki, SLUGS[fixture])
    digest = hashlib.new(session.certificate.algorithm.card_hash_name, b"receipt").digest()

    first = session.sign_digest(digest)
    second = session.sign_digest(digest)

    assert [i for i in connection.instructions() if i in (MSE_SET, VERIFY, PSO)] == [
        MSE_SET,
        VERIFY,
        PSO,
        MSE_SET,
        VERIFY,
        PSO,
    ]
    assert all(apdu[-1] == 0x83 for apdu in connection.sent if apdu[1] == MSE_SET)
    for value in (first, second):
        verify(session.certificate, value, digest)


def test_a_wrong_pin_signs_nothing_and_tells_the_tries_left(
    ec_card: BelpicCard, unit_pki: TestPki
) -> None:
    session, connection = signing_session(ec_card, unit_pki, "chloe-ducoeur", pin="4321")
    with pytest.raises(WrongPinError) as wrong:
        session.sign_digest(hashlib.sha384(b"receipt").digest())
    assert wrong.value.tries_left == 2
    assert "2 essai(s)" in error_text("fr", wrong.value)
    assert PSO not in connection.instructions()


def test_a_blocked_pin_signs_nothing(rsa_card: BelpicCard, unit_pki: TestPki) -> None:
    session, connection = signing_session(rsa_card, unit_pki, "naima-mremi")
    rsa_card.block_pin()
    with pytest.raises(PinBlockedError):
        session.sign_digest(hashlib.sha256(b"receipt").digest())
    assert PSO not in connection.instructions()


def test_ecdsa_r_s_becomes_der(ec_card: BelpicCard, unit_pki: TestPki) -> None:
    pcsc_card, _ = open_card(ec_card)
    certificate = checked_certificate(pcsc_card, unit_pki, "chloe-ducoeur")
    digest = hashlib.sha384(b"receipt").digest()
    pcsc_card.verify_pin("1234")
    raw = pcsc_card.sign(digest, hash_algorithm="sha384")  # authentication key: not the one
    with pytest.raises(CardSignatureError):
        cms_signature_value(raw, certificate, digest)

    raw = pcsc_card.sign(
        digest, hash_algorithm="sha384", key=SigningKey.NON_REPUDIATION, pin="1234"
    )
    der = cms_signature_value(raw, certificate, digest)
    assert utils.decode_dss_signature(der) == (
        int.from_bytes(raw[:48], "big"),
        int.from_bytes(raw[48:], "big"),
    )
    with pytest.raises(CardSignatureError):
        cms_signature_value(raw[:-1], certificate, digest)
    with pytest.raises(CardSignatureError):
        cms_signature_value(raw, certificate, hashlib.sha384(b"another").digest())


def test_rsa_signatures_are_kept_as_the_card_gives_them(
    rsa_card: BelpicCard, unit_pki: TestPki
) -> None:
    session, _ = signing_session(rsa_card, unit_pki, "naima-mremi")
    digest = hashlib.sha256(b"receipt").digest()
    value = session.sign_digest(digest)
    assert len(value) == 256
    assert value == cms_signature_value(value, session.certificate, digest)
    verify(session.certificate, value, digest)


def test_someone_elses_card_spends_no_pin_try_and_is_closed(
    ec_card: BelpicCard, unit_pki: TestPki
) -> None:
    reader = FakeReader(ec_card)
    with (
        pytest.raises(NotYourCardError),
        open_signing_session(
            reader,
            reader_name=None,
            pin="0000",
            expected_national_number=persona("naima-mremi").national_number,
            trust_anchors=TrustAnchors.of([unit_pki.root.certificate]),
            revocation_checker=FixedRevocationChecker(),
            now=NOW,
        ),
    ):
        pytest.fail("no session for someone else's card")
    (connection,) = reader.connections
    assert VERIFY not in connection.instructions()
    assert connection.disconnected
    assert ec_card.content.pin.tries_left == 3


def test_a_revoked_certificate_stops_before_the_pin(ec_card: BelpicCard, unit_pki: TestPki) -> None:
    reader = FakeReader(ec_card)
    with (
        pytest.raises(CertificateRevokedError),
        open_signing_session(
            reader,
            reader_name=None,
            pin="0000",
            expected_national_number=persona("chloe-ducoeur").national_number,
            trust_anchors=TrustAnchors.of([unit_pki.root.certificate]),
            revocation_checker=FixedRevocationChecker(RevocationStatus.REVOKED),
            now=NOW,
        ),
    ):
        pytest.fail("no session with a revoked certificate")
    assert VERIFY not in reader.connections[0].instructions()
    assert ec_card.content.pin.tries_left == 3


def test_a_pin_that_is_not_four_to_twelve_digits_is_refused_before_the_card_is_looked_for(
    ec_card: BelpicCard, unit_pki: TestPki
) -> None:
    reader = FakeReader(ec_card)
    with (
        pytest.raises(InvalidPinFormatError),
        open_signing_session(
            reader,
            reader_name=None,
            pin="12a4",
            expected_national_number=persona("chloe-ducoeur").national_number,
            trust_anchors=TrustAnchors.of([unit_pki.root.certificate]),
            revocation_checker=FixedRevocationChecker(),
            now=NOW,
        ),
    ):
        pytest.fail("no session with a malformed PIN")
    assert reader.connections == []


def test_the_card_is_closed_when_the_work_inside_fails(
    ec_card: BelpicCard, unit_pki: TestPki
) -> None:
    reader = FakeReader(ec_card)
    holders: list[str] = []

    def sign_then_fail() -> None:
        with open_signing_session(
            reader,
            reader_name=None,
            pin="1234",
            expected_national_number=persona("chloe-ducoeur").national_number,
            trust_anchors=TrustAnchors.of([unit_pki.root.certificate]),
            revocation_checker=FixedRevocationChecker(),
            now=NOW,
        ) as session:
            holders.append(session.certificate.holder_name)
            raise RuntimeError("rendering failed")

    with pytest.raises(RuntimeError, match="rendering failed"):
        sign_then_fail()
    assert holders == ["Chloé Anne Ducoeur"]
    assert reader.connections[0].disconnected
