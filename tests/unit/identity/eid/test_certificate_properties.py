"""The certificate's properties shown before the PIN (seed 004 §2c): issuer, serial number,
validity and SHA-256 fingerprint as the certificate has them, and a subject that names no one."""

from __future__ import annotations

import hashlib

import pytest
from cryptography import x509
from cryptography.hazmat.primitives.serialization import Encoding
from cryptography.x509.oid import NameOID

from identity.eid.certificate_properties import NamePart, properties_before_pin, written
from simulators.personas.loader import persona
from simulators.pki.test_pki import TestPki


@pytest.fixture(scope="module")
def pki(tmp_path_factory: pytest.TempPathFactory) -> TestPki:
    return TestPki(tmp_path_factory.mktemp("properties") / "pki")


def authentication_certificate(pki: TestPki, slug: str) -> x509.Certificate:
    return pki.credentials_for(persona(slug), "rsa").authentication.certificate


@pytest.mark.parametrize("slug", ["naima-mremi", "marouan-el-yakoubi"])
def test_the_subject_keeps_the_country_and_hides_the_holder(pki: TestPki, slug: str) -> None:
    holder = persona(slug)
    properties = properties_before_pin(authentication_certificate(pki, slug))
    # As RFC 4514 writes a name: the last attribute of the certificate first.
    assert properties.subject == (
        NamePart("SERIALNUMBER", None),
        NamePart("GN", None),
        NamePart("SN", None),
        NamePart("CN", None),
        NamePart("C", "BE"),
    )
    shown = repr(properties)
    for own in (holder.surname, holder.given_names, holder.national_number):
        assert own not in shown
    assert "Authentication" not in shown  # the CN is hidden whole, its purpose too
    assert written(properties.subject, "…") == "SERIALNUMBER=…, GN=…, SN=…, CN=…, C=BE"


def test_issuer_serial_validity_and_fingerprint_are_the_certificates(pki: TestPki) -> None:
    certificate = authentication_certificate(pki, "naima-mremi")
    properties = properties_before_pin(certificate)
    issuer = written(properties.issuer, "…")
    assert issuer == "SERIALNUMBER=202601, CN=Citizen CA, O=Mon Espace TEST PKI - not trusted, C=BE"
    assert "…" not in issuer
    # In pairs of hexadecimal digits, a leading zero added to an odd count (a random serial
    # starts with a zero digit once in sixteen).
    pairs = properties.serial_number.split(":")
    assert all(len(pair) == 2 for pair in pairs)
    assert int("".join(pairs), 16) == certificate.serial_number
    assert properties.valid_from == certificate.not_valid_before_utc
    assert properties.valid_until == certificate.not_valid_after_utc
    digest = hashlib.sha256(certificate.public_bytes(Encoding.DER)).hexdigest().upper()
    assert properties.fingerprint_sha256 == ":".join(
        digest[i : i + 2] for i in range(0, len(digest), 2)
    )


def test_an_attribute_no_one_listed_stays_hidden(pki: TestPki) -> None:
    """What may be shown is a list: a new attribute of a future card is hidden, not shown."""
    certificate = authentication_certificate(pki, "naima-mremi")
    name = x509.Name(
        [
            x509.NameAttribute(NameOID.COUNTRY_NAME, "BE"),
            x509.NameAttribute(NameOID.EMAIL_ADDRESS, "naima@example.org"),
            x509.NameAttribute(NameOID.PSEUDONYM, "Nana"),
        ]
    )
    odd = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(certificate.issuer)
        .public_key(certificate.public_key())
        .serial_number(1)
        .not_valid_before(certificate.not_valid_before_utc)
        .not_valid_after(certificate.not_valid_after_utc)
    )
    key = pki.citizen_ca.key
    signed = odd.sign(key, certificate.signature_hash_algorithm)  # type: ignore[arg-type]
    properties = properties_before_pin(signed)
    assert "naima" not in repr(properties)
    assert "Nana" not in repr(properties)
    assert properties.serial_number == "01"
    assert properties.subject[-1] == NamePart("C", "BE")
