"""The mail outbox: queue a message inside the caller's transaction, deliver it later with retries.

Nothing is lost when the mail server is down: a failed delivery stays in the table and is tried
again after a growing delay. The bodies wait sealed (``foundation.models.outbox``) and are erased
once delivered: a login code, a paper token card or an activation link does not outlive its
delivery in the database.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Protocol

from sqlalchemy import update
from sqlmodel import Session, col, select

from foundation.models.outbox import OutboxMessage
from foundation.secrets_at_rest import UnreadableSecretError

RETRY_DELAYS: Sequence[timedelta] = (
    timedelta(minutes=1),
    timedelta(minutes=5),
    timedelta(minutes=15),
    timedelta(hours=1),
    timedelta(hours=6),
)


@dataclass(frozen=True, slots=True)
class OutgoingMail:
    recipient: str
    subject: str
    text_body: str
    html_body: str | None = None


class MailTransport(Protocol):
    def send(self, mail: OutgoingMail) -> None:
        """Delivers one message or raises an exception saying why it could not."""


@dataclass(frozen=True, slots=True)
class DeliveryReport:
    sent: int
    failed: int


def enqueue(session: Session, mail: OutgoingMail, *, now: datetime) -> OutboxMessage:
    """Adds the message to the caller's unit of work; it is sent only if that work commits."""
    if "@" not in mail.recipient or any(c in mail.recipient for c in "\r\n"):
        raise ValueError(f"not an e-mail address: {mail.recipient!r}")
    message = OutboxMessage(
        recipient=mail.recipient,
        subject=mail.subject,
        text_body=mail.text_body,
        html_body=mail.html_body,
        created_at=now,
        next_attempt_at=now,
    )
    session.add(message)
    return message


def deliver_due(
    session: Session, transport: MailTransport, *, now: datetime, limit: int = 50
) -> DeliveryReport:
    """Tries every unsent message whose time has come, one transaction each.

    Several backends deliver at once without sending a message twice: each message is claimed
    with its row locked (``SELECT … FOR UPDATE SKIP LOCKED`` on PostgreSQL), and the lock is held
    while it is sent, until it is marked sent and committed; another deliverer skips it meanwhile
    and, once committed, no longer finds it due. SQLite has no row locks (the clause is left
    out): there one process delivers, the portal's own backend.

    A body that does not open (sealed under another server secret key) fails alone, its reason
    kept, and never holds back the others."""
    sent = failed = 0
    for _ in range(limit):
        message_id = _claim_next_due(session, now)
        if message_id is None:
            break
        try:
            message = session.get(OutboxMessage, message_id, populate_existing=True)
        except UnreadableSecretError as error:
            _postpone(session, message_id, f"{type(error).__name__}: {error}", now)
            failed += 1
            continue
        if message is None:  # not possible while the row is locked; read as nothing to do
            session.rollback()
            break
        mail = OutgoingMail(
            message.recipient, message.subject, message.text_body, message.html_body
        )
        try:
            transport.send(mail)
        except Exception as error:
            message.attempts += 1
            message.last_error = f"{type(error).__name__}: {error}"[:1000]
            message.next_attempt_at = now + retry_delay(message.attempts)
            failed += 1
        else:
            message.attempts += 1
            message.sent_at = now
            message.last_error = None
            message.text_body = ""
            message.html_body = None
            sent += 1
        session.add(message)
        session.commit()
    return DeliveryReport(sent=sent, failed=failed)


def _claim_next_due(session: Session, now: datetime) -> int | None:
    """The oldest due message no other deliverer holds, its row locked until the next commit.

    Only the id is read here: a body that does not open must not stop the claim."""
    return session.exec(
        select(OutboxMessage.id)
        .where(col(OutboxMessage.sent_at).is_(None), OutboxMessage.next_attempt_at <= now)
        .order_by(col(OutboxMessage.id))
        .limit(1)
        .with_for_update(skip_locked=True)
    ).first()


def _postpone(session: Session, message_id: int | None, reason: str, now: datetime) -> None:
    """Records a failure without loading the body (the columns that can be read only)."""
    table = OutboxMessage.__table__  # type: ignore[attr-defined]
    attempts = session.exec(
        select(OutboxMessage.attempts).where(OutboxMessage.id == message_id)
    ).one()
    session.exec(
        update(table)
        .where(table.c.id == message_id)
        .values(
            attempts=attempts + 1,
            last_error=reason[:1000],
            next_attempt_at=now + retry_delay(attempts + 1),
        )
    )
    session.commit()


def retry_delay(attempts: int) -> timedelta:
    """Delay before the next try after ``attempts`` failed ones (capped at the last step)."""
    return RETRY_DELAYS[min(max(attempts, 1), len(RETRY_DELAYS)) - 1]
