"""Applet 1.8's basic key through pcscd: file 3F00/DF01/4040, the identity file's tag 1A, and
INTERNAL AUTHENTICATE, as the official middleware and eID viewer use them; applet 1.7 cards
have none of them and read as before."""

from __future__ import annotations

import hashlib
import secrets

import pytest
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, utils

from identity.eid.errors import CardNotGenuineError, StatusWordError
from identity.eid.pcsc_card import BASIC_KEY, IDENTITY
from identity.eid.pcsc_reader import PcscEidReader
from identity.eid.tlv import parse_fields
from simulators.eid.card_keys import BasicKey
from simulators.eid.card_slots import CardSlots, reader_name

pytestmark = pytest.mark.integration


def test_an_applet_1_8_card_proves_itself_with_its_basic_key(
    slots: CardSlots, reader: PcscEidReader
) -> None:
    slots.insert(0, "chloe-ducoeur")
    challenge = secrets.token_bytes(48)
    with reader.wait_for_card(reader=reader_name(0), timeout=5) as card:
        basic_key_file = card.read_file(BASIC_KEY)
        identity = card.read_file(IDENTITY)
        answer = card.authenticate_card(challenge)  # no PIN asked
        reading = card.read_all()  # does the same checks itself
    # File 4040: a DER SubjectPublicKeyInfo of a P-384 key, hashed with SHA-384 in tag 1A.
    assert basic_key_file[:2] == b"\x30\x76"
    public_key = serialization.load_der_public_key(basic_key_file)
    assert isinstance(public_key, ec.EllipticCurvePublicKey)
    assert public_key.curve.name == "secp384r1"
    assert parse_fields(identity)[0x1A] == hashlib.sha384(basic_key_file).digest()
    assert reading.identity.basic_key_digest == hashlib.sha384(basic_key_file).digest()
    # The answer: raw r‖s of the challenge taken as a SHA-384 digest.
    assert len(answer) == 96
    der = utils.encode_dss_signature(
        int.from_bytes(answer[:48], "big"), int.from_bytes(answer[48:], "big")
    )
    public_key.verify(der, challenge, ec.ECDSA(utils.Prehashed(hashes.SHA384())))


def test_an_applet_1_7_card_has_no_basic_key_and_reads_as_before(
    slots: CardSlots, reader: PcscEidReader
) -> None:
    slots.insert(0, "naima-mremi")
    with reader.wait_for_card(reader=reader_name(0), timeout=5) as card:
        with pytest.raises(StatusWordError) as no_file:
            card.read_file(BASIC_KEY)
        assert no_file.value.status_word == 0x6A82
        with pytest.raises(StatusWordError) as no_command:
            card.authenticate_card(bytes(48))
        assert no_command.value.status_word == 0x6D00
        assert sorted(parse_fields(card.read_file(IDENTITY))) == list(range(0x01, 0x12))
        assert card.read_all().identity.basic_key_digest == b""


def test_a_cloned_applet_1_8_card_is_refused(slots: CardSlots, reader: PcscEidReader) -> None:
    # Every file copied into another chip: the chip's own key is not the one the files name.
    card = slots.card_of("chloe-ducoeur")
    genuine = card.content.basic_key
    card.content.basic_key = BasicKey(ec.generate_private_key(ec.SECP384R1()))
    try:
        slots.insert(0, "chloe-ducoeur")
        with (
            reader.wait_for_card(reader=reader_name(0), timeout=5) as session,
            pytest.raises(CardNotGenuineError),
        ):
            session.read_all()
    finally:
        card.content.basic_key = genuine
