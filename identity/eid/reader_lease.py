"""The card reader of the server, held by one eID login at a time.

With the reader on the server (a kiosk, a training laptop), any browser that can open the portal
could read the card in it and spend its PIN tries. So a login first takes a lease on the reader,
bound to its browser (``identity.browser_binding``); while it runs, another browser is told the
reader is in use, and every later step of the login must come from the holder. The lease lives in
the database, so that several backends share it, and expires, so that a person who walks away
mid-login does not lock the reader for good.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import Table, delete, insert, or_, update
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError

from foundation.models.eid_reader_lease import EidReaderLease
from identity.eid.auth.clock import require_utc
from identity.eid.errors import EidError

# Long enough to read the card, confirm and type the PIN; each step renews it.
LEASE_LIFETIME = timedelta(minutes=3)
# The lease's name when the portal takes whichever reader has a card: one lease for all.
ANY_READER = "*"

_TABLE: Table = EidReaderLease.__table__  # type: ignore[attr-defined]  # SQLModel leaves it untyped


class ReaderInUseError(EidError):
    """Another browser's eID login holds the card reader."""


class ReaderNotHeldError(EidError):
    """This browser's eID login no longer holds the reader (it took too long, was cancelled, or
    was not started in this browser)."""


class ReaderLeases:
    def __init__(self, engine: Engine, *, lifetime: timedelta = LEASE_LIFETIME) -> None:
        self._engine = engine
        self._lifetime = lifetime

    def acquire(self, reader: str, holder: str, *, now: datetime) -> None:
        """Takes the reader for ``holder``'s login: free, expired, or already its own (a second
        tab of the same browser). ``ReaderInUseError`` while another browser holds it."""
        now = require_utc(now)
        table = _TABLE
        with self._engine.begin() as connection:
            # One conditional UPDATE: of two browsers taking an expired lease, one wins.
            taken = connection.execute(
                update(table)
                .where(
                    table.c.reader == reader,
                    or_(table.c.holder_binding == holder, table.c.expires_at <= now),
                )
                .values(holder_binding=holder, expires_at=now + self._lifetime)
            )
        if taken.rowcount == 1:
            return
        try:
            with self._engine.begin() as connection:
                connection.execute(
                    insert(table).values(
                        reader=reader, holder_binding=holder, expires_at=now + self._lifetime
                    )
                )
        except IntegrityError as error:  # the row is there: another browser holds the reader
            raise ReaderInUseError(f"reader {reader!r} is held by another login") from error

    def renew(self, reader: str, holder: str, *, now: datetime) -> None:
        """The next step of ``holder``'s login: its lease must still be live; it is extended.
        ``ReaderNotHeldError`` otherwise, before the card is touched."""
        now = require_utc(now)
        table = _TABLE
        with self._engine.begin() as connection:
            kept = connection.execute(
                update(table)
                .where(
                    table.c.reader == reader,
                    table.c.holder_binding == holder,
                    table.c.expires_at > now,
                )
                .values(expires_at=now + self._lifetime)
            )
        if kept.rowcount != 1:
            raise ReaderNotHeldError(f"reader {reader!r} is not held by this browser")

    def release(self, reader: str, holder: str) -> None:
        """Frees the reader when ``holder``'s login is over; another browser's lease stays."""
        table = _TABLE
        with self._engine.begin() as connection:
            connection.execute(
                delete(table).where(table.c.reader == reader, table.c.holder_binding == holder)
            )
