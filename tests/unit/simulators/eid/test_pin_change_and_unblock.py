"""CHANGE REFERENCE DATA on both generations; RESET RETRY COUNTER with the PUK on applet 1.7,
refused on applet 1.8 (there the municipality's administration role does it)."""

from __future__ import annotations

import pytest

from identity.eid.apdu import pin_block
from simulators.eid.belpic_card import BelpicCard
from simulators.personas.loader import persona
from tests.unit.simulators.eid.test_belpic_card import send, verify


def change(card: BelpicCard, old: str, new: str) -> int:
    return send(card, "00 24 00 01 10" + pin_block(old).hex() + pin_block(new).hex())[1]


def reset_retry_counter(card: BelpicCard, puk: str, new_pin: str | None = None) -> int:
    if new_pin is None:
        return send(card, "00 2C 01 01 08" + pin_block(puk).hex())[1]
    return send(card, "00 2C 00 01 10" + pin_block(puk).hex() + pin_block(new_pin).hex())[1]


@pytest.mark.parametrize("profile", ["rsa_card", "ec_card"])
def test_the_pin_changes_with_the_old_one(profile: str, request: pytest.FixtureRequest) -> None:
    card: BelpicCard = request.getfixturevalue(profile)
    assert change(card, "0000", "5678") == 0x63C2  # a wrong old PIN spends a try
    assert change(card, "1234", "5678") == 0x9000
    # The access right is granted, as by VERIFY: the authentication key signs.
    assert send(card, "00 22 41 B6 05 04 80 01 84 82")[1] == 0x9000
    assert send(card, "00 2A 9E 9A 20" + "66" * 32 + "00")[1] in (0x9000, 0x6180, 0x6100)
    assert verify(card, "1234") == 0x63C2
    assert verify(card, "5678") == 0x9000
    assert card.content.pin.tries_left == 3


@pytest.mark.parametrize(
    ("data", "status"),
    [
        (pin_block("1234").hex(), 0x6700),  # the new PIN missing
        (pin_block("1234").hex() + "2F12FFFFFFFFFFFF", 0x6A80),  # a malformed new PIN block
    ],
)
def test_a_malformed_change_spends_no_try(rsa_card: BelpicCard, data: str, status: int) -> None:
    assert send(rsa_card, f"00 24 00 01 {len(data) // 2:02X}" + data)[1] == status
    assert rsa_card.content.pin.tries_left == 3
    assert send(rsa_card, "00 24 00 02 10" + "24123" + "4" + "F" * 26)[1] == 0x6A88


def test_a_blocked_pin_cannot_be_changed(ec_card: BelpicCard) -> None:
    ec_card.block_pin()
    assert change(ec_card, "1234", "5678") == 0x6983
    assert ec_card.content.pin.value == "1234"


def test_applet_1_7_unblocks_with_the_puk_and_may_set_a_new_pin(rsa_card: BelpicCard) -> None:
    puk = persona("naima-mremi").card.puk
    rsa_card.block_pin()
    assert reset_retry_counter(rsa_card, "111111111111", "4321") == 0x63CB  # 11 PUK tries left
    assert rsa_card.content.pin.blocked
    assert reset_retry_counter(rsa_card, puk, "4321") == 0x9000
    assert rsa_card.content.pin.tries_left == 3
    assert rsa_card.content.puk is not None
    assert rsa_card.content.puk.tries_left == 12
    assert verify(rsa_card, "1234") == 0x63C2
    assert verify(rsa_card, "4321") == 0x9000
    # P1 01: the PUK alone resets the tries and keeps the PIN.
    rsa_card.block_pin()
    assert reset_retry_counter(rsa_card, puk) == 0x9000
    assert verify(rsa_card, "4321") == 0x9000


def test_twelve_wrong_puks_block_the_puk(rsa_card: BelpicCard) -> None:
    rsa_card.block_pin()
    statuses = [reset_retry_counter(rsa_card, "000000000000") for _ in range(12)]
    assert statuses[0] == 0x63CB
    assert statuses[-2] == 0x63C1
    assert statuses[-1] == 0x6983
    assert reset_retry_counter(rsa_card, persona("naima-mremi").card.puk) == 0x6983
    rsa_card.unblock_pin()  # the tester's reset, standing for the municipality
    assert reset_retry_counter(rsa_card, persona("naima-mremi").card.puk) == 0x9000


def test_applet_1_8_leaves_the_unblock_to_the_municipality(ec_card: BelpicCard) -> None:
    ec_card.block_pin()
    puk = persona("chloe-ducoeur").card.puk
    assert reset_retry_counter(ec_card, puk, "4321") == 0x6982
    assert send(ec_card, "00 2C 03 01")[1] == 0x6A86
    assert ec_card.content.pin.blocked
