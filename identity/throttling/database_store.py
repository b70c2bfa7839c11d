"""The throttle store in the portal's database (any SQLAlchemy engine; SQLite or PostgreSQL).

No read-modify-write: every change is one conditional statement, so two backends racing for the
last place of a window cannot both get it.

- A window of ``limit`` is up to ``limit`` rows (slots) of ``throttle_slot``. An event takes the
  oldest slot whose event has left the window (one conditional UPDATE .. RETURNING, that only
  matches while the slot is still free), or else inserts a new slot while fewer than ``limit``
  exist; the primary key (bucket, slot) and ``ON CONFLICT DO NOTHING`` make the second of two
  racers lose, and it tries again. So a window never holds more than ``limit`` events, exactly
  (not an estimate).
- A counter is one row of ``throttle_counter``, bumped by one conditional UPDATE (restarting at 1
  once it is past its time), or inserted if absent.

Taking and counting commit the caller's session at once: the caller usually rolls its unit of
work back when it refuses the attempt, and that must not give the attempt back. Committing also
writes whatever else the caller had pending, so take from the store before writing anything else.
Giving back joins the caller's unit of work (a login gives its attempt back in the commit that
opens its session: no commit of its own).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta

import sqlalchemy as sa
from sqlalchemy import bindparam, case, func
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.sql.base import Executable
from sqlmodel import Session, col

from foundation.clock import aware, require_aware
from foundation.models.throttling import ThrottleCounter, ThrottleSlot
from identity.throttling.store import LimitReachedError, Taken, Window

_BUCKET = col(ThrottleSlot.bucket) == bindparam("bucket_name")
# Free: out of the window, or taken after ``now`` (a demo clock set back: an event of a future
# the clock left is not in the window that ends now, else it would hold its place for days).
_FREE = sa.or_(
    col(ThrottleSlot.expires_at) <= bindparam("now"),
    col(ThrottleSlot.taken_at) > bindparam("now"),
)
FREE_SLOT = (
    sa.select(col(ThrottleSlot.slot))
    .where(_BUCKET, _FREE)
    .order_by(col(ThrottleSlot.expires_at))
    .limit(1)
)
# The oldest free slot, taken; matches only while it is still free: of two racers, one gets it.
TAKE_FREE_SLOT = (
    sa.update(ThrottleSlot)
    .where(
        _BUCKET,
        col(ThrottleSlot.slot) == FREE_SLOT.scalar_subquery(),
        _FREE,
    )
    .values(taken_at=bindparam("now"), expires_at=bindparam("until"))
    .returning(col(ThrottleSlot.slot))
)
WINDOW_FILL = sa.select(func.count(), func.min(col(ThrottleSlot.expires_at))).where(_BUCKET)
USED_SLOTS = sa.select(col(ThrottleSlot.slot)).where(_BUCKET)
GIVE_BACK = (
    sa.update(ThrottleSlot)
    .where(
        _BUCKET,
        col(ThrottleSlot.slot) == bindparam("slot_number"),
        col(ThrottleSlot.taken_at) == bindparam("taken"),
    )
    .values(expires_at=bindparam("taken"))
)

_COUNTER = col(ThrottleCounter.bucket) == bindparam("bucket_name")
_EXPIRED = col(ThrottleCounter.expires_at) <= bindparam("now")
BUMP_COUNTER = (
    sa.update(ThrottleCounter)
    .where(_COUNTER)
    .values(
        count=case(
            (_EXPIRED, 1),
            (col(ThrottleCounter.count) >= bindparam("ceiling"), bindparam("ceiling")),
            else_=col(ThrottleCounter.count) + 1,
        ),
        expires_at=bindparam("until"),
    )
)
READ_COUNTER = sa.select(col(ThrottleCounter.count)).where(_COUNTER, ~_EXPIRED)

# A racer that loses a slot tries again; each loss means another event was recorded, so this
# bound is only reached by a window shared by more racers than it has places.
MAX_ROUNDS = 64


class DatabaseThrottleStore:
    """``ThrottleStore`` on the caller's database session (see the module's note on commits)."""

    def __init__(self, db: Session) -> None:
        self._db = db

    def take(self, bucket: str, *, limit: int, window: timedelta, now: datetime) -> Taken:
        return self.take_all([Window(bucket, limit, window)], now=now)[0]

    def take_all(self, windows: Sequence[Window], *, now: datetime) -> tuple[Taken, ...]:
        require_aware(now)
        taken: list[Taken] = []
        try:
            for window in windows:
                taken.append(self._take_one(window, now))
        except LimitReachedError:
            self.give_back(*taken)  # all or none
            raise
        finally:
            self._db.commit()
        return tuple(taken)

    def _take_one(self, window: Window, now: datetime) -> Taken:
        bucket, limit = window.bucket, window.limit
        if limit < 1:
            raise LimitReachedError(bucket, now + window.length)
        until = now + window.length
        connection = self._connection()
        for _ in range(MAX_ROUNDS):
            params = {"bucket_name": bucket, "now": now, "until": until}
            reused = connection.execute(TAKE_FREE_SLOT, params).first()
            if reused is not None:
                return Taken(bucket, str(reused[0]), now)
            filled, first_out = connection.execute(WINDOW_FILL, {"bucket_name": bucket}).one()
            if filled >= limit:
                if first_out is not None and aware(first_out) <= now:
                    continue  # a slot freed since the UPDATE looked: take it
                raise LimitReachedError(bucket, aware(first_out))
            used = set(connection.execute(USED_SLOTS, {"bucket_name": bucket}).scalars())
            free = set(range(limit)) - used
            if not free:  # others filled the window since the count (PostgreSQL reads each
                continue  # statement afresh): the next round finds it full, or a place freed
            number = min(free)
            row = {"bucket": bucket, "slot": number, "taken_at": now, "expires_at": until}
            if self._insert_new(ThrottleSlot, row) == 1:
                return Taken(bucket, str(number), now)
        raise LimitReachedError(bucket, now + timedelta(minutes=1))

    def give_back(self, *taken: Taken) -> None:
        connection = self._connection()
        for event in taken:
            params = {
                "bucket_name": event.bucket,
                "slot_number": int(event.token),
                "taken": event.taken_at,
            }
            connection.execute(GIVE_BACK, params)

    def add(self, bucket: str, *, ceiling: int, keep_for: timedelta, now: datetime) -> int:
        require_aware(now)
        params = {"bucket_name": bucket, "now": now, "until": now + keep_for, "ceiling": ceiling}
        connection = self._connection()
        try:
            for _ in range(MAX_ROUNDS):
                if connection.execute(BUMP_COUNTER, params).rowcount == 1:
                    break
                row = {"bucket": bucket, "count": 1, "expires_at": now + keep_for}
                if self._insert_new(ThrottleCounter, row) == 1:
                    break
            found = connection.execute(READ_COUNTER, {"bucket_name": bucket, "now": now}).first()
            return int(found[0]) if found is not None else 0
        finally:
            self._db.commit()

    def count(self, bucket: str, *, now: datetime) -> int:
        require_aware(now)
        found = (
            self._connection().execute(READ_COUNTER, {"bucket_name": bucket, "now": now}).first()
        )
        return int(found[0]) if found is not None else 0

    def purge(self, *, now: datetime) -> int:
        require_aware(now)
        connection = self._connection()
        slots = connection.execute(
            sa.delete(ThrottleSlot).where(col(ThrottleSlot.expires_at) <= now)
        ).rowcount
        counters = connection.execute(
            sa.delete(ThrottleCounter).where(col(ThrottleCounter.expires_at) <= now)
        ).rowcount
        self._db.commit()
        return int(slots) + int(counters)

    def _connection(self) -> sa.Connection:
        self._db.flush()
        return self._db.connection()

    def _insert_new(
        self, model: type[ThrottleSlot | ThrottleCounter], row: dict[str, object]
    ) -> int:
        """Inserts the row unless its key exists (then 0): a conflict is a lost race, not an
        error, and must not abort the caller's transaction."""
        dialect = self._db.get_bind().dialect.name
        statement: Executable
        if dialect == "sqlite":
            statement = sqlite.insert(model).on_conflict_do_nothing()
        elif dialect == "postgresql":
            statement = postgresql.insert(model).on_conflict_do_nothing()
        else:
            raise NotImplementedError(f"no conditional INSERT on {dialect}: SQLite or PostgreSQL")
        # SQLAlchemy keeps the row count of an UPDATE or DELETE only; psycopg forgets an
        # INSERT's once the statement is done (-1: every insert looked lost, and a first login
        # filled its window), so it is asked to keep it.
        kept = statement.execution_options(preserve_rowcount=True)
        return int(self._connection().execute(kept, row).rowcount)
