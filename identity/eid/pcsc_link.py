"""A thin typed layer over pyscard's PC/SC calls (``smartcard.scard``).

The low-level API is used rather than pyscard's connection objects: it gives the PC/SC error
codes that tell a removed card from a missing one, and it costs less per APDU.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from smartcard import scard

from identity.eid.errors import (
    CardRemovedError,
    NoCardError,
    NoReaderError,
    ReaderCommunicationError,
)

# PC/SC codes after which a card handle is dead: the card left, was reset, or pcscd went away.
_HANDLE_LOST = {
    scard.SCARD_W_REMOVED_CARD,
    scard.SCARD_W_RESET_CARD,
    scard.SCARD_E_NO_SMARTCARD,
    scard.SCARD_E_NO_SERVICE,
    scard.SCARD_E_SERVICE_STOPPED,
    scard.SCARD_E_READER_UNAVAILABLE,
    scard.SCARD_E_INVALID_HANDLE,
    scard.SCARD_E_UNKNOWN_READER,
    scard.SCARD_W_UNPOWERED_CARD,
    scard.SCARD_W_UNRESPONSIVE_CARD,
    scard.SCARD_E_NOT_TRANSACTED,
}
_NO_READERS = {scard.SCARD_E_NO_READERS_AVAILABLE, scard.SCARD_E_NO_SERVICE}


def _message(hresult: int) -> str:
    return f"{scard.SCardGetErrorMessage(hresult)} (0x{hresult & 0xFFFFFFFF:08X})"


class PcscContext:
    """One PC/SC context (one per thread that talks to pcscd)."""

    def __init__(self) -> None:
        hresult, self._handle = scard.SCardEstablishContext(scard.SCARD_SCOPE_USER)
        if hresult != scard.SCARD_S_SUCCESS:
            raise NoReaderError(f"no PC/SC service: {_message(hresult)}")

    def release(self) -> None:
        if self._handle is not None:
            scard.SCardReleaseContext(self._handle)
            self._handle = None

    def list_readers(self) -> list[str]:
        hresult, readers = scard.SCardListReaders(self._handle, [])
        if hresult in _NO_READERS:
            return []
        if hresult != scard.SCARD_S_SUCCESS:
            raise NoReaderError(f"cannot list readers: {_message(hresult)}")
        return list(readers)

    def card_present(self, reader: str) -> bool:
        hresult, states = scard.SCardGetStatusChange(
            self._handle, 0, [(reader, scard.SCARD_STATE_UNAWARE)]
        )
        if hresult != scard.SCARD_S_SUCCESS:
            return False
        return bool(states[0][1] & scard.SCARD_STATE_PRESENT)

    def wait_for_change(self, reader: str, known_state: int, timeout: float) -> int:
        """Blocks until the reader's state differs from ``known_state``; returns the new one."""
        hresult, states = scard.SCardGetStatusChange(
            self._handle, max(0, int(timeout * 1000)), [(reader, known_state)]
        )
        if hresult == scard.SCARD_E_TIMEOUT:
            return known_state
        if hresult != scard.SCARD_S_SUCCESS:
            raise CardRemovedError(f"reader {reader} lost: {_message(hresult)}")
        state: int = states[0][1] & ~scard.SCARD_STATE_CHANGED
        return state

    def connect(self, reader: str) -> PcscConnection:
        hresult, card, protocol = scard.SCardConnect(
            self._handle,
            reader,
            scard.SCARD_SHARE_SHARED,
            scard.SCARD_PROTOCOL_T0 | scard.SCARD_PROTOCOL_T1,
        )
        if hresult in (scard.SCARD_E_NO_SMARTCARD, scard.SCARD_W_REMOVED_CARD):
            raise NoCardError(f"no card in {reader}")
        if hresult == scard.SCARD_E_UNKNOWN_READER:
            raise NoReaderError(f"no reader named {reader}")
        if hresult != scard.SCARD_S_SUCCESS:
            raise NoCardError(f"cannot connect to {reader}: {_message(hresult)}")
        return PcscConnection(reader, card, protocol)


@dataclass
class PcscConnection:
    reader: str
    _card: int
    _protocol: int

    def transmit(self, apdu: bytes) -> tuple[bytes, int]:
        """Sends one APDU; returns the response data and the status word."""
        hresult, response = scard.SCardTransmit(self._card, self._protocol, list(apdu))
        if hresult != scard.SCARD_S_SUCCESS:
            if hresult in _HANDLE_LOST:
                raise CardRemovedError(f"card handle lost: {_message(hresult)}")
            raise ReaderCommunicationError(f"transmit failed: {_message(hresult)}")
        if len(response) < 2:
            raise CardRemovedError("answer without a status word")
        return bytes(response[:-2]), (response[-2] << 8) | response[-1]

    def atr(self) -> bytes:
        hresult, _reader, _state, _protocol, atr = scard.SCardStatus(self._card)
        if hresult != scard.SCARD_S_SUCCESS:
            raise CardRemovedError(f"card status failed: {_message(hresult)}")
        return bytes(atr)

    def disconnect(self) -> None:
        scard.SCardDisconnect(self._card, scard.SCARD_LEAVE_CARD)


def monotonic_deadline(timeout: float) -> float:
    return time.monotonic() + timeout
