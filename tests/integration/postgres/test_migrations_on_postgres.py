"""The Alembic chain builds, on an empty PostgreSQL database, the schema the models describe (as
tests/integration/foundation/test_migrations.py checks on SQLite)."""

from __future__ import annotations

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import inspect
from sqlmodel import SQLModel

import foundation.models  # noqa: F401 - registers the tables
from foundation.db import make_engine
from foundation.models.migrate import alembic_config, upgrade
from simulators.stack.postgres import PostgresServer

pytestmark = pytest.mark.integration


def test_upgrade_of_an_empty_database_matches_the_models(postgres_server: PostgresServer) -> None:
    url = postgres_server.create_database("empty_upgraded")
    upgrade(url)
    upgrade(url)  # a second run changes nothing
    engine = make_engine(url)
    try:
        with engine.connect() as connection:
            tables = set(inspect(connection).get_table_names())
            version = connection.exec_driver_sql("SELECT version_num FROM alembic_version").scalar()
            differences = compare_metadata(
                MigrationContext.configure(connection), SQLModel.metadata
            )
    finally:
        engine.dispose()
    assert set(SQLModel.metadata.tables) <= tables
    assert version == ScriptDirectory.from_config(alembic_config(url)).get_current_head()
    assert differences == [], "the migrations and the models differ on PostgreSQL"
