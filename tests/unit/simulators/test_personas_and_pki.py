"""The personas and the test PKI have the shape the issue and the real eID ask for."""

from __future__ import annotations

import datetime as dt
import stat

from cryptography import x509
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

from simulators.personas.loader import (
    CertificateStatus,
    card_number_is_valid,
    load_personas,
    national_number_is_valid,
    persona,
)
from simulators.pki.test_pki import TestPki


def test_the_personas_of_the_issue_are_there() -> None:
    personas = load_personas()
    naima = persona("naima-mremi")
    assert (naima.display_name, naima.card.pin, naima.card.applet) == ("Naïma Mremi", "1234", "1.7")
    assert naima.teaching_staff
    assert persona("chloe-ducoeur").card.pin == "1234"
    assert persona("marouan-el-yakoubi").card.pin == "1234"
    today = dt.date(2026, 11, 22)
    assert any(p.card.valid_until < today for p in personas.values())
    assert any(p.card.certificate_status is CertificateStatus.REVOKED for p in personas.values())
    assert {p.card.applet for p in personas.values()} == {"1.7", "1.8"}


def test_national_and_card_numbers_pass_the_mod_97_check() -> None:
    for p in load_personas().values():
        assert national_number_is_valid(p.national_number), p.slug
        assert card_number_is_valid(p.card.card_number), p.slug
    assert not national_number_is_valid("86031414205")
    assert national_number_is_valid("00010100105")  # born in 2000: the 2 prefix


def test_holder_certificates_have_the_real_eid_shape(tmp_path: object) -> None:
    from pathlib import Path

    assert isinstance(tmp_path, Path)
    pki = TestPki(tmp_path / "pki")
    naima = persona("naima-mremi")
    credentials = pki.credentials_for(naima, "rsa")
    certificate = credentials.authentication.certificate
    subject = certificate.subject

    def value(oid: x509.ObjectIdentifier) -> str:
        return str(subject.get_attributes_for_oid(oid)[0].value)

    assert value(NameOID.COMMON_NAME) == "Naïma Mremi (Authentication)"
    assert value(NameOID.SURNAME) == "Mremi"
    assert value(NameOID.GIVEN_NAME) == "Naïma Samira"
    assert value(NameOID.SERIAL_NUMBER) == naima.national_number
    assert value(NameOID.COUNTRY_NAME) == "BE"
    assert certificate.not_valid_after_utc.date() == naima.card.valid_until
    usage = certificate.extensions.get_extension_for_class(x509.KeyUsage).value
    assert usage.digital_signature
    assert not usage.content_commitment
    eku = certificate.extensions.get_extension_for_class(x509.ExtendedKeyUsage).value
    assert ExtendedKeyUsageOID.CLIENT_AUTH in eku
    signature = credentials.signature.certificate
    assert signature.extensions.get_extension_for_class(x509.KeyUsage).value.content_commitment
    assert "(Signature)" in str(signature.subject)
    # Chain: holder → Citizen CA → Belgium Root CA.
    certificate.verify_directly_issued_by(pki.citizen_ca.certificate)
    pki.citizen_ca.certificate.verify_directly_issued_by(pki.root.certificate)
    assert "Citizen CA" in pki.citizen_ca.certificate.subject.rfc4514_string()
    assert credentials.photo.startswith(b"\xff\xd8")
    key_file = pki.directory / "personas" / "naima-mremi" / "authentication.key.pem"
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600

    again = TestPki(tmp_path / "pki")  # second run: loads, does not regenerate
    assert again.root.certificate == pki.root.certificate
    assert again.credentials_for(naima, "rsa").authentication.certificate == certificate
    anchor = again.write_trust_anchors(tmp_path / "anchors")
    assert x509.load_pem_x509_certificate(anchor.read_bytes()) == pki.root.certificate
