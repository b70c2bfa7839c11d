"""Instants are timezone-aware UTC everywhere in eID authentication; the clock is a parameter."""

from __future__ import annotations

from datetime import UTC, datetime


def require_utc(moment: datetime, *, name: str = "now") -> datetime:
    """The same instant in UTC; naive datetimes are refused (they would be silently local)."""
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError(f"{name} must be timezone-aware (UTC)")
    return moment.astimezone(UTC)
