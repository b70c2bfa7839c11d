"""Alembic migrations build the schema the models describe, on a real SQLite file."""

from __future__ import annotations

from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import inspect
from sqlmodel import SQLModel

import foundation.models  # noqa: F401 - registers the tables
from foundation.db import make_engine
from foundation.models.migrate import alembic_config, upgrade

pytestmark = pytest.mark.integration


def test_upgrade_creates_the_tables_and_matches_the_models(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'monespace.db'}"
    upgrade(url)
    engine = make_engine(url)
    with engine.connect() as connection:
        tables = set(inspect(connection).get_table_names())
        assert {"outbox_message", "account", "user_session", "eid_challenge"} <= tables
        differences = compare_metadata(MigrationContext.configure(connection), SQLModel.metadata)
    assert differences == [], "a model changed without a migration"


def test_upgrade_twice_changes_nothing(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'monespace.db'}"
    upgrade(url)
    upgrade(url)
    with make_engine(url).connect() as connection:
        version = connection.exec_driver_sql("SELECT version_num FROM alembic_version").scalar()
    head = ScriptDirectory.from_config(alembic_config(url)).get_current_head()
    assert version == head


def test_sqlite_runs_in_wal_mode(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'wal.db'}")
    with engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
