"""The database engine of the portal (SQLite with WAL by default, any SQLAlchemy URL otherwise)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from typing import Any

from sqlalchemy import event
from sqlalchemy.engine import Engine
from sqlmodel import Session, create_engine

from foundation.settings import get_settings


def make_engine(url: str) -> Engine:
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 30})
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    return create_engine(url, pool_pre_ping=True)


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    # WAL lets readers go on while one writer commits; foreign keys are off by default.
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.close()


@cache
def engine() -> Engine:
    settings = get_settings()
    if settings.effective_database_url.startswith("sqlite"):
        settings.data_dir.mkdir(parents=True, exist_ok=True)
    return make_engine(settings.effective_database_url)


@contextmanager
def session_scope(bind: Engine | None = None) -> Iterator[Session]:
    """One unit of work: committed if the block ends normally, rolled back otherwise."""
    with Session(bind or engine()) as session:
        try:
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise
