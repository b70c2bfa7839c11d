"""Parsing of short command APDUs (ISO 7816-4 cases 1 to 4) on the card side."""

from __future__ import annotations

from dataclasses import dataclass

from simulators.eid.status_words import CardStatusError, StatusWord


@dataclass(frozen=True, slots=True)
class CommandApdu:
    cla: int
    ins: int
    p1: int
    p2: int
    data: bytes = b""
    le: int | None = None  # None: no Le field; 256 when the Le byte is 00

    @classmethod
    def parse(cls, raw: bytes) -> CommandApdu:
        if len(raw) < 4:
            raise CardStatusError(StatusWord.WRONG_LENGTH)
        cla, ins, p1, p2 = raw[0], raw[1], raw[2], raw[3]
        body = raw[4:]
        if not body:
            return cls(cla, ins, p1, p2)
        if len(body) == 1:
            return cls(cla, ins, p1, p2, le=body[0] or 256)
        lc = body[0]
        # The applet knows short APDUs only: Lc = 00 would start an extended length.
        if lc == 0:
            raise CardStatusError(StatusWord.WRONG_LENGTH)
        if len(body) == 1 + lc:
            return cls(cla, ins, p1, p2, data=bytes(body[1:]))
        if len(body) == 2 + lc:
            return cls(cla, ins, p1, p2, data=bytes(body[1 : 1 + lc]), le=body[-1] or 256)
        raise CardStatusError(StatusWord.WRONG_LENGTH)


@dataclass(frozen=True, slots=True)
class ResponseApdu:
    data: bytes = b""
    status_word: int = StatusWord.OK

    def to_bytes(self) -> bytes:
        return self.data + self.status_word.to_bytes(2, "big")
