"""Mail goes from the outbox over real SMTP to the sink, and shows in the mailbox page."""

from __future__ import annotations

import json
import urllib.request
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlmodel import Session

from foundation.db import make_engine
from foundation.mail_outbox import OutgoingMail, deliver_due, enqueue
from foundation.models.migrate import upgrade
from foundation.settings import Settings
from foundation.smtp_transport import SmtpTransport
from simulators.mailbox.smtp_sink import SmtpSink
from simulators.mailbox.store import MailStore
from simulators.mailbox.web import MailboxWeb
from tests.integration.conftest import free_port

pytestmark = pytest.mark.integration

NOW = datetime(2026, 11, 22, 9, 0, tzinfo=UTC)
MAIL = OutgoingMail(
    "naima.mremi@example.org",
    "Activez votre compte Mon Espace",
    "Bonjour Naïma Mremi\nActiver mon compte Mon Espace : http://localhost:3000/activer?t=abc",
    '<p>Bonjour Naïma Mremi</p><a href="http://localhost:3000/activer?t=abc">Activer</a>',
)


def _get(url: str) -> tuple[int, bytes]:
    with urllib.request.urlopen(url, timeout=5) as response:
        return response.status, response.read()


def test_outbox_message_reaches_the_mailbox_page(tmp_path: Path) -> None:
    smtp_port, web_port = free_port(), free_port()
    store = MailStore(tmp_path / "mailbox")
    sink, web = SmtpSink(store, port=smtp_port), MailboxWeb(store, port=web_port)
    sink.start()
    web.start()
    try:
        url = f"sqlite:///{tmp_path / 'monespace.db'}"
        upgrade(url)
        transport = SmtpTransport(Settings(data_dir=tmp_path, smtp_port=smtp_port))
        with Session(make_engine(url)) as session:
            enqueue(session, MAIL, now=NOW)
            session.commit()
            assert deliver_due(session, transport, now=NOW).sent == 1

        status, body = _get(f"{web.url}/api/messages?to=naima.mremi@example.org")
        messages = json.loads(body)
        assert status == 200
        assert [m["subject"] for m in messages] == ["Activez votre compte Mon Espace"]
        assert messages[0]["from"] == "Mon Espace <no-reply@monespace.localhost>"
        assert "Bonjour Naïma Mremi" in messages[0]["text"]
        assert messages[0]["links"] == ["http://localhost:3000/activer?t=abc"]

        status, page = _get(web.url + "/")
        assert status == 200
        assert "Activez votre compte Mon Espace" in page.decode()
    finally:
        web.stop()
        sink.stop()


def test_mail_waits_while_the_server_is_down_and_goes_once_it_is_back(tmp_path: Path) -> None:
    smtp_port = free_port()
    url = f"sqlite:///{tmp_path / 'monespace.db'}"
    upgrade(url)
    transport = SmtpTransport(Settings(data_dir=tmp_path, smtp_port=smtp_port), timeout=3)
    with Session(make_engine(url)) as session:
        enqueue(session, MAIL, now=NOW)
        session.commit()
        report = deliver_due(session, transport, now=NOW)
        assert (report.sent, report.failed) == (0, 1)

        store = MailStore(tmp_path / "mailbox")
        sink = SmtpSink(store, port=smtp_port)
        sink.start()
        try:
            report = deliver_due(session, transport, now=NOW + timedelta(minutes=1))
        finally:
            sink.stop()
    assert report.sent == 1
    assert [m.subject for m in store.all()] == ["Activez votre compte Mon Espace"]


def test_mailbox_page_says_when_it_is_empty(tmp_path: Path) -> None:
    web = MailboxWeb(MailStore(tmp_path / "mailbox"), port=free_port())
    web.start()
    try:
        status, page = _get(web.url + "/")
    finally:
        web.stop()
    assert status == 200
    assert "Aucun message reçu pour le moment." in page.decode()
