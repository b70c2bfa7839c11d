"""The portal's clock. Services take ``now`` as a parameter; this is where the app reads it."""

from __future__ import annotations

from datetime import UTC, datetime


def utc_now() -> datetime:
    return datetime.now(UTC)
