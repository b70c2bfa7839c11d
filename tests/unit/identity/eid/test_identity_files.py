"""Parsing the identity and address files, and checking the National Register's signatures."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime

import pytest
from cryptography.hazmat.primitives.asymmetric.utils import decode_dss_signature

from identity.eid.auth.trust_anchors import TrustAnchors
from identity.eid.errors import CardDataError, FileSignatureError
from identity.eid.file_signature import verify_identity_files, verify_photo
from identity.eid.identity_file import parse_address, parse_birth_date, parse_identity
from identity.eid.rrn_certificate import check_rrn_certificate
from identity.eid.tlv import parse_fields
from simulators.eid.card_builder import key_kind, sign_file
from simulators.eid.identity_files import (
    address_file,
    birth_date_text,
    encode_fields,
    identity_file,
)
from simulators.personas.loader import persona
from simulators.pki.test_pki import TestPki

NOW = datetime(2026, 11, 22, 9, 0, tzinfo=UTC)


def test_identity_file_of_a_persona_reads_back() -> None:
    naima = persona("naima-mremi")
    identity = parse_identity(identity_file(naima, b"photo", applet_version=0x17))
    assert identity.surname == "Mremi"
    assert identity.given_names == "Naïma Samira"
    assert identity.first_name == "Naïma"
    assert identity.national_number == naima.national_number
    assert identity.birth_date == date(1986, 3, 14)
    assert identity.card_valid_from == naima.card.valid_from
    assert identity.card_valid_until == date(2032, 5, 2)
    assert identity.chip_number == naima.card.chip_number
    assert identity.sex == "F"
    assert len(identity.photo_digest) == 32
    assert not identity.expired_on(date(2032, 5, 2))
    assert identity.expired_on(date(2032, 5, 3))


def test_address_file_reads_back_even_with_zero_padding() -> None:
    address = parse_address(address_file(persona("naima-mremi")) + bytes(40))
    assert (address.street, address.zip_code, address.municipality) == (
        "Rue Saint-Gilles 112",
        "4000",
        "Liège",
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("14 MARS 1986", date(1986, 3, 14)),
        ("14 MAAR 1986", date(1986, 3, 14)),
        ("14 MÄR 1986", date(1986, 3, 14)),
        ("02 AOUT 2001", date(2001, 8, 2)),
        ("31 DEZ  1999", date(1999, 12, 31)),
        ("07.OKT.1970", date(1970, 10, 7)),
    ],
)
def test_birth_dates_in_the_card_languages(text: str, expected: date) -> None:
    assert parse_birth_date(text) == expected


@pytest.mark.parametrize("language", ["fr", "nl", "de"])
def test_written_birth_dates_read_back(language: str) -> None:
    for month in range(1, 13):
        day = date(1990, month, 28)
        assert parse_birth_date(birth_date_text(day, language)) == day


@pytest.mark.parametrize("text", ["14 MARCH 1986", "31 FEV 1986", "14 MARS", "1986-03-14"])
def test_bad_birth_dates_are_card_data_errors(text: str) -> None:
    with pytest.raises(CardDataError):
        parse_birth_date(text)


def test_long_values_use_ff_length_bytes() -> None:
    value = bytes(range(256)) * 2  # 512 bytes: FF FF 02
    encoded = encode_fields([(0x35, value), (0x01, b"x")])
    assert encoded[1:4] == b"\xff\xff\x02"
    assert parse_fields(encoded) == {0x35: value, 0x01: b"x"}


def test_a_truncated_file_is_a_card_data_error() -> None:
    encoded = encode_fields([(0x07, b"Mremi")])
    with pytest.raises(CardDataError):
        parse_fields(encoded[:-1])


@pytest.fixture(scope="module")
def pki(tmp_path_factory: pytest.TempPathFactory) -> TestPki:
    return TestPki(tmp_path_factory.mktemp("signatures") / "pki")


@pytest.mark.parametrize("slug", ["naima-mremi", "chloe-ducoeur"])
def test_file_signatures_verify_and_tampering_is_caught(pki: TestPki, slug: str) -> None:
    holder = persona(slug)
    rrn = pki.rrn_for(key_kind(holder.card.applet))
    identity = identity_file(holder, b"jpeg", applet_version=0x17)
    identity_signature = sign_file(rrn.key, identity)
    address = address_file(holder)
    address_signature = sign_file(rrn.key, address + identity_signature)
    files = {
        "rrn_certificate": rrn.certificate,
        "identity": identity,
        "identity_signature": identity_signature,
        "address": address,
        "address_signature": address_signature,
    }
    verify_identity_files(**files)  # type: ignore[arg-type]
    check_rrn_certificate(rrn.certificate, TrustAnchors.of([pki.root.certificate]), now=NOW)

    forged = identity.replace(holder.surname.encode(), b"X" * len(holder.surname))
    with pytest.raises(FileSignatureError):
        verify_identity_files(**{**files, "identity": forged})  # type: ignore[arg-type]

    # An address signed for another card does not fit this identity.
    other = replace(holder, national_number="00000000097")
    other_signature = sign_file(rrn.key, identity_file(other, b"jpeg", applet_version=0x17))
    moved = sign_file(rrn.key, address + other_signature)
    with pytest.raises(FileSignatureError):
        verify_identity_files(**{**files, "address_signature": moved})  # type: ignore[arg-type]


def test_an_rrn_certificate_from_another_root_is_refused(
    pki: TestPki, tmp_path_factory: pytest.TempPathFactory
) -> None:
    other = TestPki(tmp_path_factory.mktemp("other") / "pki")
    with pytest.raises(FileSignatureError):
        check_rrn_certificate(
            other.rrn_rsa.certificate, TrustAnchors.of([pki.root.certificate]), now=NOW
        )


def test_the_photo_must_match_its_digest() -> None:
    identity = parse_identity(identity_file(persona("chloe-ducoeur"), b"jpeg", applet_version=0x18))
    verify_photo(b"jpeg", identity.photo_digest)
    with pytest.raises(FileSignatureError):
        verify_photo(b"another face", identity.photo_digest)


def test_applet_1_8_file_signatures_are_der_and_may_be_zero_padded(pki: TestPki) -> None:
    holder = persona("chloe-ducoeur")
    rrn = pki.rrn_for("ec")
    identity = identity_file(holder, b"jpeg", applet_version=0x18)
    identity_signature = sign_file(rrn.key, identity)
    r, s = decode_dss_signature(identity_signature)  # SEQUENCE {r, s}, not r‖s
    address = address_file(holder)
    padded = sign_file(rrn.key, address + identity_signature).ljust(104, b"\x00")
    files = {
        "rrn_certificate": rrn.certificate,
        "identity": identity,
        "identity_signature": identity_signature,
        "address": address,
        "address_signature": padded,
    }
    verify_identity_files(**files)  # type: ignore[arg-type]

    raw = r.to_bytes(48, "big") + s.to_bytes(48, "big")
    trailing = padded[:-1] + b"\x01"
    for forged in ({"identity_signature": raw}, {"address_signature": trailing}):
        with pytest.raises(FileSignatureError):
            verify_identity_files(**{**files, **forged})  # type: ignore[arg-type]
