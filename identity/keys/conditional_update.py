"""Statements on the login path, at Core cost.

An ORM-enabled UPDATE re-evaluates its WHERE clause on every loaded row, building a statement anew
on each call costs about as much as running it, and an ORM object added for one INSERT costs three
times the INSERT itself (construction, unit-of-work flush); reading a row into an ORM object costs
twice reading its columns. So the login path's statements are built once, at import, with bind
parameters; they run on the session's connection (same transaction, pending changes flushed first,
so the statements keep the order of the code); the rows the login only reads come back as plain
rows; after a conditional UPDATE the caller copies the values it wrote onto the row in hand with
``mark_written``.

The login path runs right after an argon2 verification, which sweeps megabytes through the CPU's
caches: whatever code the path runs then is fetched anew, so less code is what makes it fast.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy.engine import Row
from sqlalchemy.orm.attributes import set_committed_value
from sqlalchemy.orm.util import identity_key
from sqlalchemy.sql.base import Executable
from sqlalchemy.sql.dml import Insert, Update
from sqlmodel import Session


def conditional_update(db: Session, statement: Update, **params: Any) -> int:
    """Runs the UPDATE in the session's transaction; returns how many rows it changed."""
    db.flush()
    return int(db.connection().execute(statement, params).rowcount)


def first_row(db: Session, statement: Executable, **params: Any) -> Row[Any] | None:
    """The first row of a SELECT of columns, in the session's transaction (no ORM object)."""
    db.flush()
    return db.connection().execute(statement, params).first()


def insert_row(db: Session, statement: Insert, **values: Any) -> None:
    """Runs the INSERT of one row in the session's transaction (no ORM object is made)."""
    db.flush()
    db.connection().execute(statement, values)


def mark_written(row: object, **values: Any) -> None:
    """The row in hand shows what the UPDATE wrote, without reading it back or dirtying it."""
    for name, value in values.items():
        set_committed_value(row, name, value)


def mark_written_if_loaded(db: Session, model: type[Any], primary_key: Any, **values: Any) -> None:
    """``mark_written`` for a row read as plain columns: the session's own copy of it, if it holds
    one, shows what the UPDATE wrote."""
    row = db.identity_map.get(identity_key(model, primary_key))
    if row is not None:
        mark_written(row, **values)
