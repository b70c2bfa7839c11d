"""The virtual card's side (simulators/eid): what it parses of the commands a reader sends.

Inputs are runs of one to six commands: the reader's real commands (identity.eid.apdu), mutated
or not, and random bytes. ``BelpicCard.execute`` promises an answer with a status word for any
bytes and never fails inside: 6F00 (its "card OS failure") or a logged exception is a crash.
"""

from __future__ import annotations

import logging

from bench.fuzzing.cards import FuzzCard
from bench.fuzzing.inputs import Inputs
from bench.fuzzing.target import ACCEPTED, BrokenRuleError, Target
from identity.eid import apdu
from identity.eid.apdu import KeyReference
from simulators.eid.command_apdu import CommandApdu
from simulators.eid.pin import decode_pin_block
from simulators.eid.status_words import CardStatusError, StatusWord

PATHS = ("DF014031", "DF014032", "DF014033", "DF014034", "DF014035", "DF014040", "DF005038")
CARD_OS_LOGGER = "simulators.eid.belpic_card"


class _Failures(logging.Handler):
    """Counts what the card OS logs as its own failure (it answers 6F00 then)."""

    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.count += 1


def _commands(card: FuzzCard) -> list[bytes]:
    """What a reader really sends this card, right and wrong PINs included."""
    pin = card.pin
    commands = [apdu.select_path(bytes.fromhex(path)) for path in PATHS]
    commands += [
        apdu.select_aid(apdu.BELPIC_AID),
        bytes.fromhex("00A4020C024031"),
        apdu.read_binary(0, apdu.READ_CHUNK),
        apdu.read_binary(252, apdu.READ_CHUNK),
        apdu.get_card_data(),
        bytes.fromhex("80E4000100"),
        apdu.get_response(0),
        apdu.get_response(0x10),
        apdu.log_off(),
        apdu.pin_status(),
        apdu.verify_pin(pin),
        apdu.verify_pin("0000"),
        apdu.change_pin(pin, "5678"),
        apdu.reset_retry_counter(card.puk or "111111111111", None),
        apdu.reset_retry_counter(card.puk or "111111111111", "4321"),
        apdu.internal_authenticate(bytes(48)),
        apdu.manage_security_environment(0x01, KeyReference.AUTHENTICATION),
        apdu.manage_security_environment(0x02, KeyReference.NON_REPUDIATION),
        apdu.manage_security_environment(0x40, KeyReference.AUTHENTICATION),
        apdu.perform_signature(bytes(32)),
        apdu.perform_signature(bytes.fromhex("3031300d060960864801650304020105000420") + bytes(32)),
        bytes.fromhex("0084000008"),
    ]
    return commands


def card_targets(cards: list[FuzzCard]) -> list[Target]:
    corpus = {id(card): _commands(card) for card in cards}
    every_command = [command for commands in corpus.values() for command in commands]
    failures = _Failures()
    logging.getLogger(CARD_OS_LOGGER).addHandler(failures)  # and printed, as the card does

    def make_run(inputs: Inputs) -> tuple[FuzzCard, list[bytes]]:
        card = inputs.pick(cards)
        run = []
        for _ in range(inputs.integer(1, 6)):
            roll = inputs.random.random()
            if roll < 0.3:
                run.append(inputs.pick(corpus[id(card)]))
            elif roll < 0.85:
                run.append(inputs.mutated_bytes(inputs.pick(corpus[id(card)]), every_command))
            else:
                run.append(inputs.raw_bytes(300))
        return card, run

    def check_run(case: tuple[FuzzCard, list[bytes]]) -> str:
        card, run = case
        card.restore()
        before = failures.count
        status = 0
        for command in run:
            answer = card.card.execute(command)
            if len(answer) < 2:
                raise BrokenRuleError("an answer without a status word")
            status = int.from_bytes(answer[-2:], "big")
            if status == StatusWord.NO_PRECISE_DIAGNOSIS or failures.count != before:
                raise BrokenRuleError(f"the card OS failed on {command.hex()}")
        return _status_kind(status)

    def check_parse(raw: bytes) -> str:
        try:
            CommandApdu.parse(raw)
        except CardStatusError as refusal:
            return f"CardStatusError {refusal.status_word:04X}"
        return ACCEPTED

    pin_blocks = [command[5:13] for command in every_command if command[1] in (0x20, 0x24, 0x2C)]

    def check_pin_block(block: bytes) -> str:
        try:
            pin = decode_pin_block(block)
        except CardStatusError as refusal:
            return f"CardStatusError {refusal.status_word:04X}"
        if apdu.pin_block(pin) != block:
            raise BrokenRuleError("a PIN block decoded to a PIN that encodes otherwise")
        return ACCEPTED

    return [
        Target(
            "card.commands",
            "simulators/eid/belpic_card.py: runs of commands, BelpicCard.execute",
            weight=5,
            make=make_run,
            check=check_run,
        ),
        Target(
            "card.command_apdu",
            "simulators/eid/command_apdu.py: CommandApdu.parse",
            weight=6,
            make=lambda inputs: (
                inputs.raw_bytes(300)
                if inputs.chance(0.3)
                else inputs.mutated_bytes(inputs.pick(every_command), every_command)
            ),
            check=check_parse,
        ),
        Target(
            "card.pin_block",
            "simulators/eid/pin.py: decode_pin_block",
            weight=3,
            make=lambda inputs: (
                inputs.raw_bytes(12)
                if inputs.chance(0.2)
                else inputs.mutated_bytes(inputs.pick(pin_blocks))
            ),
            check=check_pin_block,
        ),
    ]


def _status_kind(status: int) -> str:
    """``9000``, ``6A82``...; tries left and 6Cxx/61xx by their family, not by their count."""
    if status >> 8 in (0x61, 0x6C) or status >> 4 == 0x63C:
        return f"status {status >> 8:02X}xx" if status >> 4 != 0x63C else "status 63Cx"
    return ACCEPTED if status == StatusWord.OK else f"status {status:04X}"
