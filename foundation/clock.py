"""The portal's clock. Services take ``now`` as a parameter; this is where the app reads it."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

# Where the portal's people live: dates on pages and in e-mails, and the days roles run, are
# Belgian days.
BRUSSELS = ZoneInfo("Europe/Brussels")


def utc_now() -> datetime:
    return datetime.now(UTC)


def aware(moment: datetime) -> datetime:
    """Instants are timezone-aware UTC; SQLite gives them back naive, so they are made aware
    again."""
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


def require_aware(moment: datetime, *, name: str = "now") -> datetime:
    """Naive datetimes are refused: they would silently be local time."""
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError(f"{name} must be timezone-aware")
    return moment
