"""The mail outbox with several deliverers on one PostgreSQL database (as several backends run
it): every message reaches the SMTP sink exactly once, even when the mail server was down."""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, func, select

from foundation.mail_outbox import DeliveryReport, OutgoingMail, deliver_due, enqueue
from foundation.models.outbox import OutboxMessage
from foundation.secrets_at_rest import server_keys
from foundation.settings import Settings, get_settings
from foundation.smtp_transport import SmtpTransport
from simulators.mailbox.smtp_sink import SmtpSink
from simulators.mailbox.store import MailStore
from tests.integration.conftest import free_port
from tests.integration.postgres.racing import at_once

pytestmark = pytest.mark.integration

NOW = datetime(2026, 11, 22, 9, 0, tzinfo=UTC)
MESSAGES = 40


@pytest.fixture
def smtp_port() -> int:
    return free_port()


@pytest.fixture
def store(tmp_path: Path) -> MailStore:
    return MailStore(tmp_path / "mailbox")


@pytest.fixture
def sink(store: MailStore, smtp_port: int) -> Iterator[SmtpSink]:
    sink = SmtpSink(store, port=smtp_port)
    sink.start()
    yield sink
    sink.stop()


def queue_mails(engine: Engine, count: int, now: datetime) -> None:
    with Session(engine) as db:
        for number in range(count):
            mail = OutgoingMail(
                f"personne{number}@example.org",
                f"Message {number}",
                f"Votre code : {number:06d}",
            )
            enqueue(db, mail, now=now)
        db.commit()


def deliver_at_once(backends: list[Engine], smtp_port: int, now: datetime) -> int:
    """Both backends deliver, started together; returns how many messages they sent."""
    transport = SmtpTransport(Settings(smtp_port=smtp_port), timeout=3)

    def deliver(index: int, barrier: threading.Barrier) -> DeliveryReport:
        with Session(backends[index]) as db:
            barrier.wait()
            return deliver_due(db, transport, now=now, limit=MESSAGES)

    outcomes = at_once(deliver, runners=len(backends))
    assert outcomes.errors == []
    return sum(report.sent for report in outcomes.results)


def subjects_received(store: MailStore) -> Counter[str]:
    return Counter(mail.subject for mail in store.all())


def unsent(engine: Engine) -> int:
    with Session(engine) as db:
        return db.exec(select(func.count()).where(col(OutboxMessage.sent_at).is_(None))).one()


@pytest.mark.usefixtures("sink")
def test_two_deliverers_at_once_send_each_message_exactly_once(
    postgres_engine: Engine, backends: list[Engine], store: MailStore, smtp_port: int
) -> None:
    queue_mails(postgres_engine, MESSAGES, NOW)

    assert deliver_at_once(backends, smtp_port, NOW) == MESSAGES

    assert subjects_received(store) == Counter({f"Message {n}": 1 for n in range(MESSAGES)})
    assert unsent(postgres_engine) == 0


def test_mail_queued_while_the_mail_server_is_down_for_ten_minutes_goes_once_it_is_back(
    postgres_engine: Engine, backends: list[Engine], store: MailStore, smtp_port: int
) -> None:
    # The sink is not running: every delivery is refused at once, as when the server is down.
    queue_mails(postgres_engine, MESSAGES, NOW)
    back_at = NOW + timedelta(minutes=10)
    moment = NOW
    while moment < back_at:  # the backends try every minute of the clock through the outage
        assert deliver_at_once(backends, smtp_port, moment) == 0
        moment += timedelta(minutes=1)
    assert store.all() == []
    assert unsent(postgres_engine) == MESSAGES

    sink = SmtpSink(store, port=smtp_port)
    sink.start()
    try:
        delivered = 0
        while moment < back_at + timedelta(minutes=30):
            delivered += deliver_at_once(backends, smtp_port, moment)
            moment += timedelta(minutes=1)
    finally:
        sink.stop()

    assert delivered == MESSAGES
    assert subjects_received(store) == Counter({f"Message {n}": 1 for n in range(MESSAGES)})
    assert unsent(postgres_engine) == 0
    with Session(postgres_engine) as db:
        # Tried at 0, 1 and 6 minutes while down, then sent at the next try (21 minutes).
        attempts = set(db.exec(select(OutboxMessage.attempts)).all())
    assert attempts == {4}


@pytest.fixture
def server_secret(monkeypatch: pytest.MonkeyPatch) -> Iterator[Callable[[str], None]]:
    """Changes the server secret key the bodies are sealed under (as a restore with another
    var/secret_key would); the checkout's own is read again afterwards."""

    def use(secret: str) -> None:
        monkeypatch.setenv("MONESPACE_SECRET_KEY", secret)
        get_settings.cache_clear()
        server_keys.cache_clear()

    yield use
    monkeypatch.undo()
    get_settings.cache_clear()
    server_keys.cache_clear()


@pytest.mark.usefixtures("sink")
def test_a_body_sealed_under_another_key_fails_alone_and_the_others_go_once(
    postgres_engine: Engine,
    backends: list[Engine],
    store: MailStore,
    smtp_port: int,
    server_secret: Callable[[str], None],
) -> None:
    server_secret("a-secret-key-of-another-server-for-this-test")
    queue_mails(postgres_engine, 1, NOW)
    server_secret("the-secret-key-of-this-server-for-this-test")
    queue_mails(postgres_engine, MESSAGES, NOW)

    assert deliver_at_once(backends, smtp_port, NOW) == MESSAGES

    assert len(store.all()) == MESSAGES
    with Session(postgres_engine) as db:
        stuck = db.exec(
            select(OutboxMessage.attempts, OutboxMessage.last_error).where(
                col(OutboxMessage.sent_at).is_(None)
            )
        ).all()
    assert len(stuck) == 1
    assert stuck[0][0] == 1
    assert "UnreadableSecretError" in (stuck[0][1] or "")
