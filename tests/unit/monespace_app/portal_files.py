"""The portal's database as the plain HTTP endpoints find it through the settings: a SQLite file
in a temporary data folder, with Naïma's account and her dossiers."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import SQLModel

import foundation.models  # noqa: F401 - registers every table
from foundation import db as database
from foundation.settings import get_settings


@contextmanager
def portal_engine(
    folder: Path, monkeypatch: pytest.MonkeyPatch, **settings: str
) -> Iterator[Engine]:
    """The engine ``foundation.db.engine()`` gives, on a fresh file; ``settings`` are
    ``MONESPACE_<NAME>`` values."""
    monkeypatch.setenv("MONESPACE_DATA_DIR", str(folder))
    monkeypatch.setenv("MONESPACE_DATABASE_URL", f"sqlite:///{folder / 'portal.db'}")
    for name, value in settings.items():
        monkeypatch.setenv(f"MONESPACE_{name.upper()}", value)
    get_settings.cache_clear()
    database.engine.cache_clear()
    engine = database.engine()
    SQLModel.metadata.create_all(engine)
    try:
        yield engine
    finally:
        engine.dispose()
        database.engine.cache_clear()
        get_settings.cache_clear()
