"""The reader's side of the eID (identity/eid): everything that parses bytes a card sends.

The files and signatures of two real virtual cards are the seeds. The whole reading session
(``PcscEidCard``: GET CARD DATA, files, PIN, signatures) runs against a card whose answers are
tampered with: data mutated, status words swapped, answers cut, or a card that never stops
(61xx for ever, full chunks for ever). Rules checked besides "no crash": the exchange ends, and
an identity accepted from tampered answers is the card's real one (its files are signed).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from cryptography.exceptions import InvalidSignature

from bench.fuzzing.cards import FuzzCard
from bench.fuzzing.inputs import Inputs
from bench.fuzzing.target import ACCEPTED, BrokenRuleError, Target
from identity.eid.card_authentication import basic_public_key, verify_card_answer
from identity.eid.card_reading import SigningKey
from identity.eid.errors import (
    CardDataError,
    CardNotGenuineError,
    CardRemovedError,
    EidError,
    FileSignatureError,
)
from identity.eid.file_signature import der_signature, verify_file_signature
from identity.eid.identity_file import (
    parse_address,
    parse_birth_date,
    parse_card_date,
    parse_identity,
)
from identity.eid.pcsc_card import PcscEidCard
from identity.eid.tlv import parse_fields

TODAY = date(2026, 11, 22)  # the personas' cards are valid then
# An exchange this long is a reader looping on a card that never ends (real readings: < 100).
MAX_TRANSMITS = 5_000
STATUS_WORDS = (0x9000, 0x6B00, 0x6700, 0x6982, 0x6983, 0x6A82, 0x6A80, 0x6D00, 0x6F00)
IDENTITY, IDENTITY_SIGNATURE, ADDRESS, ADDRESS_SIGNATURE, PHOTO = (
    (0xDF01, 0x4031),
    (0xDF01, 0x4032),
    (0xDF01, 0x4033),
    (0xDF01, 0x4034),
    (0xDF01, 0x4035),
)
BASIC_KEY = (0xDF01, 0x4040)
RRN_CERTIFICATE = (0xDF00, 0x503C)
BIRTH_DATES = ("14 MARS 1986", "02 MAAR 1979", "30 MÄR 2001", "1 JANV 1950", "29 FEV 2000")
CARD_DATES = ("01.06.2024", "31.12.2034", "29.02.2028")


class EndlessExchangeError(Exception):
    """The reader kept talking to a card that never ends its answer: a hang in production."""


@dataclass
class TamperingLink:
    """Stands for the PC/SC connection: hands each command to the real card OS, then tampers
    with its answer as ``mode`` says, like a broken or hostile card would."""

    card: FuzzCard
    inputs: Inputs
    mode: str
    rate: float
    reader: str = "Fuzz reader 00 00"
    transmits: int = 0
    sent: list[bytes] = field(default_factory=list)

    def transmit(self, apdu: bytes) -> tuple[bytes, int]:
        self.transmits += 1
        if self.transmits > MAX_TRANSMITS:
            raise EndlessExchangeError(f"{self.mode}: still exchanging after {MAX_TRANSMITS}")
        answer = self.card.card.execute(apdu)
        answer = self._tampered(apdu, answer)
        if len(answer) < 2:  # what PcscConnection does with an answer without a status word
            raise CardRemovedError("answer without a status word")
        return answer[:-2], int.from_bytes(answer[-2:], "big")

    def _tampered(self, apdu: bytes, answer: bytes) -> bytes:
        inputs = self.inputs
        match self.mode:
            case "more-for-ever" if self.transmits > 3:
                return inputs.random.randbytes(inputs.integer(0, 4)) + bytes([0x61, 0x10])
            case "full-chunks-for-ever" if apdu[1:2] == b"\xb0":
                return inputs.random.randbytes(252) + b"\x90\x00"
            case "resend-for-ever" if self.transmits > 1:
                return bytes([0x6C, inputs.integer(0, 255)])
            case "noisy" if inputs.chance(self.rate):
                return self._noise(answer)
        return answer

    def _noise(self, answer: bytes) -> bytes:
        inputs = self.inputs
        data, status = answer[:-2], answer[-2:]
        match inputs.integer(0, 5):
            case 0:
                return inputs.mutated_bytes(data) + status
            case 1:
                return data + inputs.pick(STATUS_WORDS).to_bytes(2, "big")
            case 2:
                word = inputs.pick((0x6100, 0x6C00, 0x63C0)) | inputs.integer(0, 255)
                return data + word.to_bytes(2, "big")
            case 3:
                return answer[: inputs.integer(0, len(answer))]
            case 4:
                return inputs.raw_bytes(300)
            case _:
                return data + inputs.random.randbytes(2)

    def disconnect(self) -> None:
        pass


class _Context:
    def release(self) -> None:
        pass


@dataclass(frozen=True)
class SessionCase:
    card: FuzzCard
    mode: str
    rate: float
    operation: str
    seed: str  # the link's own stream: the tampering replays with the input


def _session_target(cards: list[FuzzCard]) -> Target:
    honest = {id(one): _honest_reading(one) for one in cards}
    operations: dict[str, Callable[[PcscEidCard, FuzzCard, Inputs], object]] = {
        "read_all": lambda session, _card, _inputs: session.read_all(),
        "read_identity": lambda session, _card, _inputs: session.read_identity(),
        "read_address": lambda session, _card, _inputs: session.read_address(),
        "read_certificates": lambda session, _card, _inputs: session.read_certificates(),
        "pin_tries_left": lambda session, _card, _inputs: session.pin_tries_left(),
        "verify_pin": lambda session, card, inputs: session.verify_pin(_pin(card, inputs)),
        "change_pin": lambda session, card, inputs: session.change_pin(
            _pin(card, inputs), _pin(card, inputs)
        ),
        "unblock_pin": lambda session, card, inputs: session.unblock_pin(
            card.puk or "111111111111", inputs.pick([None, _pin(card, inputs)])
        ),
        "sign": lambda session, card, inputs: session.sign(
            hashlib.sha256(inputs.raw_bytes(8)).digest(),
            hash_algorithm="sha256",
            key=inputs.pick(list(SigningKey)),
            pin=_pin(card, inputs),
        ),
        "authenticate_card": lambda session, _card, inputs: session.authenticate_card(
            inputs.random.randbytes(48)
        ),
        "log_off": lambda session, _card, _inputs: session.log_off(),
    }
    modes = ("noisy",) * 17 + ("more-for-ever", "full-chunks-for-ever", "resend-for-ever")

    def make(inputs: Inputs) -> SessionCase:
        return SessionCase(
            card=inputs.pick(cards),
            mode=inputs.pick(modes),
            rate=inputs.pick((0.0, 0.02, 0.1, 0.5)),
            operation=inputs.pick(list(operations)),
            seed=str(inputs.random.getrandbits(64)),
        )

    def check(session: SessionCase) -> str:
        session.card.restore()
        link_inputs = Inputs(session.seed)
        link = TamperingLink(session.card, link_inputs, session.mode, session.rate)
        reader = PcscEidCard(_Context(), link, today=lambda: TODAY)  # type: ignore[arg-type]
        answer = operations[session.operation](reader, session.card, link_inputs)
        if session.operation == "read_all":
            _same_person(answer, honest[id(session.card)])
        return ACCEPTED

    return Target(
        name="eid.reader_session",
        covers="identity/eid/pcsc_card.py: a whole session against a tampering card",
        weight=8,
        make=make,
        check=check,
        refusals=(EidError,),
    )


def _pin(card: FuzzCard, inputs: Inputs) -> str:
    return inputs.pick([card.pin, "0000", "12345678", inputs.text(14)])


def _honest_reading(card: FuzzCard) -> Any:
    card.restore()
    link = TamperingLink(card, Inputs("honest"), "noisy", 0.0)
    return PcscEidCard(_Context(), link, today=lambda: TODAY).read_all()  # type: ignore[arg-type]


def _same_person(reading: Any, honest: Any) -> None:
    if (reading.identity, reading.address, reading.photo) != (
        honest.identity,
        honest.address,
        honest.photo,
    ):
        raise BrokenRuleError("tampered answers gave another identity, address or photo")


def _file_target(
    name: str,
    covers: str,
    seeds: list[bytes],
    parse: Callable[[bytes], object],
    weight: float,
) -> Target:
    def make(inputs: Inputs) -> bytes:
        if inputs.chance(0.1):
            return inputs.raw_bytes(600)
        return inputs.mutated_bytes(inputs.pick(seeds), seeds)

    def check(data: bytes) -> str:
        parse(data)
        return ACCEPTED

    return Target(name, covers, weight, make, check, refusals=(CardDataError,))


def _text_target(
    name: str, seeds: tuple[str, ...], parse: Callable[[str], object], weight: float
) -> Target:
    def check(text: str) -> str:
        parse(text)
        return ACCEPTED

    return Target(
        name,
        "identity/eid/identity_file.py",
        weight,
        lambda inputs: inputs.typed(seeds),
        check,
        refusals=(CardDataError,),
    )


def _tlv_check(data: bytes) -> str:
    fields = parse_fields(data)
    if sum(len(value) for value in fields.values()) > len(data):
        raise BrokenRuleError("the fields hold more bytes than the file")
    return ACCEPTED


def _signature_targets(cards: list[FuzzCard]) -> list[Target]:
    from cryptography import x509

    pairs = []
    for card in cards:
        rrn = x509.load_der_x509_certificate(card.file(*RRN_CERTIFICATE))
        pairs.append((rrn, card.file(*IDENTITY), card.file(*IDENTITY_SIGNATURE)))
    signatures = [signature for _, _, signature in pairs]

    def make_der(inputs: Inputs) -> bytes:
        return inputs.mutated_bytes(inputs.pick(signatures), signatures)

    def check_der(data: bytes) -> str:
        der_signature(data)
        return ACCEPTED

    def make_signed(inputs: Inputs) -> tuple[int, bytes, bytes]:
        which = inputs.integer(0, len(pairs) - 1)
        _, content, signature = pairs[which]
        roll = inputs.random.random()
        if roll < 0.05:  # the card's own file and signature: the path that verifies
            return which, content, signature
        if roll < 0.5:
            return which, content, inputs.mutated_bytes(signature, signatures)
        return which, inputs.mutated_bytes(content), signature

    def check_signed(case: tuple[int, bytes, bytes]) -> str:
        which, content, signature = case
        rrn, real_content, _ = pairs[which]
        verify_file_signature(rrn, content, signature)
        if content != real_content:
            raise BrokenRuleError("a file changed after signing verified")
        return ACCEPTED

    return [
        Target(
            "eid.der_signature",
            "identity/eid/file_signature.py: the DER signature of an applet 1.8 file",
            weight=2,
            make=make_der,
            check=check_der,
            refusals=(InvalidSignature,),
        ),
        Target(
            "eid.verify_file_signature",
            "identity/eid/file_signature.py: RRN signatures (RSA, ECDSA P-384)",
            weight=1,
            make=make_signed,
            check=check_signed,
            refusals=(FileSignatureError,),
        ),
    ]


def _basic_key_target(cards: list[FuzzCard]) -> Target:
    ec_card = cards[1]
    key_file = ec_card.file(*BASIC_KEY)

    def make(inputs: Inputs) -> tuple[bytes, bytes]:
        mutated = inputs.mutated_bytes(key_file)
        # Mostly the digest of the mutated file, so the key parser itself gets the bytes.
        digest = hashlib.sha384(mutated if inputs.chance(0.9) else key_file).digest()
        return mutated, digest

    def check(case: tuple[bytes, bytes]) -> str:
        key = basic_public_key(*case)
        verify_card_answer(key, b"\x00" * 48, bytes(96))
        raise BrokenRuleError("a zero answer verified as the card's signature")

    return Target(
        "eid.basic_key",
        "identity/eid/card_authentication.py: file 4040 and INTERNAL AUTHENTICATE's answer",
        weight=0.5,
        make=make,
        check=check,
        refusals=(CardNotGenuineError,),
    )


def reader_targets(cards: list[FuzzCard]) -> list[Target]:
    identities = [card.file(*IDENTITY) for card in cards]
    addresses = [card.file(*ADDRESS) for card in cards]
    return [
        Target(
            "eid.tlv",
            "identity/eid/tlv.py: the tag-length-value files",
            weight=6,
            make=lambda inputs: (
                inputs.raw_bytes(600)
                if inputs.chance(0.2)
                else inputs.mutated_bytes(inputs.pick(identities + addresses))
            ),
            check=_tlv_check,
            refusals=(CardDataError,),
        ),
        _file_target(
            "eid.identity_file",
            "identity/eid/identity_file.py: parse_identity",
            identities,
            parse_identity,
            weight=6,
        ),
        _file_target(
            "eid.address_file",
            "identity/eid/identity_file.py: parse_address",
            addresses,
            parse_address,
            weight=3,
        ),
        _text_target("eid.birth_date", BIRTH_DATES, parse_birth_date, weight=3),
        _text_target("eid.card_date", CARD_DATES, parse_card_date, weight=2),
        *_signature_targets(cards),
        _basic_key_target(cards),
        _session_target(cards),
    ]
