"""ISO 7816-4 status words the BELPIC applet answers, and the error that carries one."""

from __future__ import annotations

from enum import IntEnum


class StatusWord(IntEnum):
    OK = 0x9000
    WRONG_LENGTH = 0x6700
    SECURITY_STATUS_NOT_SATISFIED = 0x6982
    AUTHENTICATION_METHOD_BLOCKED = 0x6983
    CONDITIONS_OF_USE_NOT_SATISFIED = 0x6985
    COMMAND_NOT_ALLOWED_NO_CURRENT_EF = 0x6986
    WRONG_DATA = 0x6A80
    FUNCTION_NOT_SUPPORTED = 0x6A81
    FILE_NOT_FOUND = 0x6A82
    INCORRECT_P1_P2 = 0x6A86
    REFERENCED_DATA_NOT_FOUND = 0x6A88
    WRONG_PARAMETERS_OFFSET = 0x6B00
    INS_NOT_SUPPORTED = 0x6D00
    CLA_NOT_SUPPORTED = 0x6E00
    NO_PRECISE_DIAGNOSIS = 0x6F00


def wrong_le(available: int) -> int:
    """6Cxx: the command must be sent again with Le = xx."""
    return 0x6C00 | (available & 0xFF)


def bytes_available(count: int) -> int:
    """61xx: xx more bytes wait for GET RESPONSE (00 means 256 or more)."""
    return 0x6100 | (min(count, 256) & 0xFF)


def tries_left(count: int) -> int:
    """63Cx: wrong PIN, x tries left."""
    return 0x63C0 | (count & 0x0F)


class CardStatusError(Exception):
    """Aborts a command; the card answers with this status word and no data."""

    def __init__(self, status_word: int) -> None:
        super().__init__(f"{status_word:04X}")
        self.status_word = status_word
