"""Seeded inputs: random bytes and text, and mutations of valid seeds (a card's real files and
commands, values people really type), so that most inputs get past the first check of a parser.

Text draws on what breaks parsers: digits of other scripts (``２``, ``٣``, ``²``, which
``str.isdigit`` accepts and ``int`` may not), separators and spaces of every kind, combining
marks, characters that NFKC expands, controls, and lone surrogates: a browser cannot type one,
but a forged websocket message can carry ``"\\ud800"`` in its JSON and Python decodes it as is.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from typing import TypeVar

T = TypeVar("T")

ASCII = "".join(chr(c) for c in range(0x20, 0x7F))
DIGITS = "0123456789"
SEPARATORS = " .-/()+,:;_@'\t\n\r\u00a0\u202f\u2009\u3000"
LATIN = "éèàçüöäßÉÈÀØœæÿñ"
COMBINING = "\u0301\u0308\u0327\u0336"
ODD_DIGITS = "０１９٠١٣۴७೫²³¹½⑦𝟏"
CONTROLS = "\x00\x01\x08\x1b\x1f\x7f\x85\u200b\u200e\u202e\ufeff\u2028\uffff"
SURROGATES = "\ud800\udbff\udc00\udfff"
EXPANDING = "\ufdfa\ufb03\u2474\u33c7\u0390"  # NFKC makes several characters of each
OTHER_SCRIPTS = "Ωжא中ㄱ😀👨\u200d👩🇧🇪"
POOLS = (ASCII, DIGITS, SEPARATORS, LATIN, COMBINING, ODD_DIGITS, CONTROLS, SURROGATES, EXPANDING)
POOL_WEIGHTS = (30, 25, 12, 6, 2, 4, 3, 3, 2)
INTERESTING_BYTES = (0x00, 0x01, 0x02, 0x7F, 0x80, 0x81, 0x82, 0xFE, 0xFF, 0x30, 0x61, 0x6C, 0x90)
# Values of the wrong type, as a forged event may carry them where a string is expected.
WRONG_TYPES: tuple[object, ...] = (
    None,
    True,
    0,
    -1,
    10**40,
    1.5,
    float("nan"),
    float("inf"),
    [],
    ["a"],
    {},
    {"a": 1},
    b"bytes",
)


class Inputs:
    """One seeded stream of inputs: the same seed gives the same inputs, so a crash replays."""

    def __init__(self, seed: str) -> None:
        self.random = random.Random(seed)

    # -- basics ----------------------------------------------------------------------------

    def chance(self, probability: float) -> bool:
        return self.random.random() < probability

    def integer(self, low: int, high: int) -> int:
        return self.random.randint(low, high)

    def pick(self, choices: Sequence[T]) -> T:
        return choices[self.random.randrange(len(choices))]

    def size(self, most: int) -> int:
        """A length up to ``most``, short ones more often (most parsers decide early)."""
        return min(most, int(self.random.expovariate(1 / max(1, most / 8))))

    # -- bytes -----------------------------------------------------------------------------

    def raw_bytes(self, most: int = 600) -> bytes:
        return self.random.randbytes(self.size(most))

    def mutated_bytes(self, seed: bytes, corpus: Sequence[bytes] = ()) -> bytes:
        """``seed`` with one to six changes: bits flipped, bytes set to values length fields
        trip on, ranges inserted, deleted, repeated, cut, or spliced from another seed."""
        data = bytearray(seed)
        for _ in range(1 + int(self.random.expovariate(1.0)) % 6):
            self._mutate_once(data, corpus)
        return bytes(data)

    def _mutate_once(self, data: bytearray, corpus: Sequence[bytes]) -> None:
        where = self.random.randrange(len(data) + 1)
        match self.random.randrange(10):
            case 0 if data:
                data[min(where, len(data) - 1)] ^= 1 << self.random.randrange(8)
            case 1 if data:
                data[min(where, len(data) - 1)] = self.pick(INTERESTING_BYTES)
            case 2:
                data[where:where] = self.random.randbytes(self.integer(1, 16))
            case 3:
                data[where:where] = bytes([self.pick(INTERESTING_BYTES)]) * self.integer(1, 8)
            case 4:
                del data[where : where + self.integer(1, 32)]
            case 5:
                data[where:where] = data[where : where + self.integer(1, 64)]
            case 6:
                del data[where:]
            case 7 if corpus:
                other = self.pick(corpus)
                start = self.random.randrange(len(other) + 1)
                data[where:] = other[start : start + self.integer(1, 256)]
            case 8 if data:
                data[where : where + 2] = bytes([self.pick(INTERESTING_BYTES)]) * 2
            case _:
                data += self.random.randbytes(self.integer(1, 32))

    # -- text ------------------------------------------------------------------------------

    def text(self, most: int = 40) -> str:
        """Random characters from one to three pools (digits alone, digits and odd digits...)."""
        pools = self.random.choices(POOLS, POOL_WEIGHTS, k=self.integer(1, 3))
        alphabet = "".join(pools)
        if self.chance(0.05):
            alphabet += OTHER_SCRIPTS
        return "".join(self.random.choices(alphabet, k=self.size(most)))

    def mutated_text(self, seed: str) -> str:
        """``seed`` with one to four changes: characters replaced, inserted, deleted, doubled,
        the case changed, spaces around it, or cut."""
        text = seed
        for _ in range(self.integer(1, 4)):
            where = self.random.randrange(len(text) + 1)
            match self.random.randrange(8):
                case 0 if text:
                    text = text[:where] + self.text(3) + text[where + 1 :]
                case 1:
                    text = text[:where] + self.text(4) + text[where:]
                case 2:
                    text = text[:where] + text[where + self.integer(1, 4) :]
                case 3:
                    text = text[:where] + text[where:] * self.integer(2, 3)
                case 4:
                    text = text.swapcase() if self.chance(0.5) else text.upper()
                case 5:
                    space = self.pick(SEPARATORS)
                    text = space * self.integer(1, 3) + text + space * self.integer(0, 3)
                case 6:
                    text = text[:where]
                case _:
                    text = (
                        text[:where] + self.pick(ODD_DIGITS + CONTROLS + SURROGATES) + text[where:]
                    )
        return text

    def huge_text(self) -> str:
        """Thousands to a million characters: one repeated pattern, as a script would send."""
        return (self.text(8) or "9") * self.integer(1_000, 125_000)

    def typed(self, seeds: Sequence[str], *, most: int = 40) -> str:
        """What lands in an input: mostly a valid value mistyped, else anything, rarely huge."""
        roll = self.random.random()
        if roll < 0.002:
            return self.huge_text()
        if roll < 0.15 or not seeds:
            return self.text(most)
        if roll < 0.25:
            return self.pick(seeds)
        return self.mutated_text(self.pick(seeds))

    def wrong_type(self) -> object:
        return self.pick(WRONG_TYPES)
