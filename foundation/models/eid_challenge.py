"""eID authentication challenges: issued by the server, valid a few minutes, usable once."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime
from sqlmodel import Field, SQLModel


class EidChallenge(SQLModel, table=True):
    __tablename__ = "eid_challenge"

    # base64url of 32 random bytes (43 characters).
    nonce: str = Field(primary_key=True, max_length=64)
    created_at: datetime = Field(sa_type=DateTime(timezone=True))
    expires_at: datetime = Field(sa_type=DateTime(timezone=True), index=True)
    # Set by the single UPDATE that takes the challenge; NULL while it is still usable.
    used_at: datetime | None = Field(default=None, sa_type=DateTime(timezone=True))
    # SHA-256 of the pre-login cookie of the browser that asked for the challenge.
    browser_binding: str | None = Field(default=None, max_length=64)
