"""The database of the suite's portal, as the journeys' set-up and checks reach it: SQLite in
the data folder, or the scaled stack's PostgreSQL (MONESPACE_E2E_STACK=scaled), whose URL the
stack writes into the data folder when it starts."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from sqlalchemy.engine import Engine

from foundation.db import make_engine

URL_FILE = "database-url"


def database_url(data_dir: Path) -> str:
    written = data_dir / URL_FILE
    if written.exists():
        return written.read_text(encoding="utf-8").strip()
    return f"sqlite:///{data_dir / 'monespace.db'}"


def portal_engine(data_dir: Path) -> Engine:
    return _engine(database_url(data_dir))


@cache
def _engine(url: str) -> Engine:
    # One pool per database for the whole run: PostgreSQL counts every connection.
    return make_engine(url)
