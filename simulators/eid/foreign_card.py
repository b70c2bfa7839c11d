"""A smart card that is not a Belgian eID (a bank-card-like ATR, no BELPIC applet)."""

from __future__ import annotations

from simulators.eid.status_words import StatusWord

FOREIGN_ATR = bytes.fromhex("3B 6E 00 00 80 31 80 66 B0 84 0C 01 6E 01 83 00 90 00")


class ForeignCard:
    atr = FOREIGN_ATR

    def power_up(self) -> None:
        pass

    def power_down(self) -> None:
        pass

    def reset(self) -> None:
        pass

    def execute(self, raw: bytes) -> bytes:
        if len(raw) >= 2 and raw[1] == 0xA4:
            return StatusWord.FILE_NOT_FOUND.to_bytes(2, "big")
        return StatusWord.INS_NOT_SUPPORTED.to_bytes(2, "big")
