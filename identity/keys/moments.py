"""Instants are timezone-aware UTC; SQLite gives them back naive, so they are made aware again."""

from __future__ import annotations

from datetime import UTC, datetime


def aware(moment: datetime) -> datetime:
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


def require_aware(moment: datetime, *, name: str = "now") -> datetime:
    """Naive datetimes are refused: they would silently be local time."""
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError(f"{name} must be timezone-aware")
    return moment
