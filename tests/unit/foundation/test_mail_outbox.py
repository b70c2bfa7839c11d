"""The outbox rules: sent only when the action commits, retried with growing delays, never lost."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
from sqlmodel import Session, SQLModel, select

from foundation.db import make_engine
from foundation.mail_outbox import (
    OutgoingMail,
    deliver_due,
    enqueue,
    retry_delay,
)
from foundation.models.outbox import OutboxMessage
from tests.unit.conftest import UNIT_TEST_SERVER_SECRET

NOW = datetime(2026, 11, 22, 9, 0, tzinfo=UTC)
MAIL = OutgoingMail("naima@example.org", "Activez votre compte", "Bonjour Naïma", "<p>Bonjour</p>")


class RecordingTransport:
    def __init__(self, failures: int = 0) -> None:
        self.failures = failures
        self.sent: list[OutgoingMail] = []

    def send(self, mail: OutgoingMail) -> None:
        if self.failures:
            self.failures -= 1
            raise ConnectionRefusedError("mail server down")
        self.sent.append(mail)


@pytest.fixture
def session() -> Iterator[Session]:
    engine = make_engine("sqlite://")
    SQLModel.metadata.create_all(engine)
    with Session(engine) as session:
        yield session


def test_nothing_is_sent_when_the_action_is_rolled_back(session: Session) -> None:
    enqueue(session, MAIL, now=NOW)
    session.rollback()
    transport = RecordingTransport()
    assert deliver_due(session, transport, now=NOW).sent == 0
    assert transport.sent == []


def test_committed_message_is_delivered_once(session: Session) -> None:
    enqueue(session, MAIL, now=NOW)
    session.commit()
    transport = RecordingTransport()
    assert deliver_due(session, transport, now=NOW).sent == 1
    assert deliver_due(session, transport, now=NOW + timedelta(hours=1)).sent == 0
    assert transport.sent == [MAIL]


def test_failed_delivery_is_retried_later_not_lost(session: Session) -> None:
    enqueue(session, MAIL, now=NOW)
    session.commit()
    transport = RecordingTransport(failures=2)
    assert deliver_due(session, transport, now=NOW).failed == 1
    stored = session.exec(select(OutboxMessage)).one()
    assert stored.last_error == "ConnectionRefusedError: mail server down"
    # Not before the delay has passed.
    assert deliver_due(session, transport, now=NOW + timedelta(seconds=59)).failed == 0
    assert deliver_due(session, transport, now=NOW + timedelta(minutes=1)).failed == 1
    later = NOW + timedelta(minutes=1) + timedelta(minutes=5)
    assert deliver_due(session, transport, now=later).sent == 1
    stored = session.exec(select(OutboxMessage)).one()
    assert (stored.attempts, stored.last_error) == (3, None)
    assert transport.sent == [MAIL]


def test_retry_delays_grow_then_stay_at_six_hours() -> None:
    delays = [retry_delay(n) for n in range(1, 9)]
    assert delays == sorted(delays)
    assert delays[0] == timedelta(minutes=1)
    assert delays[-1] == timedelta(hours=6)


@pytest.mark.parametrize("address", ["not-an-address", "a@b.org\r\nBcc: x@y.org"])
def test_bad_recipient_is_refused(session: Session, address: str) -> None:
    with pytest.raises(ValueError, match="not an e-mail address"):
        enqueue(session, OutgoingMail(address, "s", "t"), now=NOW)


def test_a_waiting_body_is_sealed_in_the_database_and_read_in_clear(session: Session) -> None:
    enqueue(session, MAIL, now=NOW)
    session.commit()
    raw = (
        session.connection()
        .exec_driver_sql("SELECT text_body, html_body FROM outbox_message")
        .one()
    )
    assert raw[0].startswith("v1:")
    assert raw[1].startswith("v1:")
    assert "Naïma" not in raw[0]
    session.expire_all()
    message = session.exec(select(OutboxMessage)).one()
    assert (message.text_body, message.html_body) == (MAIL.text_body, MAIL.html_body)


def test_a_delivered_body_is_erased_but_not_who_and_when(session: Session) -> None:
    enqueue(session, MAIL, now=NOW)
    session.commit()
    deliver_due(session, RecordingTransport(), now=NOW)
    message = session.exec(select(OutboxMessage)).one()
    assert (message.text_body, message.html_body) == ("", None)
    assert (message.recipient, message.subject) == (MAIL.recipient, MAIL.subject)
    assert message.sent_at is not None


def test_a_body_that_failed_to_go_is_kept_for_the_next_try(session: Session) -> None:
    enqueue(session, MAIL, now=NOW)
    session.commit()
    deliver_due(session, RecordingTransport(failures=1), now=NOW)
    assert session.exec(select(OutboxMessage)).one().text_body == MAIL.text_body


def test_a_body_sealed_under_another_key_fails_alone(
    session: Session, monkeypatch: pytest.MonkeyPatch
) -> None:
    from foundation.secrets_at_rest import server_keys
    from foundation.settings import get_settings

    monkeypatch.setenv("MONESPACE_SECRET_KEY", "another-server-secret-key-for-this-test")
    get_settings.cache_clear()
    server_keys.cache_clear()
    enqueue(session, MAIL, now=NOW)
    session.commit()
    monkeypatch.setenv("MONESPACE_SECRET_KEY", UNIT_TEST_SERVER_SECRET)
    get_settings.cache_clear()
    server_keys.cache_clear()
    session.expire_all()
    enqueue(session, OutgoingMail("chloe@example.org", "Bienvenue", "Bonjour Chloé"), now=NOW)
    session.commit()
    session.expire_all()
    transport = RecordingTransport()
    report = deliver_due(session, transport, now=NOW)
    assert (report.sent, report.failed) == (1, 1)
    assert [mail.recipient for mail in transport.sent] == ["chloe@example.org"]
    stuck = (
        session.connection()
        .exec_driver_sql(
            "SELECT attempts, last_error, sent_at FROM outbox_message WHERE recipient = ?",
            ("naima@example.org",),
        )
        .one()
    )
    assert stuck[0] == 1
    assert "UnreadableSecretError" in stuck[1]
    assert stuck[2] is None
