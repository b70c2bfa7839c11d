"""Brings the database schema to the newest Alembic revision (``python -m ...migrate``)."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config

from foundation.settings import get_settings

MIGRATIONS_DIR = Path(__file__).with_name("migrations")


def alembic_config(database_url: str | None = None, *, server_secret: str | None = None) -> Config:
    """``server_secret``: the key data migrations encrypt with (revision 0007); by default the one
    the portal uses, read through the settings when a migration first needs it."""
    config = Config()
    if server_secret is not None:
        config.attributes["server_secret"] = server_secret
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    url = database_url or get_settings().effective_database_url
    # ConfigParser interpolation would choke on % in passwords.
    config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return config


def upgrade(database_url: str | None = None) -> None:
    settings = get_settings()
    if database_url is None and settings.effective_database_url.startswith("sqlite"):
        settings.data_dir.mkdir(parents=True, exist_ok=True)
    command.upgrade(alembic_config(database_url), "head")


if __name__ == "__main__":
    upgrade()
