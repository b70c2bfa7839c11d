"""Statements on the login path, at Core cost.

An ORM-enabled UPDATE re-evaluates its WHERE clause on every loaded row, and building a statement
anew on each call costs about as much as running it. So the login path's statements are built once,
at import, with bind parameters; a conditional UPDATE runs on the session's connection (same
transaction, pending changes flushed first), and the caller copies the values it wrote onto the row
in hand with ``mark_written``.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm.attributes import set_committed_value
from sqlalchemy.sql.dml import Update
from sqlmodel import Session


def conditional_update(db: Session, statement: Update, **params: Any) -> int:
    """Runs the UPDATE in the session's transaction; returns how many rows it changed."""
    db.flush()
    return int(db.connection().execute(statement, params).rowcount)


def mark_written(row: object, **values: Any) -> None:
    """The row in hand shows what the UPDATE wrote, without reading it back or dirtying it."""
    for name, value in values.items():
        set_committed_value(row, name, value)
