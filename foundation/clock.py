"""The portal's clock. Services take ``now`` as a parameter; this is where the app reads it."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from foundation.demo_clock import demo_clock_offset
from foundation.settings import get_settings

# Where the portal's people live: dates on pages and in e-mails, and the days roles run, are
# Belgian days.
BRUSSELS = ZoneInfo("Europe/Brussels")


def utc_now() -> datetime:
    """The real time; in demo mode, plus the demo clock's offset (foundation.demo_clock), which
    a portal outside demo mode never reads (and refuses to start with)."""
    now = datetime.now(UTC)
    settings = get_settings()
    if settings.demo_mode:
        return now + demo_clock_offset(settings.data_dir)
    return now


def aware(moment: datetime) -> datetime:
    """Instants are timezone-aware UTC; SQLite gives them back naive, so they are made aware
    again."""
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


def require_aware(moment: datetime, *, name: str = "now") -> datetime:
    """Naive datetimes are refused: they would silently be local time."""
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError(f"{name} must be timezone-aware")
    return moment
