"""A small PKI in the shape of the Belgian eID one, and a card that signs like the real ones.

Root "Belgium Root CA" → "Citizen CA" → "Naïma Mremi (Authentication)" (no subjectAltName; the
identity is in the subject: SN, GN, serialNumber = national number, C=BE). Also used by the
integration tests and the benchmark.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from cryptography import x509
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa, utils
from cryptography.hazmat.primitives.serialization import Encoding
from cryptography.x509.oid import AuthorityInformationAccessOID, ExtendedKeyUsageOID, NameOID

from identity.eid.auth.token import AuthenticationToken, SignatureAlgorithm, digest_to_sign

PrivateKey = rsa.RSAPrivateKey | ec.EllipticCurvePrivateKey

ORIGIN = "https://monespace.test"
NOW = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)
VALID_FROM = datetime(2024, 6, 1, tzinfo=UTC)
VALID_UNTIL = datetime(2034, 6, 1, tzinfo=UTC)
NATIONAL_NUMBER = "85070112345"
DEFAULT_OCSP_URL = "http://127.0.0.1:9/ocsp"  # discard port: nothing answers there


@dataclass(frozen=True)
class Issued:
    certificate: x509.Certificate
    key: PrivateKey


def new_key(kind: str) -> PrivateKey:
    if kind == "ec":
        return ec.generate_private_key(ec.SECP384R1())
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


def key_usage(
    *, digital_signature: bool = False, non_repudiation: bool = False, ca: bool = False
) -> x509.KeyUsage:
    return x509.KeyUsage(
        digital_signature=digital_signature,
        content_commitment=non_repudiation,
        key_encipherment=False,
        data_encipherment=False,
        key_agreement=False,
        key_cert_sign=ca,
        crl_sign=ca,
        encipher_only=False,
        decipher_only=False,
    )


def _builder(
    subject: x509.Name, issuer: Issued | None, key: PrivateKey, start: datetime, end: datetime
) -> x509.CertificateBuilder:
    issuer_key = key if issuer is None else issuer.key
    return (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(subject if issuer is None else issuer.certificate.subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(start)
        .not_valid_after(end)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), False)
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(issuer_key.public_key()), False
        )
    )


def make_root(key: PrivateKey, *, common_name: str = "Belgium Root CA") -> Issued:
    subject = x509.Name(
        [
            x509.NameAttribute(NameOID.COUNTRY_NAME, "BE"),
            x509.NameAttribute(NameOID.COMMON_NAME, common_name),
        ]
    )
    certificate = (
        _builder(subject, None, key, VALID_FROM - timedelta(days=3650), VALID_UNTIL)
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), True)
        .add_extension(key_usage(ca=True), True)
        .sign(key, hashes.SHA256())
    )
    return Issued(certificate, key)


def make_citizen_ca(
    root: Issued, key: PrivateKey, *, extra: Sequence[x509.ExtensionType] = ()
) -> Issued:
    subject = x509.Name(
        [
            x509.NameAttribute(NameOID.COUNTRY_NAME, "BE"),
            x509.NameAttribute(NameOID.COMMON_NAME, "Citizen CA"),
            x509.NameAttribute(NameOID.SERIAL_NUMBER, "202401"),
        ]
    )
    builder = (
        _builder(subject, root, key, VALID_FROM - timedelta(days=365), VALID_UNTIL)
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), True)
        .add_extension(key_usage(ca=True), True)
    )
    for extension in extra:
        builder = builder.add_extension(extension, False)
    return Issued(builder.sign(root.key, hashes.SHA256()), key)


def make_ocsp_responder(ca: Issued, key: PrivateKey) -> Issued:
    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Citizen CA OCSP Responder")])
    certificate = (
        _builder(subject, ca, key, VALID_FROM, VALID_UNTIL)
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), True)
        .add_extension(key_usage(digital_signature=True), True)
        .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.OCSP_SIGNING]), False)
        .add_extension(x509.OCSPNoCheck(), False)
        .sign(ca.key, hashes.SHA256())
    )
    return Issued(certificate, key)


def make_authentication_certificate(
    ca: Issued,
    key: PrivateKey,
    *,
    not_before: datetime = VALID_FROM,
    not_after: datetime = VALID_UNTIL,
    usage: x509.KeyUsage | None = None,
    extended_usage: Sequence[x509.ObjectIdentifier] | None = (ExtendedKeyUsageOID.CLIENT_AUTH,),
    ocsp_url: str = DEFAULT_OCSP_URL,
    purpose: str = "Authentication",
    national_number: str = NATIONAL_NUMBER,
) -> x509.Certificate:
    subject = x509.Name(
        [
            x509.NameAttribute(NameOID.COUNTRY_NAME, "BE"),
            x509.NameAttribute(NameOID.COMMON_NAME, f"Naïma Mremi ({purpose})"),
            x509.NameAttribute(NameOID.SURNAME, "Mremi"),
            x509.NameAttribute(NameOID.GIVEN_NAME, "Naïma Aïcha"),
            x509.NameAttribute(NameOID.SERIAL_NUMBER, national_number),
        ]
    )
    builder = (
        _builder(subject, ca, key, not_before, not_after)
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), True)
        .add_extension(usage or key_usage(digital_signature=True), True)
        .add_extension(
            x509.AuthorityInformationAccess(
                [
                    x509.AccessDescription(
                        AuthorityInformationAccessOID.OCSP, x509.UniformResourceIdentifier(ocsp_url)
                    )
                ]
            ),
            False,
        )
    )
    if extended_usage is not None:
        builder = builder.add_extension(x509.ExtendedKeyUsage(list(extended_usage)), False)
    return builder.sign(ca.key, hashes.SHA256())


def card_sign(key: PrivateKey, digest: bytes, algorithm: SignatureAlgorithm) -> bytes:
    """What the card answers to PSO over ``digest``: raw r‖s for ECDSA, PKCS#1 v1.5 for RSA."""
    prehashed = utils.Prehashed(algorithm.hash_algorithm())
    if isinstance(key, ec.EllipticCurvePrivateKey):
        r, s = utils.decode_dss_signature(key.sign(digest, ec.ECDSA(prehashed)))
        size = (key.curve.key_size + 7) // 8
        return r.to_bytes(size, "big") + s.to_bytes(size, "big")
    return key.sign(digest, padding.PKCS1v15(), prehashed)


@dataclass(frozen=True)
class Card:
    """An eID card: its authentication key and certificate, and the CA certificate it holds."""

    key: PrivateKey
    certificate: x509.Certificate
    ca_certificate: x509.Certificate
    algorithm: SignatureAlgorithm

    def token(
        self,
        *,
        origin: str,
        nonce: str,
        signed_origin: str | None = None,
        signed_nonce: str | None = None,
        algorithm: SignatureAlgorithm | None = None,
    ) -> AuthenticationToken:
        """The token the reader side returns; ``signed_*`` make the card sign other values
        than the ones the token claims."""
        chosen = algorithm or self.algorithm
        digest = digest_to_sign(
            origin=signed_origin or origin, nonce=signed_nonce or nonce, algorithm=chosen
        )
        return AuthenticationToken(
            certificate=self.certificate.public_bytes(Encoding.DER),
            signature=card_sign(self.key, digest, chosen),
            algorithm=chosen.value,
            origin=origin,
            nonce=nonce,
        )

    def with_certificate(self, certificate: x509.Certificate) -> Card:
        return Card(self.key, certificate, self.ca_certificate, self.algorithm)


@dataclass(frozen=True)
class TestPki:
    __test__ = False  # a helper, not a pytest class

    root: Issued
    citizen_ca: Issued
    ocsp_responder: Issued
    ec_card: Card
    rsa_card: Card

    @classmethod
    def create(cls, *, ocsp_url: str = DEFAULT_OCSP_URL) -> TestPki:
        root = make_root(new_key("rsa"))
        citizen_ca = make_citizen_ca(root, new_key("rsa"))
        responder = make_ocsp_responder(citizen_ca, new_key("ec"))
        ec_key, rsa_key = new_key("ec"), new_key("rsa")
        ec_card = Card(
            ec_key,
            make_authentication_certificate(citizen_ca, ec_key, ocsp_url=ocsp_url),
            citizen_ca.certificate,
            SignatureAlgorithm.ES384,
        )
        rsa_card = Card(
            rsa_key,
            make_authentication_certificate(citizen_ca, rsa_key, ocsp_url=ocsp_url),
            citizen_ca.certificate,
            SignatureAlgorithm.RS256,
        )
        return cls(root, citizen_ca, responder, ec_card, rsa_card)
