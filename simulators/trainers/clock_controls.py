"""The demo clock as the trainers' page drives it: what the buttons do and the JSON API.

``GET /api/clock`` answers ``{"offset_seconds": 0, "now": "2026-…+00:00"}``; ``POST /api/clock``
takes one of ``{"advance_seconds": 86400}``, ``{"offset_seconds": 2678400}`` or
``{"reset": true}`` and answers the same as the GET after the move. The clock itself is
``foundation.demo_clock``.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from foundation.demo_clock import (
    DemoClockError,
    advance_demo_clock,
    demo_clock_offset,
    reset_demo_clock,
    set_demo_clock_offset,
)

# The page's buttons: form value -> (label, move). None means back to the real time.
CLOCK_BUTTONS: dict[str, tuple[str, timedelta | None]] = {
    "plus-un-jour": ("+1 jour", timedelta(days=1)),
    "plus-trente-jours": ("+30 jours", timedelta(days=30)),
    "maintenant": ("Revenir à maintenant", None),
}


def clock_state(data_dir: Path) -> dict[str, Any]:
    offset = demo_clock_offset(data_dir)
    return {
        "offset_seconds": int(offset.total_seconds()),
        "now": (datetime.now(UTC) + offset).isoformat(),
    }


def press_clock_button(data_dir: Path, button: str) -> timedelta:
    """The move of one of the page's buttons; returns the new offset."""
    if button not in CLOCK_BUTTONS:
        raise DemoClockError(f"unknown clock button {button!r}")
    move = CLOCK_BUTTONS[button][1]
    if move is None:
        reset_demo_clock(data_dir)
        return timedelta(0)
    return advance_demo_clock(data_dir, move)


def _whole_seconds(payload: Mapping[str, Any], name: str) -> int:
    value = payload[name]
    if isinstance(value, bool) or not isinstance(value, int):
        raise DemoClockError(f"{name} must be a whole number of seconds")
    return value


def apply_clock_request(data_dir: Path, payload: Mapping[str, Any]) -> dict[str, Any]:
    """One move asked through the API; DemoClockError for anything else."""
    asked = [name for name in ("advance_seconds", "offset_seconds", "reset") if name in payload]
    if len(asked) != 1:
        raise DemoClockError(
            'send exactly one of {"advance_seconds": n}, {"offset_seconds": n}, {"reset": true}'
        )
    if asked == ["reset"]:
        if payload["reset"] is not True:
            raise DemoClockError('"reset" must be true')
        reset_demo_clock(data_dir)
    elif asked == ["advance_seconds"]:
        advance_demo_clock(data_dir, timedelta(seconds=_whole_seconds(payload, "advance_seconds")))
    else:
        set_demo_clock_offset(
            data_dir, timedelta(seconds=_whole_seconds(payload, "offset_seconds"))
        )
    return clock_state(data_dir)
