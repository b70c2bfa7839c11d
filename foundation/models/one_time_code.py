"""One-time codes sent by e-mail or SMS: hashed, bound to one login attempt or one enrolment."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime
from sqlmodel import Field, SQLModel


class OneTimeCode(SQLModel, table=True):
    """A 6-digit code sent once; only the newest code of its scope can be used.

    The scope is (purpose, national_number, attempt_id): ``attempt_id`` names the
    ``login_attempt`` a login code was sent for, and is NULL for an enrolment code.
    """

    __tablename__ = "one_time_code"

    id: int | None = Field(default=None, primary_key=True)
    purpose: str = Field(max_length=32)  # e.g. "email_code.login", "sms_code.enrol"
    national_number: str = Field(max_length=11, index=True)
    attempt_id: str | None = Field(default=None, max_length=64, index=True)
    channel: str = Field(max_length=16)  # "email" or "sms"
    destination: str = Field(max_length=320)  # the address or number the code went to
    salt: str = Field(max_length=32)  # hex, one per code
    code_hash: str = Field(max_length=64)  # keyed: identity.one_time_code.hashing
    created_at: datetime = Field(sa_type=DateTime(timezone=True))
    expires_at: datetime = Field(sa_type=DateTime(timezone=True))
    failed_checks: int = 0
    # Set once, by the conditional UPDATE that accepts the code.
    used_at: datetime | None = Field(default=None, sa_type=DateTime(timezone=True))
    # Replaced by a newer code, or spent by too many wrong entries.
    voided_at: datetime | None = Field(default=None, sa_type=DateTime(timezone=True))
