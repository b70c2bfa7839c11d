"""A test PKI in the shape of the Belgian eID one, generated on first use under a data folder.

Layout of ``<data_dir>/pki``: ``root.*``, ``citizen-ca.*``, ``rrn-rsa.*`` / ``rrn-ec.*`` (sign the
identity and address files of 1.7 and 1.8 cards), ``ocsp.*`` (OCSP responder), one folder per
persona with ``authentication.*``, ``signature.*``, ``basic.key.pem`` (the applet 1.8 card's own
key, no certificate) and ``photo.jpg``, and ``issued.json``, the
index the OCSP responder answers from. Private keys never leave this folder (it is in var/,
which git ignores).
"""

from __future__ import annotations

import datetime as dt
import json
import os
from dataclasses import dataclass
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.x509.oid import AuthorityInformationAccessOID, ExtendedKeyUsageOID, NameOID

from simulators.personas.loader import CertificateStatus, Persona

PrivateKey = rsa.RSAPrivateKey | ec.EllipticCurvePrivateKey

DEFAULT_OCSP_PORT = 35969
DEFAULT_OCSP_URL = f"http://127.0.0.1:{DEFAULT_OCSP_PORT}/ocsp"
TEST_ORGANISATION = "Mon Espace TEST PKI - not trusted"
AUTHENTICATION_POLICY = x509.ObjectIdentifier("2.16.56.12.1.1.2.2")
NON_REPUDIATION_POLICY = x509.ObjectIdentifier("2.16.56.12.1.1.2.1")
ROOT_FILE_NAME = "belgium-root-ca-test.pem"


@dataclass(frozen=True)
class Issued:
    certificate: x509.Certificate
    key: PrivateKey


@dataclass(frozen=True)
class CardCredentials:
    authentication: Issued
    signature: Issued
    photo: bytes


def _utc(day: dt.date) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC)


def _write_private(path: Path, key: PrivateKey) -> None:
    pem = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "wb") as file:
        file.write(pem)


def _save(directory: Path, stem: str, issued: Issued) -> None:
    directory.mkdir(parents=True, exist_ok=True)
    _write_private(directory / f"{stem}.key.pem", issued.key)
    (directory / f"{stem}.pem").write_bytes(
        issued.certificate.public_bytes(serialization.Encoding.PEM)
    )


def _load(directory: Path, stem: str) -> Issued | None:
    cert_path, key_path = directory / f"{stem}.pem", directory / f"{stem}.key.pem"
    if not (cert_path.exists() and key_path.exists()):
        return None
    key = serialization.load_pem_private_key(key_path.read_bytes(), password=None)
    if not isinstance(key, rsa.RSAPrivateKey | ec.EllipticCurvePrivateKey):
        raise TypeError(f"unexpected key type in {key_path}")
    return Issued(x509.load_pem_x509_certificate(cert_path.read_bytes()), key)


def _new_key(kind: str) -> PrivateKey:
    if kind == "ec":
        return ec.generate_private_key(ec.SECP384R1())
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


def _name(**parts: str) -> x509.Name:
    oids = {
        "C": NameOID.COUNTRY_NAME,
        "O": NameOID.ORGANIZATION_NAME,
        "CN": NameOID.COMMON_NAME,
        "SN": NameOID.SURNAME,
        "GN": NameOID.GIVEN_NAME,
        "serialNumber": NameOID.SERIAL_NUMBER,
    }
    return x509.Name([x509.NameAttribute(oids[k], v) for k, v in parts.items()])


def _key_usage(
    *, sign: bool = False, non_repudiation: bool = False, ca: bool = False
) -> x509.KeyUsage:
    return x509.KeyUsage(
        digital_signature=sign,
        content_commitment=non_repudiation,
        key_encipherment=False,
        data_encipherment=False,
        key_agreement=False,
        key_cert_sign=ca,
        crl_sign=ca,
        encipher_only=False,
        decipher_only=False,
    )


class TestPki:
    """Loads the PKI from ``directory``, creating whatever is missing."""

    __test__ = False  # not a pytest class, despite the name

    def __init__(self, directory: Path, *, ocsp_url: str = DEFAULT_OCSP_URL) -> None:
        self.directory = directory
        self.ocsp_url = ocsp_url
        directory.mkdir(parents=True, exist_ok=True)
        now = dt.datetime.now(dt.UTC).replace(microsecond=0)
        start, end = _utc(dt.date(2010, 1, 1)), now + dt.timedelta(days=365 * 20)
        self.root = _load(directory, "root") or self._make_root(start, end)
        self.citizen_ca = _load(directory, "citizen-ca") or self._make_ca(start, end)
        self.rrn_rsa = _load(directory, "rrn-rsa") or self._make_rrn("rsa", start, end)
        self.rrn_ec = _load(directory, "rrn-ec") or self._make_rrn("ec", start, end)
        self.ocsp = _load(directory, "ocsp") or self._make_ocsp(start, end)

    # -- authorities ---------------------------------------------------------------------

    def _builder(
        self,
        subject: x509.Name,
        issuer: Issued | None,
        key: PrivateKey,
        start: dt.datetime,
        end: dt.datetime,
    ) -> x509.CertificateBuilder:
        issuer_name = subject if issuer is None else issuer.certificate.subject
        issuer_key = key if issuer is None else issuer.key
        return (
            x509.CertificateBuilder()
            .subject_name(subject)
            .issuer_name(issuer_name)
            .public_key(key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(start)
            .not_valid_after(end)
            .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), False)
            .add_extension(
                x509.AuthorityKeyIdentifier.from_issuer_public_key(issuer_key.public_key()),
                False,
            )
        )

    def _sign(self, builder: x509.CertificateBuilder, issuer_key: PrivateKey) -> x509.Certificate:
        return builder.sign(issuer_key, hashes.SHA256())

    def _make_root(self, start: dt.datetime, end: dt.datetime) -> Issued:
        key = _new_key("rsa")
        builder = (
            self._builder(
                _name(C="BE", O=TEST_ORGANISATION, CN="Belgium Root CA"), None, key, start, end
            )
            .add_extension(x509.BasicConstraints(ca=True, path_length=None), True)
            .add_extension(_key_usage(ca=True), True)
        )
        issued = Issued(self._sign(builder, key), key)
        _save(self.directory, "root", issued)
        return issued

    def _make_ca(self, start: dt.datetime, end: dt.datetime) -> Issued:
        key = _new_key("rsa")
        subject = _name(C="BE", O=TEST_ORGANISATION, CN="Citizen CA", serialNumber="202601")
        builder = (
            self._builder(subject, self.root, key, start, end)
            .add_extension(x509.BasicConstraints(ca=True, path_length=0), True)
            .add_extension(_key_usage(ca=True), True)
        )
        issued = Issued(self._sign(builder, self.root.key), key)
        _save(self.directory, "citizen-ca", issued)
        return issued

    def _make_rrn(self, kind: str, start: dt.datetime, end: dt.datetime) -> Issued:
        key = _new_key(kind)
        builder = (
            self._builder(_name(C="BE", O="RRN", CN="RRN"), self.root, key, start, end)
            .add_extension(x509.BasicConstraints(ca=False, path_length=None), True)
            .add_extension(_key_usage(sign=True, non_repudiation=True), True)
        )
        issued = Issued(self._sign(builder, self.root.key), key)
        _save(self.directory, f"rrn-{kind}", issued)
        return issued

    def _make_ocsp(self, start: dt.datetime, end: dt.datetime) -> Issued:
        key = _new_key("rsa")
        subject = _name(C="BE", O=TEST_ORGANISATION, CN="Citizen CA OCSP Responder")
        builder = (
            self._builder(subject, self.citizen_ca, key, start, end)
            .add_extension(x509.BasicConstraints(ca=False, path_length=None), True)
            .add_extension(_key_usage(sign=True), True)
            .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.OCSP_SIGNING]), False)
            .add_extension(x509.OCSPNoCheck(), False)
        )
        issued = Issued(self._sign(builder, self.citizen_ca.key), key)
        _save(self.directory, "ocsp", issued)
        return issued

    def rrn_for(self, key_kind: str) -> Issued:
        """The RRN key that signs the identity files of a card of that key kind."""
        return self.rrn_ec if key_kind == "ec" else self.rrn_rsa

    def write_trust_anchors(self, trust_anchors_dir: Path) -> Path:
        """Writes the test root as PEM where the portal reads its trust anchors."""
        trust_anchors_dir.mkdir(parents=True, exist_ok=True)
        path = trust_anchors_dir / ROOT_FILE_NAME
        path.write_bytes(self.root.certificate.public_bytes(serialization.Encoding.PEM))
        return path

    # -- card holders --------------------------------------------------------------------

    def credentials_for(self, persona: Persona, key_kind: str) -> CardCredentials:
        folder = self.directory / "personas" / persona.slug
        authentication = _load(folder, "authentication")
        signature = _load(folder, "signature")
        if authentication is None or signature is None:
            authentication = self._make_holder_certificate(persona, key_kind, "Authentication")
            signature = self._make_holder_certificate(persona, key_kind, "Signature")
            _save(folder, "authentication", authentication)
            _save(folder, "signature", signature)
            self._record(persona, authentication, signature)
        photo_path = folder / "photo.jpg"
        if not photo_path.exists():
            from simulators.personas.photo import persona_photo

            photo_path.write_bytes(persona_photo(persona))
        return CardCredentials(authentication, signature, photo_path.read_bytes())

    def basic_key_for(self, persona: Persona) -> ec.EllipticCurvePrivateKey:
        """The card's basic key (applet 1.8): a P-384 key the card was personalised with."""
        path = self.directory / "personas" / persona.slug / "basic.key.pem"
        if path.exists():
            key = serialization.load_pem_private_key(path.read_bytes(), password=None)
            if not isinstance(key, ec.EllipticCurvePrivateKey):
                raise TypeError(f"unexpected key type in {path}")
            return key
        created = ec.generate_private_key(ec.SECP384R1())
        path.parent.mkdir(parents=True, exist_ok=True)
        _write_private(path, created)
        return created

    def _make_holder_certificate(self, persona: Persona, key_kind: str, purpose: str) -> Issued:
        key = _new_key(key_kind)
        subject = _name(
            C="BE",
            CN=f"{persona.display_name} ({purpose})",
            SN=persona.surname,
            GN=persona.given_names,
            serialNumber=persona.national_number,
        )
        start = _utc(persona.card.valid_from)
        end = _utc(persona.card.valid_until)
        authentication = purpose == "Authentication"
        builder = (
            self._builder(subject, self.citizen_ca, key, start, end)
            .add_extension(x509.BasicConstraints(ca=False, path_length=None), True)
            .add_extension(
                _key_usage(sign=authentication, non_repudiation=not authentication), True
            )
            .add_extension(
                x509.CertificatePolicies(
                    [
                        x509.PolicyInformation(
                            AUTHENTICATION_POLICY if authentication else NON_REPUDIATION_POLICY,
                            None,
                        )
                    ]
                ),
                False,
            )
            .add_extension(
                x509.AuthorityInformationAccess(
                    [
                        x509.AccessDescription(
                            AuthorityInformationAccessOID.OCSP,
                            x509.UniformResourceIdentifier(self.ocsp_url),
                        )
                    ]
                ),
                False,
            )
        )
        if authentication:
            builder = builder.add_extension(
                x509.ExtendedKeyUsage([ExtendedKeyUsageOID.CLIENT_AUTH]), False
            )
        return Issued(self._sign(builder, self.citizen_ca.key), key)

    @property
    def index_path(self) -> Path:
        return self.directory / "issued.json"

    def _record(self, persona: Persona, *issued: Issued) -> None:
        index = self.issued_index()
        revoked = persona.card.certificate_status is CertificateStatus.REVOKED
        revocation_time = _utc(persona.card.valid_from) + dt.timedelta(days=30)
        for item in issued:
            index[format(item.certificate.serial_number, "x")] = {
                "persona": persona.slug,
                "subject": item.certificate.subject.rfc4514_string(),
                "revoked_at": revocation_time.isoformat() if revoked else None,
            }
        self.index_path.write_text(json.dumps(index, indent=2, sort_keys=True), encoding="utf-8")

    def issued_index(self) -> dict[str, dict[str, str | None]]:
        """Serial number (hex) → persona, subject and revocation time of every holder cert."""
        if not self.index_path.exists():
            return {}
        loaded: dict[str, dict[str, str | None]] = json.loads(
            self.index_path.read_text(encoding="utf-8")
        )
        return loaded
