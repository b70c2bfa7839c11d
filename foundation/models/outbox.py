"""The mail outbox: messages written in the same transaction as the action that sends them."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Field, SQLModel


class OutboxMessage(SQLModel, table=True):
    __tablename__ = "outbox_message"

    id: int | None = Field(default=None, primary_key=True)
    recipient: str = Field(max_length=320)
    subject: str = Field(max_length=300)
    text_body: str
    html_body: str | None = None
    created_at: datetime
    # When the sender may try next; a failed delivery pushes it back.
    next_attempt_at: datetime = Field(index=True)
    attempts: int = 0
    sent_at: datetime | None = Field(default=None, index=True)
    last_error: str | None = Field(default=None, max_length=1000)
