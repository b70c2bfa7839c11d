"""The mail outbox: messages written in the same transaction as the action that sends them.

Bodies carry codes and links: they are sealed in the database while they wait, and erased once
delivered (recipient, subject and dates stay, for the audit)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Column
from sqlmodel import Field, SQLModel

from foundation.models.sealed_text import SealedText

TEXT_BODY = "outbox_message.text_body"
HTML_BODY = "outbox_message.html_body"


class OutboxMessage(SQLModel, table=True):
    __tablename__ = "outbox_message"

    id: int | None = Field(default=None, primary_key=True)
    recipient: str = Field(max_length=320)
    subject: str = Field(max_length=300)
    text_body: str = Field(sa_column=Column(SealedText(TEXT_BODY), nullable=False))
    html_body: str | None = Field(default=None, sa_column=Column(SealedText(HTML_BODY)))
    created_at: datetime
    # When the sender may try next; a failed delivery pushes it back.
    next_attempt_at: datetime = Field(index=True)
    attempts: int = 0
    sent_at: datetime | None = Field(default=None, index=True)
    last_error: str | None = Field(default=None, max_length=1000)
