"""A signing session on one card: the checked certificate, and signatures by its
non-repudiation key, each right after its own VERIFY (the card demands it for key 83)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from typing import Protocol

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa, utils

from identity.eid.apdu import pin_block
from identity.eid.auth.errors import InvalidSignatureError
from identity.eid.auth.revocation import RevocationChecker
from identity.eid.auth.signature_check import raw_ecdsa_to_der
from identity.eid.auth.trust_anchors import TrustAnchors
from identity.eid.card_reading import SigningKey
from identity.eid.interface import EidCard, EidReader
from identity.eid.signing.certificate import SigningCertificate, check_signing_certificate
from identity.eid.signing.errors import CardSignatureError

CARD_WAIT_SECONDS = 1.5


class SigningSession(Protocol):
    """What a document signer needs from the card: its certificate and signatures."""

    @property
    def certificate(self) -> SigningCertificate: ...

    def sign_digest(self, digest: bytes) -> bytes:
        """The signature value as CMS carries it, over ``digest`` (made with the hash of
        ``certificate.algorithm``): DER (r, s) for ECDSA, PKCS#1 v1.5 for RSA."""
        ...


def cms_signature_value(raw: bytes, certificate: SigningCertificate, digest: bytes) -> bytes:
    """The card's answer turned into the CMS form (ECDSA raw r‖s → DER), checked against the
    certificate's key so that a wrong key or a garbled answer stops here."""
    algorithm = certificate.algorithm
    public_key = certificate.certificate.public_key()
    prehashed = utils.Prehashed(algorithm.hash_algorithm())
    try:
        if isinstance(public_key, ec.EllipticCurvePublicKey):
            value = raw_ecdsa_to_der(raw, curve=public_key.curve)
            public_key.verify(value, digest, ec.ECDSA(prehashed))
        elif isinstance(public_key, rsa.RSAPublicKey):
            value = raw
            public_key.verify(value, digest, padding.PKCS1v15(), prehashed)
        else:
            raise CardSignatureError(f"no signature form for a {type(public_key).__name__}")
    except (InvalidSignature, InvalidSignatureError) as error:
        raise CardSignatureError(f"{algorithm} signature does not verify: {error}") from None
    return value


class EidSigningSession:
    """Signs with the card's non-repudiation key; the PIN is verified before each signature."""

    def __init__(self, card: EidCard, certificate: SigningCertificate, *, pin: str) -> None:
        self._card = card
        self._certificate = certificate
        self._pin = pin

    @property
    def certificate(self) -> SigningCertificate:
        return self._certificate

    def sign_digest(self, digest: bytes) -> bytes:
        raw = self._card.sign(
            digest,
            hash_algorithm=self._certificate.algorithm.card_hash_name,
            key=SigningKey.NON_REPUDIATION,
            pin=self._pin,
        )
        return cms_signature_value(raw, self._certificate, digest)


@contextmanager
def open_signing_session(
    reader: EidReader,
    *,
    reader_name: str | None,
    pin: str,
    expected_national_number: str,
    trust_anchors: TrustAnchors,
    revocation_checker: RevocationChecker,
    now: datetime,
) -> Iterator[EidSigningSession]:
    """Finds the card, reads and checks its signature certificate (no PIN try spent on a card
    that cannot sign), and yields a session; the card handle is closed on the way out."""
    pin_block(pin)  # InvalidPinFormatError before the card is even looked for
    card = reader.wait_for_card(reader=reader_name, timeout=CARD_WAIT_SECONDS)
    try:
        certificate = check_signing_certificate(
            card.read_certificates(),
            expected_national_number=expected_national_number,
            trust_anchors=trust_anchors,
            revocation_checker=revocation_checker,
            now=now,
        )
        yield EidSigningSession(card, certificate, pin=pin)
    finally:
        card.close()
