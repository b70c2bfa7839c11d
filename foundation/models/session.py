"""Server-side sessions: the browser holds only a signed cookie naming one of these rows."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Field, SQLModel


class UserSession(SQLModel, table=True):
    __tablename__ = "user_session"

    id: str = Field(primary_key=True, max_length=64)  # 128 random bits, hex
    national_number: str = Field(max_length=11, index=True)
    # Identity read from the card at login, for the account form before an account exists.
    surname: str = Field(max_length=200)
    first_names: str = Field(max_length=200)
    birth_date: str = Field(max_length=10)  # ISO date
    # The card's photo, shown in "Mon profil"; kept only as long as the session.
    photo_jpeg_b64: str | None = None
    key_kind: str = Field(max_length=32)
    level: int
    created_at: datetime
    authenticated_at: datetime
    last_seen_at: datetime
    expires_at: datetime
    revoked_at: datetime | None = Field(default=None, index=True)
    # One-time ticket that the browser trades for the cookie; hashed, cleared on use.
    ticket_hash: str | None = Field(default=None, max_length=64, index=True)
    ticket_expires_at: datetime | None = None
    # SHA-256 of the pre-login cookie of the browser that logged in: only it may redeem the ticket.
    browser_binding: str | None = Field(default=None, max_length=64)
    # The browser's User-Agent at login, cut to 300 characters: "Mes sessions" names it.
    user_agent: str | None = Field(default=None, max_length=300)
