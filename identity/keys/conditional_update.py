"""Statements on the login path, at Core cost.

An ORM-enabled UPDATE re-evaluates its WHERE clause on every loaded row, building a statement anew
on each call costs about as much as running it, and an ORM object added for one INSERT costs three
times the INSERT itself (construction, unit-of-work flush). So the login path's statements are built
once, at import, with bind parameters; they run on the session's connection (same transaction,
pending changes flushed first, so the statements keep the order of the code); after a conditional
UPDATE the caller copies the values it wrote onto the row in hand with ``mark_written``.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm.attributes import set_committed_value
from sqlalchemy.sql.dml import Insert, Update
from sqlmodel import Session


def conditional_update(db: Session, statement: Update, **params: Any) -> int:
    """Runs the UPDATE in the session's transaction; returns how many rows it changed."""
    db.flush()
    return int(db.connection().execute(statement, params).rowcount)


def insert_row(db: Session, statement: Insert, **values: Any) -> None:
    """Runs the INSERT of one row in the session's transaction (no ORM object is made)."""
    db.flush()
    db.connection().execute(statement, values)


def mark_written(row: object, **values: Any) -> None:
    """The row in hand shows what the UPDATE wrote, without reading it back or dirtying it."""
    for name, value in values.items():
        set_committed_value(row, name, value)
