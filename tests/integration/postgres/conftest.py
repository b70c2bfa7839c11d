"""A real PostgreSQL server for the tests that need what SQLite serialises away (row locks,
SKIP LOCKED, advisory locks, two transactions writing at once).

One server for the session, in var/test-postgres-<port>; each test gets its own database with the
migrations applied. The migrations run once, into a template database, and each test's database is
a copy of it (CREATE DATABASE … TEMPLATE): a copy takes a few milliseconds, the migrations seconds.
"""

from __future__ import annotations

import itertools
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy.engine import Engine

from foundation.db import make_engine
from foundation.models.migrate import upgrade
from simulators.stack.postgres import PostgresServer, pg_bin
from tests.integration.conftest import free_run

PROJECT_ROOT = Path(__file__).resolve().parents[3]
TEMPLATE = "migrated_template"
_numbers = itertools.count(1)


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[PostgresServer]:
    # Missing binaries fail the run (PostgresUnavailableError): these tests are the proof that
    # several backends are correct; skipping them would pass without proving anything.
    pg_bin("pg_ctl")
    port = free_run(1, besides=[])
    server = PostgresServer(PROJECT_ROOT / "var" / f"test-postgres-{port}", port)
    server.start()
    try:
        upgrade(server.create_database(TEMPLATE))
        yield server
    finally:
        server.stop(mode="immediate")
        shutil.rmtree(server.folder, ignore_errors=True)


@pytest.fixture
def postgres_url(postgres_server: PostgresServer) -> str:
    """A fresh database of its own for the test, at the newest migration."""
    name = f"test_{next(_numbers)}"
    postgres_server.psql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    postgres_server.psql(f'CREATE DATABASE "{name}" TEMPLATE {TEMPLATE} OWNER monespace')
    return postgres_server.url(name)


@pytest.fixture
def postgres_engine(postgres_url: str) -> Iterator[Engine]:
    engine = make_engine(postgres_url)
    yield engine
    engine.dispose()


@pytest.fixture
def backends(postgres_url: str) -> Iterator[list[Engine]]:
    """Two backends' engines: connection pools of their own to the test's database."""
    engines = [make_engine(postgres_url) for _ in range(2)]
    yield engines
    for engine in engines:
        engine.dispose()
