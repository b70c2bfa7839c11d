"""Throttling kept in the database, so that every backend of the portal counts the same events.

Two shapes, both read and written only by ``identity.throttling.database_store``:

- ``throttle_slot``: a sliding window as a fixed set of slots per bucket, at most ``limit`` of
  them; an event takes a slot whose previous event has left the window (or a new slot while fewer
  than ``limit`` exist). The primary key (bucket, slot) is what caps the count under concurrency.
- ``throttle_counter``: a count per bucket that lives ``keep_for`` after its last event (the
  failures of a username nobody holds, which lock it after 100 like a real key's).
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, Index
from sqlmodel import Field, SQLModel


class ThrottleSlot(SQLModel, table=True):
    __tablename__ = "throttle_slot"
    # The oldest free slot of a bucket is found by this index, not by sorting the bucket's rows.
    __table_args__ = (Index("ix_throttle_slot_bucket_expires_at", "bucket", "expires_at"),)

    # e.g. "login.password.address:192.0.2.7"; a person's or username's part is a keyed hash.
    bucket: str = Field(primary_key=True, max_length=160)
    slot: int = Field(primary_key=True)
    taken_at: datetime = Field(sa_type=DateTime(timezone=True))
    # When the event leaves the window; a slot at or past it is free (and purged by the job).
    expires_at: datetime = Field(sa_type=DateTime(timezone=True))


class ThrottleCounter(SQLModel, table=True):
    __tablename__ = "throttle_counter"

    bucket: str = Field(primary_key=True, max_length=160)
    count: int
    expires_at: datetime = Field(sa_type=DateTime(timezone=True), index=True)
