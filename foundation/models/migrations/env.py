"""Alembic environment: runs migrations against the URL the portal is configured with."""

from __future__ import annotations

from alembic import context
from sqlmodel import SQLModel

import foundation.models  # noqa: F401 - registers every table on SQLModel.metadata
from foundation.db import make_engine

config = context.config
target_metadata = SQLModel.metadata


def run_migrations() -> None:
    url = config.get_main_option("sqlalchemy.url")
    if url is None:
        raise RuntimeError("sqlalchemy.url is not set")
    engine = make_engine(url)
    with engine.connect() as connection:
        context.configure(
            connection=connection,
            target_metadata=target_metadata,
            render_as_batch=url.startswith("sqlite"),  # SQLite cannot ALTER most things
        )
        with context.begin_transaction():
            context.run_migrations()
    engine.dispose()


run_migrations()
