"""Accounts of Mon Espace, keyed by the national register number read from the eID card."""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum

from sqlmodel import Field, SQLModel


class AccountStatus(StrEnum):
    PENDING = "pending"  # created at first login, e-mail not yet verified
    ACTIVE = "active"
    DELETION_REQUESTED = "deletion_requested"  # 30 calendar days to change one's mind


class Account(SQLModel, table=True):
    __tablename__ = "account"

    id: int | None = Field(default=None, primary_key=True)
    national_number: str = Field(max_length=11, unique=True, index=True)
    surname: str = Field(max_length=200)
    first_names: str = Field(max_length=200)
    birth_date: date
    email: str = Field(max_length=320)
    status: AccountStatus = Field(default=AccountStatus.PENDING, max_length=32)
    created_at: datetime
    activated_at: datetime | None = None
    # Single-use links: a link is valid only while its nonce is the one stored here.
    activation_nonce: str | None = Field(default=None, max_length=64)
    activation_mails_sent: int = 0
    last_activation_mail_at: datetime | None = None
    pending_email: str | None = Field(default=None, max_length=320)
    email_change_nonce: str | None = Field(default=None, max_length=64)
    teaching_email: str | None = Field(default=None, max_length=320)
    teaching_email_pending: str | None = Field(default=None, max_length=320)
    teaching_email_nonce: str | None = Field(default=None, max_length=64)
    deletion_requested_at: datetime | None = None
    # The language of the person's pages (set at creation, followed when they switch): the
    # e-mails to the person are written in it.
    language: str = Field(default="fr", max_length=2)


class AccountHistoryEntry(SQLModel, table=True):
    """Browsing history, tags and favourites: erased with the account after 30 days."""

    __tablename__ = "account_history"

    id: int | None = Field(default=None, primary_key=True)
    account_id: int = Field(foreign_key="account.id", index=True, ondelete="CASCADE")
    kind: str = Field(max_length=32)  # visit, tag or favourite
    label: str = Field(max_length=300)
    created_at: datetime
