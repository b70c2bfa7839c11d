"""HOTP (RFC 4226) and TOTP (RFC 6238) codes: pure functions of key, counter and time."""

from __future__ import annotations

import hashlib
import hmac
import struct
from datetime import UTC, datetime

STEP_SECONDS = 30
DIGITS = 6
DIGEST = "sha1"  # what authenticator apps and oathtool use unless told otherwise
EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


def hotp(key: bytes, counter: int, *, digits: int = DIGITS, digest: str = DIGEST) -> str:
    """RFC 4226 section 5.3: HMAC of the 8-byte counter, dynamic truncation, last ``digits``."""
    if counter < 0:
        raise ValueError("the counter must not be negative")
    if not 6 <= digits <= 10:
        raise ValueError("codes have 6 to 10 digits")
    mac = hmac.new(key, struct.pack(">Q", counter), getattr(hashlib, digest)).digest()
    offset = mac[-1] & 0x0F
    binary = int.from_bytes(mac[offset : offset + 4], "big") & 0x7FFFFFFF
    return str(binary % 10**digits).zfill(digits)


def time_step(moment: datetime, *, step_seconds: int = STEP_SECONDS) -> int:
    """RFC 6238 section 4.2: T = floor((unix time - T0) / X), with T0 = 0."""
    if moment.tzinfo is None:
        raise ValueError("the time must be timezone-aware")
    elapsed = moment - EPOCH
    return (elapsed.days * 86400 + elapsed.seconds) // step_seconds


def totp(
    key: bytes,
    moment: datetime,
    *,
    step_seconds: int = STEP_SECONDS,
    digits: int = DIGITS,
    digest: str = DIGEST,
) -> str:
    return hotp(key, time_step(moment, step_seconds=step_seconds), digits=digits, digest=digest)
