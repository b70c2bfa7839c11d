"""The National Register's signatures of the identity and address files (4032, 4034) as each
generation stores them, read through pcscd: applet 1.7 RSA PKCS#1 v1.5 SHA-256; applet 1.8
ECDSA P-384 SHA-384 DER-encoded (SEQUENCE {r, s}), the address's zero-padded to a fixed
length."""

from __future__ import annotations

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa
from cryptography.hazmat.primitives.asymmetric.utils import decode_dss_signature

from identity.eid.pcsc_card import (
    ADDRESS,
    ADDRESS_SIGNATURE,
    IDENTITY,
    IDENTITY_SIGNATURE,
    RRN_CERTIFICATE,
)
from identity.eid.pcsc_reader import PcscEidReader
from simulators.eid.card_slots import CardSlots, reader_name

pytestmark = pytest.mark.integration


def _files(reader: PcscEidReader) -> dict[bytes, bytes]:
    with reader.wait_for_card(reader=reader_name(0), timeout=5) as card:
        return {
            path: card.read_file(path)
            for path in (IDENTITY, IDENTITY_SIGNATURE, ADDRESS, ADDRESS_SIGNATURE, RRN_CERTIFICATE)
        }


def test_applet_1_8_signatures_are_der_ecdsa(slots: CardSlots, reader: PcscEidReader) -> None:
    slots.insert(0, "chloe-ducoeur")
    files = _files(reader)
    key = x509.load_der_x509_certificate(files[RRN_CERTIFICATE]).public_key()
    assert isinstance(key, ec.EllipticCurvePublicKey)
    identity_signature = files[IDENTITY_SIGNATURE]
    assert identity_signature[0] == 0x30
    assert len(identity_signature) == identity_signature[1] + 2  # exactly the DER
    decode_dss_signature(identity_signature)
    key.verify(identity_signature, files[IDENTITY], ec.ECDSA(hashes.SHA384()))
    # The address file's: the DER, then zero bytes up to the file's fixed length.
    address_signature = files[ADDRESS_SIGNATURE]
    der_length = address_signature[1] + 2
    assert len(address_signature) == 104
    assert not any(address_signature[der_length:])
    key.verify(
        address_signature[:der_length],
        files[ADDRESS].rstrip(b"\x00") + identity_signature,
        ec.ECDSA(hashes.SHA384()),
    )


def test_applet_1_7_signatures_are_rsa_pkcs1(slots: CardSlots, reader: PcscEidReader) -> None:
    slots.insert(0, "naima-mremi")
    files = _files(reader)
    key = x509.load_der_x509_certificate(files[RRN_CERTIFICATE]).public_key()
    assert isinstance(key, rsa.RSAPublicKey)
    assert len(files[IDENTITY_SIGNATURE]) == len(files[ADDRESS_SIGNATURE]) == 256
    key.verify(files[IDENTITY_SIGNATURE], files[IDENTITY], padding.PKCS1v15(), hashes.SHA256())
    key.verify(
        files[ADDRESS_SIGNATURE],
        files[ADDRESS] + files[IDENTITY_SIGNATURE],
        padding.PKCS1v15(),
        hashes.SHA256(),
    )
