"""Property-based: whatever bytes reach the card, the answer is a status word or a typed error,
never a crash (the reader's parsers: tests/unit/identity/eid/test_fuzz_parsers.py)."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from identity.eid.apdu import pin_block
from simulators.eid.belpic_card import BelpicCard
from simulators.eid.card_builder import build_card
from simulators.eid.command_apdu import CommandApdu
from simulators.eid.pin import decode_pin_block
from simulators.eid.status_words import CardStatusError
from simulators.personas.loader import persona
from simulators.pki.test_pki import TestPki

FUZZ = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
KNOWN_INSTRUCTIONS = [0xA4, 0xB0, 0x20, 0x22, 0x2A, 0xC0, 0x84, 0xE4, 0xE6, 0x00, 0xFF]


@pytest.fixture(scope="module")
def cards(unit_pki: TestPki) -> dict[str, BelpicCard]:
    """One card per profile for the whole module: the fuzzing must not wear it out either."""
    built = {slug: build_card(persona(slug), unit_pki) for slug in ("naima-mremi", "chloe-ducoeur")}
    for card in built.values():
        card.power_up()
    return built


def _answer_is_well_formed(answer: bytes) -> int:
    assert len(answer) >= 2
    status = int.from_bytes(answer[-2:], "big")
    assert status != 0x6F00, "the card OS failed internally"
    assert status >> 8 in {0x90, 0x61, 0x63, 0x67, 0x69, 0x6A, 0x6B, 0x6C, 0x6D, 0x6E}
    return status


def _still_works(target: BelpicCard) -> None:
    target.content.pin.unblock()
    assert target.execute(bytes.fromhex("80E400001C"))[-2:] == b"\x90\x00"


@FUZZ
@given(raw=st.binary(max_size=300), slug=st.sampled_from(["naima-mremi", "chloe-ducoeur"]))
def test_random_bytes_get_a_status_word(
    cards: dict[str, BelpicCard], raw: bytes, slug: str
) -> None:
    target = cards[slug]
    _answer_is_well_formed(target.execute(raw))
    _still_works(target)


@FUZZ
@given(
    commands=st.lists(
        st.tuples(
            st.sampled_from([0x00, 0x80, 0x0C, 0xA0]),
            st.sampled_from(KNOWN_INSTRUCTIONS),
            st.integers(0, 255),
            st.integers(0, 255),
            st.binary(max_size=255),
            st.one_of(st.none(), st.integers(0, 255)),
        ),
        min_size=1,
        max_size=8,
    ),
    slug=st.sampled_from(["naima-mremi", "chloe-ducoeur"]),
)
def test_sequences_of_plausible_commands_never_break_the_card(
    cards: dict[str, BelpicCard],
    commands: list[tuple[int, int, int, int, bytes, int | None]],
    slug: str,
) -> None:
    target = cards[slug]
    for cla, ins, p1, p2, data, le in commands:
        raw = bytes([cla, ins, p1, p2])
        if data:
            raw += bytes([len(data)]) + data
        if le is not None:
            raw += bytes([le])
        _answer_is_well_formed(target.execute(raw))
    _still_works(target)


@FUZZ
@given(raw=st.binary(max_size=300))
def test_command_apdu_parsing_gives_a_command_or_a_status(raw: bytes) -> None:
    refused: CardStatusError | None = None
    try:
        command = CommandApdu.parse(raw)
    except CardStatusError as error:
        refused = error
    if refused is not None:
        assert refused.status_word == 0x6700
    else:
        assert len(command.data) <= 255


@FUZZ
@given(block=st.binary(min_size=0, max_size=12))
def test_pin_blocks_decode_or_are_refused(block: bytes) -> None:
    refused: CardStatusError | None = None
    try:
        pin = decode_pin_block(block)
    except CardStatusError as error:
        refused = error
    if refused is not None:
        assert refused.status_word == 0x6A80
    else:
        assert pin_block(pin) == block


@FUZZ
@given(pin=st.text(alphabet="0123456789", min_size=4, max_size=12))
def test_pin_blocks_round_trip(pin: str) -> None:
    assert decode_pin_block(pin_block(pin)) == pin
