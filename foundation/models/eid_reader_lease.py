"""Who holds the card reader of the server: one eID login at a time (kiosk, training laptop)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime
from sqlmodel import Field, SQLModel


class EidReaderLease(SQLModel, table=True):
    __tablename__ = "eid_reader_lease"

    # The reader's PC/SC name, or "*" when the portal takes whichever reader has a card.
    reader: str = Field(primary_key=True, max_length=200)
    # The browser binding (SHA-256 of the pre-login cookie) of the login holding the reader.
    holder_binding: str = Field(max_length=64)
    # Past this, any browser may take the reader (the holder walked away mid-login).
    expires_at: datetime = Field(sa_type=DateTime(timezone=True))
