"""Reading both applet generations through pcscd + vpcd, as the portal's eID login does."""

from __future__ import annotations

import hashlib

import pytest
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa, utils
from cryptography.x509.oid import NameOID

from foundation.i18n.error_messages import error_text
from identity.eid.card_reading import SigningKey
from identity.eid.errors import CardExpiredError, StatusWordError
from identity.eid.pcsc_reader import PcscEidReader
from simulators.eid.card_slots import CardSlots, reader_name
from simulators.personas.loader import persona

pytestmark = pytest.mark.integration

PROFILES = [("naima-mremi", 0x17), ("chloe-ducoeur", 0x18)]


def _verify(certificate_key: object, signature: bytes, digest: bytes) -> None:
    if isinstance(certificate_key, rsa.RSAPublicKey):
        certificate_key.verify(
            signature, digest, padding.PKCS1v15(), utils.Prehashed(hashes.SHA256())
        )
    else:
        assert isinstance(certificate_key, ec.EllipticCurvePublicKey)
        assert len(signature) == 96  # raw r‖s on P-384
        der = utils.encode_dss_signature(
            int.from_bytes(signature[:48], "big"), int.from_bytes(signature[48:], "big")
        )
        certificate_key.verify(der, digest, ec.ECDSA(utils.Prehashed(hashes.SHA256())))


@pytest.mark.parametrize(("slug", "applet_version"), PROFILES)
def test_identity_address_photo_and_certificates_are_read_and_checked(
    slots: CardSlots, reader: PcscEidReader, slug: str, applet_version: int
) -> None:
    slots.insert(0, slug)
    expected = persona(slug)
    with reader.wait_for_card(reader=reader_name(0), timeout=5) as card:
        reading = card.read_all()
    assert reading.applet_version == applet_version
    identity = reading.identity
    assert identity.national_number == expected.national_number
    assert identity.surname == expected.surname
    assert identity.given_names == expected.given_names
    assert identity.birth_date == expected.birth_date
    assert identity.card_valid_until == expected.card.valid_until
    assert identity.sex == expected.sex
    assert reading.address.street == expected.address.street
    assert reading.address.zip_code == expected.address.zip_code
    assert reading.photo.startswith(b"\xff\xd8")  # JPEG
    subject = reading.certificates.authentication.subject
    assert subject.get_attributes_for_oid(NameOID.COMMON_NAME)[0].value == (
        f"{expected.display_name} (Authentication)"
    )
    assert subject.get_attributes_for_oid(NameOID.SERIAL_NUMBER)[0].value == (
        expected.national_number
    )
    issuer = reading.certificates.authentication.issuer
    assert issuer.get_attributes_for_oid(NameOID.COMMON_NAME)[0].value == "Citizen CA"


@pytest.mark.parametrize(("slug", "applet_version"), PROFILES)
def test_the_card_signs_with_the_authentication_key_after_the_pin(
    slots: CardSlots, reader: PcscEidReader, slug: str, applet_version: int
) -> None:
    slots.insert(1, slug)
    digest = hashlib.sha256(b"origin" + b"challenge").digest()
    with reader.wait_for_card(reader=reader_name(1), timeout=5) as card:
        assert card.applet_version == applet_version
        certificates = card.read_certificates()
        card.verify_pin("1234")
        signature = card.sign(digest, hash_algorithm="sha256")
    _verify(certificates.authentication.public_key(), signature, digest)


@pytest.mark.parametrize(("slug", "applet_version"), PROFILES)
def test_non_repudiation_needs_the_pin_right_before(
    slots: CardSlots, reader: PcscEidReader, slug: str, applet_version: int
) -> None:
    slots.insert(0, slug)
    digest = hashlib.sha256(b"a dossier to sign").digest()
    with reader.wait_for_card(reader=reader_name(0), timeout=5) as card:
        certificates = card.read_certificates()
        card.verify_pin("1234")
        card.read_identity()  # anything between VERIFY and the signature spends the PIN
        with pytest.raises(StatusWordError) as refused:
            card.sign(digest, hash_algorithm="sha256", key=SigningKey.NON_REPUDIATION)
        assert refused.value.status_word == 0x6982
        signature = card.sign(
            digest, hash_algorithm="sha256", key=SigningKey.NON_REPUDIATION, pin="1234"
        )
    _verify(certificates.signature.public_key(), signature, digest)


def test_signing_without_the_pin_is_refused(slots: CardSlots, reader: PcscEidReader) -> None:
    slots.insert(0, "marouan-el-yakoubi")
    with reader.wait_for_card(reader=reader_name(0), timeout=5) as card:
        with pytest.raises(StatusWordError) as refused:
            card.sign(bytes(32), hash_algorithm="sha256")
        assert refused.value.status_word == 0x6982
        card.verify_pin("1234")
        card.log_off()
        with pytest.raises(StatusWordError):
            card.sign(bytes(32), hash_algorithm="sha256")


def test_an_expired_card_is_refused_with_its_own_error(
    slots: CardSlots, reader: PcscEidReader
) -> None:
    slots.insert(0, "lucien-vandermeulen")
    with (
        reader.wait_for_card(reader=reader_name(0), timeout=5) as card,
        pytest.raises(CardExpiredError) as expired,
    ):
        card.read_all()
    assert "expirée" in error_text("fr", expired.value)


def test_three_cards_in_three_readers_are_read_at_once(
    slots: CardSlots, reader: PcscEidReader
) -> None:
    from concurrent.futures import ThreadPoolExecutor

    slugs = ["naima-mremi", "chloe-ducoeur", "marouan-el-yakoubi"]
    for index, slug in enumerate(slugs):
        slots.insert(index, slug)

    def read(index: int) -> str:
        with PcscEidReader().wait_for_card(reader=reader_name(index), timeout=5) as card:
            return card.read_all().identity.national_number

    with ThreadPoolExecutor(max_workers=3) as pool:
        numbers = list(pool.map(read, range(3)))
    assert numbers == [persona(slug).national_number for slug in slugs]


def test_the_reader_lists_the_four_virtual_readers(slots: CardSlots, reader: PcscEidReader) -> None:
    stack = slots.stack
    expected = {stack.reader_name(index) for index in range(stack.readers)}
    assert set(reader.list_readers()) == expected
    assert expected == {reader_name(index) for index in range(4)}
