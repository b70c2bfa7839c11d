"""A fresh in-memory database with the whole schema, for unit tests of services; a fixed server
secret key, so that no unit test reads or makes the checkout's ``var/secret_key``."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy.pool import StaticPool
from sqlmodel import Session, SQLModel, create_engine

import foundation.models  # noqa: F401 - registers every table
from foundation.secrets_at_rest import server_keys
from foundation.settings import get_settings

UNIT_TEST_SERVER_SECRET = "unit-tests-server-secret-key-not-for-production"


@pytest.fixture(autouse=True)
def _server_secret(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("MONESPACE_SECRET_KEY", UNIT_TEST_SERVER_SECRET)
    get_settings.cache_clear()
    server_keys.cache_clear()
    yield
    get_settings.cache_clear()
    server_keys.cache_clear()


@pytest.fixture
def db() -> Iterator[Session]:
    engine = create_engine(
        "sqlite://", connect_args={"check_same_thread": False}, poolclass=StaticPool
    )
    SQLModel.metadata.create_all(engine)
    with Session(engine) as session:
        yield session
