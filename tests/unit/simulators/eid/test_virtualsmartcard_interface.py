"""The card OS is a virtualsmartcard SmartcardOS: the library's own calls drive it."""

from __future__ import annotations

from virtualsmartcard.VirtualSmartcard import SmartcardOS

from simulators.eid.belpic_card import BelpicCard

ATR_APPLET_17 = bytes.fromhex("3B 98 13 40 0A A5 03 01 01 01 AD 13 11")
SELECT_BELPIC_AID = bytes.fromhex("00 A4 04 0C 0F A0 00 00 00 30 29 05 70 00 AD 13 10 01 01 FF")


def test_the_library_sees_a_card_os_with_the_belpic_atr(rsa_card: BelpicCard) -> None:
    card: SmartcardOS = rsa_card
    assert isinstance(card, SmartcardOS)
    card.powerDown()
    card.powerUp()
    assert card.getATR() == ATR_APPLET_17


def test_the_library_execute_call_answers_status_words(rsa_card: BelpicCard) -> None:
    card: SmartcardOS = rsa_card
    assert card.execute(SELECT_BELPIC_AID)[-2:] == b"\x90\x00"
    assert card.execute(bytes.fromhex("00FF000000"))[-2:] == b"\x6d\x00"
