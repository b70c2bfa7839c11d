"""The socket link between a virtual card and one vpcd reader slot.

vpcd frames every message as a 2-byte big-endian length and a payload; a 1-byte payload is a
control message. The card side connects to vpcd on loopback and reconnects when pcscd restarts.
TCP_QUICKACK is re-armed before every receive: vpcd writes length and payload separately, and
with delayed ACKs every APDU would wait ~40 ms for the peer's Nagle timer.
"""

from __future__ import annotations

import contextlib
import logging
import socket
import threading
from typing import Protocol

log = logging.getLogger(__name__)

LOOPBACK = "127.0.0.1"
RECONNECT_DELAY = 0.1

POWER_OFF = 0
POWER_ON = 1
RESET = 2
GET_ATR = 4


class CardOs(Protocol):
    @property
    def atr(self) -> bytes: ...

    def power_up(self) -> None: ...

    def power_down(self) -> None: ...

    def reset(self) -> None: ...

    def execute(self, raw: bytes) -> bytes: ...


class VpcdLink:
    """Keeps one card inserted in the reader slot listening on ``port`` until ``close``."""

    def __init__(
        self, card: CardOs, port: int, *, host: str = LOOPBACK, quickack: bool = True
    ) -> None:
        self.card = card
        self.quickack = quickack  # off only to measure what it saves
        self.port = port
        self.host = host
        self._closing = threading.Event()
        self._connected = threading.Event()
        self._powered = threading.Event()
        self._socket: socket.socket | None = None
        self._socket_lock = threading.Lock()
        self._thread = threading.Thread(target=self._run, name=f"vpcd-link-{port}", daemon=True)

    def open(self) -> None:
        self._thread.start()

    def wait_powered(self, timeout: float) -> bool:
        """True once pcscd has seen the card (it asked for the ATR): PC/SC clients see it."""
        return self._powered.wait(timeout)

    @property
    def connected(self) -> bool:
        return self._connected.is_set()

    def close(self, timeout: float = 5.0) -> None:
        """Takes the card out of the reader: vpcd sees the socket close as a removal."""
        self._closing.set()
        with self._socket_lock:
            if self._socket is not None:
                with contextlib.suppress(OSError):
                    self._socket.shutdown(socket.SHUT_RDWR)
        if self._thread.is_alive():
            self._thread.join(timeout)

    def _run(self) -> None:
        while not self._closing.is_set():
            connection = self._connect()
            if connection is None:
                self._closing.wait(RECONNECT_DELAY)
                continue
            try:
                self._serve(connection)
            except OSError as error:
                log.debug("vpcd link %s dropped: %s", self.port, error)
            finally:
                self._connected.clear()
                self._powered.clear()
                with self._socket_lock:
                    self._socket = None
                connection.close()
            # vpcd went away (pcscd restart): come back as soon as it listens again.
            self._closing.wait(RECONNECT_DELAY)

    def _connect(self) -> socket.socket | None:
        try:
            connection = socket.create_connection((self.host, self.port), timeout=1.0)
        except OSError:
            return None
        connection.settimeout(None)
        connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        with self._socket_lock:
            if self._closing.is_set():
                connection.close()
                return None
            self._socket = connection
        self._connected.set()
        return connection

    def _serve(self, connection: socket.socket) -> None:
        while not self._closing.is_set():
            header = _receive_exactly(connection, 2, self.quickack)
            if header is None:
                return
            payload = _receive_exactly(connection, int.from_bytes(header, "big"), self.quickack)
            if payload is None:
                return
            answer = self._answer(payload)
            if answer is not None:
                connection.sendall(len(answer).to_bytes(2, "big") + answer)

    def _answer(self, payload: bytes) -> bytes | None:
        if len(payload) != 1:
            return self.card.execute(payload)
        control = payload[0]
        if control == GET_ATR:
            self._powered.set()
            return self.card.atr
        if control == POWER_ON:
            self.card.power_up()
        elif control == POWER_OFF:
            self.card.power_down()
        elif control == RESET:
            self.card.reset()
        else:  # a one-byte APDU: too short for any command
            return self.card.execute(payload)
        return None


def _receive_exactly(connection: socket.socket, size: int, quickack: bool) -> bytes | None:
    chunks = bytearray()
    while len(chunks) < size:
        if quickack:  # the kernel clears it after a while: re-arm before every receive
            connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_QUICKACK, 1)
        chunk = connection.recv(size - len(chunks))
        if not chunk:
            return None
        chunks += chunk
    return bytes(chunks)
