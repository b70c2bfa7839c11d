"""What a citizen does with the PIN letter, through pcscd: change the PIN on both generations;
unblock it with the PUK on an applet 1.7 card; an applet 1.8 card sends them to the
municipality (its RESET RETRY COUNTER needs the administration role)."""

from __future__ import annotations

import hashlib

import pytest

from foundation.i18n.error_messages import error_text
from identity.eid.card_reading import SigningKey
from identity.eid.errors import (
    InvalidPinFormatError,
    PinBlockedError,
    PinUnblockAtMunicipalityError,
    PukBlockedError,
    WrongPinError,
    WrongPukError,
)
from identity.eid.pcsc_reader import PcscEidReader
from simulators.eid.card_slots import CardSlots, reader_name
from simulators.personas.loader import persona

pytestmark = pytest.mark.integration


@pytest.mark.parametrize("slug", ["naima-mremi", "chloe-ducoeur"])
def test_the_holder_changes_the_pin_and_signs_with_the_new_one(
    slots: CardSlots, reader: PcscEidReader, slug: str
) -> None:
    slots.insert(0, slug)
    with reader.wait_for_card(reader=reader_name(0), timeout=5) as card:
        with pytest.raises(WrongPinError) as wrong:
            card.change_pin("9999", "564738")
        assert wrong.value.tries_left == 2
        with pytest.raises(InvalidPinFormatError):
            card.change_pin("1234", "12a4")  # refused before the card is asked
        assert card.pin_tries_left() == 2
        card.change_pin("1234", "564738")
        assert card.pin_tries_left() == 3
    # A new session: the card keeps the new PIN, the old one is wrong.
    with reader.wait_for_card(reader=reader_name(0), timeout=5) as card:
        with pytest.raises(WrongPinError):
            card.verify_pin("1234")
        digest = hashlib.sha256(b"signed with the new PIN").digest()
        assert card.sign(
            digest, hash_algorithm="sha256", key=SigningKey.NON_REPUDIATION, pin="564738"
        )


def test_a_blocked_pin_cannot_be_changed(slots: CardSlots, reader: PcscEidReader) -> None:
    slots.insert(0, "chloe-ducoeur").block_pin()
    with (
        reader.wait_for_card(reader=reader_name(0), timeout=5) as card,
        pytest.raises(PinBlockedError),
    ):
        card.change_pin("1234", "5678")


def test_applet_1_7_unblocks_with_the_puk_of_the_pin_letter(
    slots: CardSlots, reader: PcscEidReader
) -> None:
    puk = persona("naima-mremi").card.puk
    slots.insert(0, "naima-mremi").block_pin()
    with reader.wait_for_card(reader=reader_name(0), timeout=5) as card:
        with pytest.raises(WrongPukError) as wrong:
            card.unblock_pin("000000000000", "4321")
        assert wrong.value.tries_left == 11
        assert "11 essai(s)" in error_text("fr", wrong.value)
        assert card.pin_tries_left() == 0
        card.unblock_pin(puk, "4321")
        assert card.pin_tries_left() == 3
        card.verify_pin("4321")
        # Blocked again, unblocked keeping the PIN (P1 01: the PUK alone).
        for wrong_pin in ("0000", "0001", "0002"):
            with pytest.raises((WrongPinError, PinBlockedError)):
                card.verify_pin(wrong_pin)
        card.unblock_pin(puk)
        card.verify_pin("4321")


def test_twelve_wrong_puks_block_the_puk(slots: CardSlots, reader: PcscEidReader) -> None:
    slots.insert(0, "naima-mremi").block_pin()
    with reader.wait_for_card(reader=reader_name(0), timeout=5) as card:
        for left in range(11, 0, -1):
            with pytest.raises(WrongPukError) as wrong:
                card.unblock_pin("000000000000")
            assert wrong.value.tries_left == left
        with pytest.raises(PukBlockedError):
            card.unblock_pin("000000000000")
        with pytest.raises(PukBlockedError):
            card.unblock_pin(persona("naima-mremi").card.puk)
        assert card.pin_tries_left() == 0


def test_applet_1_8_sends_the_holder_to_the_municipality(
    slots: CardSlots, reader: PcscEidReader
) -> None:
    slots.insert(0, "chloe-ducoeur").block_pin()
    with reader.wait_for_card(reader=reader_name(0), timeout=5) as card:
        with pytest.raises(PinUnblockAtMunicipalityError) as refused:
            card.unblock_pin(persona("chloe-ducoeur").card.puk, "4321")
        assert "commune" in error_text("fr", refused.value)
        assert card.pin_tries_left() == 0
