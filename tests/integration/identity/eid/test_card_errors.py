"""What the user meets when things go wrong: PIN errors, no card, a foreign card, removal."""

from __future__ import annotations

import threading
import time

import pytest

from foundation.i18n.error_messages import error_text
from identity.eid.errors import (
    CardRemovedError,
    NoCardError,
    NoReaderError,
    NotBelgianEidError,
    PinBlockedError,
    WrongPinError,
)
from identity.eid.pcsc_reader import PcscEidReader
from simulators.eid.card_slots import CardSlots, reader_name
from simulators.eid.foreign_card import ForeignCard
from simulators.pcsc.stack import PcscStack

pytestmark = pytest.mark.integration


@pytest.mark.parametrize("slug", ["naima-mremi", "chloe-ducoeur"])
def test_three_wrong_pins_block_the_card_and_the_status_query_spends_no_try(
    slots: CardSlots, reader: PcscEidReader, slug: str
) -> None:
    slots.insert(0, slug)
    with reader.wait_for_card(reader=reader_name(0), timeout=5) as card:
        assert card.pin_tries_left() == 3
        with pytest.raises(WrongPinError) as first:
            card.verify_pin("0000")
        assert first.value.tries_left == 2
        assert "2 essai(s)" in error_text("fr", first.value)
        assert card.pin_tries_left() == 2
        assert card.pin_tries_left() == 2
        with pytest.raises(WrongPinError) as second:
            card.verify_pin("9999")
        assert second.value.tries_left == 1
        with pytest.raises(PinBlockedError):
            card.verify_pin("1111")
        assert card.pin_tries_left() == 0
        with pytest.raises(PinBlockedError):
            card.verify_pin("1234")  # even the right PIN


def test_a_right_pin_resets_the_counter(slots: CardSlots, reader: PcscEidReader) -> None:
    slots.insert(0, "marouan-el-yakoubi")
    with reader.wait_for_card(reader=reader_name(0), timeout=5) as card:
        with pytest.raises(WrongPinError):
            card.verify_pin("4321")
        card.verify_pin("1234")
        assert card.pin_tries_left() == 3


def test_the_tries_counter_survives_removal_like_a_real_card(
    slots: CardSlots, reader: PcscEidReader
) -> None:
    slots.insert(0, "marouan-el-yakoubi")
    with (
        reader.wait_for_card(reader=reader_name(0), timeout=5) as card,
        pytest.raises(WrongPinError),
    ):
        card.verify_pin("4321")
    slots.remove(0)
    slots.insert(2, "marouan-el-yakoubi")
    with reader.wait_for_card(reader=reader_name(2), timeout=5) as card:
        assert card.pin_tries_left() == 2


def test_an_empty_reader_gives_no_card(slots: CardSlots, reader: PcscEidReader) -> None:
    with pytest.raises(NoCardError) as error:
        reader.wait_for_card(reader=reader_name(3), timeout=0.3)
    assert "Insérez votre carte" in error_text("fr", error.value)


def test_an_unknown_reader_gives_no_reader(slots: CardSlots, reader: PcscEidReader) -> None:
    with pytest.raises(NoReaderError):
        reader.wait_for_card(reader="Lecteur débranché 00 00", timeout=0.1)


def test_waiting_finds_a_card_inserted_later(slots: CardSlots, reader: PcscEidReader) -> None:
    threading.Timer(0.3, slots.insert, args=(1, "chloe-ducoeur")).start()
    with reader.wait_for_card(timeout=5) as card:
        assert card.reader_name == reader_name(1)


def test_a_foreign_card_is_not_taken_for_an_eid(slots: CardSlots, reader: PcscEidReader) -> None:
    slots.insert_card(0, ForeignCard())
    with pytest.raises(NotBelgianEidError) as error:
        reader.wait_for_card(reader=reader_name(0), timeout=5)
    assert "n'est pas une carte d'identité électronique belge" in error_text("fr", error.value)


def test_removal_is_seen_quickly(slots: CardSlots, reader: PcscEidReader) -> None:
    slots.insert(0, "naima-mremi")
    reader.wait_for_card(reader=reader_name(0), timeout=5).close()
    started = time.monotonic()
    threading.Timer(0.1, slots.remove, args=(0,)).start()
    assert reader.wait_for_removal(reader_name(0), timeout=5)
    assert time.monotonic() - started < 1.5


def test_removal_during_a_read_then_reconnection(slots: CardSlots, reader: PcscEidReader) -> None:
    slots.insert(0, "naima-mremi")
    card = reader.wait_for_card(reader=reader_name(0), timeout=5)
    threading.Timer(0.2, slots.remove, args=(0,)).start()

    def read_for_five_seconds() -> None:
        deadline = time.monotonic() + 5
        while time.monotonic() < deadline:
            card.read_photo()

    with pytest.raises(CardRemovedError) as error:
        read_for_five_seconds()
    assert "retirée" in error_text("fr", error.value)
    # The old handle stays broken after reinsertion: the session reconnects.
    threading.Timer(0.2, slots.insert, args=(0, "naima-mremi")).start()
    card.reconnect(timeout=5)
    assert card.read_photo().startswith(b"\xff\xd8")
    card.close()


def test_cards_come_back_after_a_pcscd_restart(
    slots: CardSlots, reader: PcscEidReader, pcsc_stack: PcscStack
) -> None:
    slots.insert(0, "naima-mremi")
    slots.insert(1, "chloe-ducoeur")
    card = reader.wait_for_card(reader=reader_name(1), timeout=5)
    before = card.read_identity()
    pcsc_stack.restart_pcscd()
    with pytest.raises(CardRemovedError):
        card.read_identity()
    card.reconnect(timeout=10)
    assert card.read_identity() == before
    card.close()
    with reader.wait_for_card(reader=reader_name(0), timeout=10) as first:
        assert first.read_identity().surname == "Mremi"
