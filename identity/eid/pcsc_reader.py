"""The eID reader over PC/SC (pyscard): a reader attached to the machine running the backend.

It waits for a card and opens a ``PcscEidCard`` session on it (``identity.eid.pcsc_card``).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import date

from identity.eid.errors import CardRemovedError, EidError, NoCardError, NoReaderError
from identity.eid.pcsc_card import POLL_INTERVAL, PcscEidCard
from identity.eid.pcsc_link import PcscContext


class PcscEidReader:
    """Finds readers and cards through pcscd."""

    def __init__(self, *, today: Callable[[], date] = date.today) -> None:
        self._today = today

    def list_readers(self) -> list[str]:
        context = PcscContext()
        try:
            return context.list_readers()
        finally:
            context.release()

    def wait_for_card(self, *, reader: str | None = None, timeout: float = 0.0) -> PcscEidCard:
        """The first card found (in ``reader``, or in any reader), waiting up to ``timeout``."""
        context = PcscContext()
        deadline = time.monotonic() + timeout
        try:
            while True:
                readers = context.list_readers()
                if not readers or (reader is not None and reader not in readers):
                    if time.monotonic() >= deadline:
                        raise NoReaderError(reader or "")
                else:
                    for name in [reader] if reader is not None else readers:
                        card = self._try_card(context, name)
                        if card is not None:
                            return card
                    if time.monotonic() >= deadline:
                        raise NoCardError(reader or "")
                time.sleep(POLL_INTERVAL)
        except EidError:
            context.release()
            raise

    def _try_card(self, context: PcscContext, name: str) -> PcscEidCard | None:
        if not context.card_present(name):
            return None
        try:
            connection = context.connect(name)
        except NoCardError:
            return None
        try:
            return PcscEidCard(context, connection, today=self._today)
        except CardRemovedError:
            connection.disconnect()
            return None  # leaving as we arrived: not there
        except EidError:
            connection.disconnect()
            raise

    def wait_for_removal(self, reader: str, *, timeout: float) -> bool:
        """True once the reader is empty (seen within ~0.3 s of the removal)."""
        context = PcscContext()
        try:
            deadline = time.monotonic() + timeout
            state = 0
            while True:
                state = context.wait_for_change(
                    reader, state, max(0.0, deadline - time.monotonic())
                )
                if state & 0x0010 and not state & 0x0020:  # SCARD_STATE_EMPTY, not PRESENT
                    return True
                if time.monotonic() >= deadline:
                    return False
        except CardRemovedError:
            return True
        finally:
            context.release()
