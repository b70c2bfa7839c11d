"""The reader proves an applet 1.8 card genuine: file 4040 against the identity file's tag 1A,
then a fresh challenge signed by the basic key (INTERNAL AUTHENTICATE). Card OS in memory; the
same path runs through pcscd in tests/integration/identity/eid/test_basic_key.py."""

from __future__ import annotations

import pytest
from cryptography.hazmat.primitives.asymmetric import ec

from identity.eid.errors import CardNotGenuineError
from simulators.eid.belpic_card import BelpicCard
from simulators.eid.card_builder import basic_key_file, sign_file
from simulators.eid.card_keys import BasicKey
from simulators.eid.file_system import DedicatedFile, ElementaryFile
from simulators.eid.identity_files import address_file, identity_file
from simulators.personas.loader import persona
from simulators.pki.test_pki import TestPki
from tests.unit.identity.eid.test_reader_with_a_fake_link import open_card

INTERNAL_AUTHENTICATE = 0x88


def id_file(card: BelpicCard, file_id: int) -> ElementaryFile:
    id_files = card.content.master_file.children[0xDF01]
    assert isinstance(id_files, DedicatedFile)
    found = id_files.children[file_id]
    assert isinstance(found, ElementaryFile)
    return found


def test_reading_an_applet_1_8_card_challenges_its_basic_key(ec_card: BelpicCard) -> None:
    session, connection = open_card(ec_card)
    reading = session.read_all()
    assert len(reading.identity.basic_key_digest) == 48
    challenges = [apdu for apdu in connection.sent if apdu[1] == INTERNAL_AUTHENTICATE]
    assert len(challenges) == 1
    assert challenges[0][:7] == bytes.fromhex("00 88 02 81 32 94 30")
    assert len(challenges[0]) == 7 + 48


def test_a_challenge_is_random(ec_card: BelpicCard) -> None:
    seen: set[bytes] = set()
    for _ in range(2):
        session, connection = open_card(ec_card)
        session.read_all()
        seen.update(apdu for apdu in connection.sent if apdu[1] == INTERNAL_AUTHENTICATE)
    assert len(seen) == 2


def test_an_applet_1_7_card_is_not_challenged(rsa_card: BelpicCard) -> None:
    session, connection = open_card(rsa_card)
    assert session.read_all().identity.basic_key_digest == b""
    assert all(apdu[1] != INTERNAL_AUTHENTICATE for apdu in connection.sent)


def test_a_basic_key_file_from_another_card_is_refused(ec_card: BelpicCard) -> None:
    other = ec.generate_private_key(ec.SECP384R1())
    id_file(ec_card, 0x4040).content = basic_key_file(other)
    with pytest.raises(CardNotGenuineError, match="4040"):
        open_card(ec_card)[0].read_all()


def test_a_chip_without_the_private_basic_key_is_refused(ec_card: BelpicCard) -> None:
    # A clone: every file copied, but the chip cannot sign with the key its files name.
    ec_card.content.basic_key = BasicKey(ec.generate_private_key(ec.SECP384R1()))
    with pytest.raises(CardNotGenuineError, match="challenge"):
        open_card(ec_card)[0].read_all()


def test_an_applet_1_8_identity_file_without_the_basic_key_hash_is_refused(
    ec_card: BelpicCard, unit_pki: TestPki
) -> None:
    # Signed by the National Register, but without tag 1A: the card cannot be proven genuine.
    holder = persona("chloe-ducoeur")
    rrn = unit_pki.rrn_for("ec").key
    identity = identity_file(holder, id_file(ec_card, 0x4035).content, applet_version=0x18)
    identity_signature = sign_file(rrn, identity)
    id_file(ec_card, 0x4031).content = identity
    id_file(ec_card, 0x4032).content = identity_signature
    id_file(ec_card, 0x4034).content = sign_file(rrn, address_file(holder) + identity_signature)
    with pytest.raises(CardNotGenuineError, match="basic key hash"):
        open_card(ec_card)[0].read_all()
