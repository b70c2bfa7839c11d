"""The card holder PIN (format 2 PIN block, blocked after three wrong tries) and, on applet 1.7
cards, the PUK that unblocks it (12 tries: "Belgian Electronic Identity Card content" v4.01,
§3.1, in Fedict/eid-mw)."""

from __future__ import annotations

import hmac
from dataclasses import dataclass

from simulators.eid.status_words import CardStatusError, StatusWord, tries_left

MAX_TRIES = 3
MAX_PUK_TRIES = 12
PIN_BLOCK_LENGTH = 8


def decode_pin_block(block: bytes) -> str:
    """``24 12 34 FF …`` → ``"1234"``; a malformed block is refused without spending a try."""
    if len(block) != PIN_BLOCK_LENGTH or block[0] >> 4 != 0x2:
        raise CardStatusError(StatusWord.WRONG_DATA)
    length = block[0] & 0x0F
    nibbles = [n for byte in block[1:] for n in (byte >> 4, byte & 0x0F)]
    digits, padding = nibbles[:length], nibbles[length:]
    if not 4 <= length <= 12 or any(d > 9 for d in digits) or any(p != 0xF for p in padding):
        raise CardStatusError(StatusWord.WRONG_DATA)
    return "".join(str(d) for d in digits)


def encode_pin_block(pin: str) -> bytes:
    digits = [int(c) for c in pin] + [0xF] * (14 - len(pin))
    return bytes([0x20 | len(pin)]) + bytes(
        (digits[i] << 4) | digits[i + 1] for i in range(0, 14, 2)
    )


@dataclass
class CardholderPin:
    """Lives in the card's memory: survives removal and power cycles, unlike the session state."""

    value: str
    tries_left: int = MAX_TRIES

    @property
    def blocked(self) -> bool:
        return self.tries_left == 0

    def status(self) -> int:
        if self.blocked:
            return StatusWord.AUTHENTICATION_METHOD_BLOCKED
        return tries_left(self.tries_left)

    def verify(self, candidate: str) -> None:
        """Raises with 63Cx or 6983 unless the PIN is right and not blocked."""
        if self.blocked:
            raise CardStatusError(StatusWord.AUTHENTICATION_METHOD_BLOCKED)
        if hmac.compare_digest(candidate.encode(), self.value.encode()):
            self.tries_left = MAX_TRIES
            return
        self.tries_left -= 1
        raise CardStatusError(self.status())

    def change(self, old: str, new: str) -> None:
        """CHANGE REFERENCE DATA: the old PIN is checked (and counted) like VERIFY's."""
        self.verify(old)
        self.value = new

    def block(self) -> None:
        self.tries_left = 0

    def unblock(self) -> None:
        self.tries_left = MAX_TRIES


@dataclass
class UnblockingKey:
    """The PUK of an applet 1.7 card: RESET RETRY COUNTER resets the PIN's tries with it, and
    may set a new PIN at the same time. Wrong PUKs count down from 12, then it is blocked."""

    value: str
    tries_left: int = MAX_PUK_TRIES

    def check(self, candidate: str) -> None:
        if self.tries_left == 0:
            raise CardStatusError(StatusWord.AUTHENTICATION_METHOD_BLOCKED)
        if hmac.compare_digest(candidate.encode(), self.value.encode()):
            self.tries_left = MAX_PUK_TRIES
            return
        self.tries_left -= 1
        if self.tries_left == 0:
            raise CardStatusError(StatusWord.AUTHENTICATION_METHOD_BLOCKED)
        raise CardStatusError(tries_left(self.tries_left))

    def reset_retry_counter(self, pin: CardholderPin, candidate: str, new_pin: str | None) -> None:
        self.check(candidate)
        pin.unblock()
        if new_pin is not None:
            pin.value = new_pin
