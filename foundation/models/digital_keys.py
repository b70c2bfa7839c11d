"""Digital keys other than the eID card: one row per person and kind, and the shared login steps."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, UniqueConstraint
from sqlmodel import Field, SQLModel


class KeyStatus:
    ACTIVE = "active"
    LOCKED = "locked"  # too many failures: the person must unlock it (new activation or eID)


class DigitalKeyRecord(SQLModel, table=True):
    """A person's key of one kind (totp, email_code, sms_code, paper_token, password, itsme)."""

    __tablename__ = "digital_key"
    __table_args__ = (UniqueConstraint("national_number", "kind"),)

    id: int | None = Field(default=None, primary_key=True)
    national_number: str = Field(max_length=11, index=True)
    kind: str = Field(max_length=32)
    status: str = Field(default=KeyStatus.ACTIVE, max_length=16)
    created_at: datetime = Field(sa_type=DateTime(timezone=True))
    expires_at: datetime | None = Field(default=None, sa_type=DateTime(timezone=True))
    consecutive_failures: int = 0
    locked_at: datetime | None = Field(default=None, sa_type=DateTime(timezone=True))
    # The TOTP secret, encrypted and bound to this row ("v1:…", foundation.secrets_at_rest).
    secret: str | None = Field(default=None, max_length=128)
    destination: str | None = Field(default=None, max_length=320)  # e-mail address or phone
    last_totp_step: int | None = None  # each 30-second step is accepted once


class Credential(SQLModel, table=True):
    """Username + password: a key of its own, and the first factor of the code keys."""

    __tablename__ = "credential"

    national_number: str = Field(primary_key=True, max_length=11)
    username: str = Field(max_length=64, unique=True, index=True)
    password_hash: str = Field(max_length=256)
    created_at: datetime = Field(sa_type=DateTime(timezone=True))
    # Two years after its last login (identity.password.expiry); None only for rows older than
    # that rule, which the next login sets.
    expires_at: datetime | None = Field(default=None, sa_type=DateTime(timezone=True))
    consecutive_failures: int = 0
    locked_at: datetime | None = Field(default=None, sa_type=DateTime(timezone=True))
    # The expiry the person was warned of by e-mail (once per date).
    expiry_notice_for: datetime | None = Field(default=None, sa_type=DateTime(timezone=True))


class LoginAttempt(SQLModel, table=True):
    """Username + password passed; the second factor of ``key_kind`` is still to come."""

    __tablename__ = "login_attempt"

    id: str = Field(primary_key=True, max_length=64)
    national_number: str = Field(max_length=11, index=True)
    key_kind: str = Field(max_length=32)
    created_at: datetime = Field(sa_type=DateTime(timezone=True))
    expires_at: datetime = Field(sa_type=DateTime(timezone=True))
    completed_at: datetime | None = Field(default=None, sa_type=DateTime(timezone=True))
