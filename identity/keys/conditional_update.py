"""A conditional UPDATE on the login path, at Core cost.

An ORM-enabled UPDATE re-evaluates its WHERE clause on every loaded row; on the login path that
costs more than the statement itself. Here pending changes are flushed, the statement runs on the
session's connection (same transaction), and the caller copies the values it wrote onto the row in
hand with ``mark_written``.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm.attributes import set_committed_value
from sqlalchemy.sql.dml import Update
from sqlmodel import Session


def conditional_update(db: Session, statement: Update) -> int:
    """Runs the UPDATE in the session's transaction; returns how many rows it changed."""
    db.flush()
    return int(db.connection().execute(statement).rowcount)


def mark_written(row: object, **values: Any) -> None:
    """The row in hand shows what the UPDATE wrote, without reading it back or dirtying it."""
    for name, value in values.items():
        set_committed_value(row, name, value)
