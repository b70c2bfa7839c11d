"""Migration 0011 on a SQLite file: bodies still waiting are sealed, delivered ones erased."""

from __future__ import annotations

from pathlib import Path

import pytest
from alembic import command
from sqlmodel import Session, select

from foundation.db import make_engine
from foundation.models.migrate import alembic_config
from foundation.models.outbox import OutboxMessage

pytestmark = pytest.mark.integration
SECRET = "unit-tests-server-secret-key-not-for-production"


def test_waiting_bodies_are_sealed_and_sent_ones_erased(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("MONESPACE_SECRET_KEY", SECRET)
    from foundation.secrets_at_rest import server_keys
    from foundation.settings import get_settings

    get_settings.cache_clear()
    server_keys.cache_clear()
    url = f"sqlite:///{tmp_path / 'monespace.db'}"
    config = alembic_config(url, server_secret=SECRET)
    command.upgrade(config, "0010")
    engine = make_engine(url)
    with engine.begin() as connection:
        for body, sent in (("Votre code : 123456", "2026-11-30 09:00:00"), ("Lien secret", None)):
            connection.exec_driver_sql(
                "INSERT INTO outbox_message (recipient, subject, text_body, html_body, "
                "created_at, next_attempt_at, attempts, sent_at) "
                "VALUES ('n@example.org', 'Sujet', ?, ?, '2026-11-30 08:00:00', "
                "'2026-11-30 08:00:00', 0, ?)",
                (body, f"<p>{body}</p>", sent),
            )
    command.upgrade(config, "head")
    with engine.connect() as connection:
        raw = connection.exec_driver_sql(
            "SELECT text_body, html_body FROM outbox_message ORDER BY id"
        ).all()
    assert list(raw[0]) == ["", None]  # delivered: nothing of the code is left
    assert raw[1][0].startswith("v1:")
    assert "secret" not in raw[1][0]
    with Session(engine) as db:
        waiting = db.exec(select(OutboxMessage).where(OutboxMessage.subject == "Sujet")).all()
        assert [m.text_body for m in waiting] == ["", "Lien secret"]
        assert waiting[1].html_body == "<p>Lien secret</p>"
    get_settings.cache_clear()
    server_keys.cache_clear()
