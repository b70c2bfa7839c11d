"""Paper token: people registered at a local registration office, their activation codes, and
their cards of numbered codes. Every code is stored hashed (HMAC-SHA256 under a key of the server,
with a salt of its own: identity.one_time_code.hashing)."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import DateTime, UniqueConstraint
from sqlmodel import Field, SQLModel


class RegisteredPerson(SQLModel, table=True):
    """A person without a Belgian card, registered by an officer on an identity document."""

    __tablename__ = "registered_person"

    id: int | None = Field(default=None, primary_key=True)
    bis_number: str = Field(max_length=11, unique=True, index=True)
    surname: str = Field(max_length=200)
    first_names: str = Field(max_length=200)
    birth_date: date
    document_type: str = Field(max_length=32)
    document_number: str = Field(max_length=64)
    email: str = Field(max_length=320)
    officer_id: str = Field(max_length=64)
    created_at: datetime = Field(sa_type=DateTime(timezone=True))
    # Chosen at activation ("Ma préférence linguistique"); the portal switches to it there.
    language: str = Field(default="fr", max_length=2)


class ActivationCode(SQLModel, table=True):
    """20 characters given on paper by the officer; the e-mailed link carries ``reference``."""

    __tablename__ = "activation_code"

    id: int | None = Field(default=None, primary_key=True)
    person_id: int = Field(foreign_key="registered_person.id", index=True)
    # Random, in the activation link: says which code the person is typing (not a secret alone).
    reference: str = Field(max_length=64, unique=True, index=True)
    salt: str = Field(max_length=32)
    code_hash: str = Field(max_length=64)
    created_at: datetime = Field(sa_type=DateTime(timezone=True))
    expires_at: datetime = Field(sa_type=DateTime(timezone=True))
    failed_attempts: int = 0
    used_at: datetime | None = Field(default=None, sa_type=DateTime(timezone=True))
    # Spent by wrong entries, or replaced by a newer activation code.
    voided_at: datetime | None = Field(default=None, sa_type=DateTime(timezone=True))


class PaperTokenCard(SQLModel, table=True):
    """One card of numbered codes; a new card voids the previous one."""

    __tablename__ = "paper_token_card"

    id: int | None = Field(default=None, primary_key=True)
    national_number: str = Field(max_length=11, index=True)  # the BIS number for a registrant
    created_at: datetime = Field(sa_type=DateTime(timezone=True))
    voided_at: datetime | None = Field(default=None, sa_type=DateTime(timezone=True))
    # The number asked at login, kept until that code is used: starting a new login
    # does not draw another number.
    pending_number: int | None = None


class PaperTokenCode(SQLModel, table=True):
    __tablename__ = "paper_token_code"
    __table_args__ = (UniqueConstraint("card_id", "number"),)

    id: int | None = Field(default=None, primary_key=True)
    card_id: int = Field(foreign_key="paper_token_card.id", index=True)
    number: int  # 1..N, as printed on the card
    salt: str = Field(max_length=32)
    code_hash: str = Field(max_length=64)
    used_at: datetime | None = Field(default=None, sa_type=DateTime(timezone=True))
