"""A signing session whose key is in memory: the PDF signature's rules without a card."""

from __future__ import annotations

from dataclasses import dataclass

from cryptography import x509
from cryptography.hazmat.primitives.asymmetric import ec, padding, utils
from cryptography.x509.oid import NameOID

from identity.eid.auth.token import algorithm_for_key
from identity.eid.signing.certificate import SigningCertificate
from tests.unit.identity.eid.auth.card_pki import (
    NATIONAL_NUMBER,
    PrivateKey,
    TestPki,
    key_usage,
    make_authentication_certificate,
    new_key,
)


@dataclass
class SoftwareSession:
    certificate: SigningCertificate
    key: PrivateKey
    signatures: int = 0

    def sign_digest(self, digest: bytes) -> bytes:
        self.signatures += 1
        prehashed = utils.Prehashed(self.certificate.algorithm.hash_algorithm())
        if isinstance(self.key, ec.EllipticCurvePrivateKey):
            return self.key.sign(digest, ec.ECDSA(prehashed))
        return self.key.sign(digest, padding.PKCS1v15(), prehashed)


def signature_certificate_of(pki: TestPki, key: PrivateKey) -> x509.Certificate:
    return make_authentication_certificate(
        pki.citizen_ca,
        key,
        usage=key_usage(non_repudiation=True),
        extended_usage=None,
        purpose="Signature",
    )


def software_session(
    pki: TestPki, kind: str, *, signing_key: PrivateKey | None = None
) -> SoftwareSession:
    """A session for a fresh key of ``kind`` (ec, rsa); ``signing_key`` signs instead of it."""
    key = new_key(kind)
    certificate = signature_certificate_of(pki, key)
    subject = certificate.subject
    checked = SigningCertificate(
        certificate=certificate,
        chain=(certificate, pki.citizen_ca.certificate, pki.root.certificate),
        algorithm=algorithm_for_key(certificate.public_key()),
        national_number=NATIONAL_NUMBER,
        surname=str(subject.get_attributes_for_oid(NameOID.SURNAME)[0].value),
        given_names=str(subject.get_attributes_for_oid(NameOID.GIVEN_NAME)[0].value),
    )
    return SoftwareSession(checked, signing_key or key)
