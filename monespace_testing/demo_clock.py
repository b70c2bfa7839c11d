"""The demo clock, moved through the trainers' page (``GET``/``POST /api/clock``): in a demo the
portal's time may run ahead of the real time, to show what happens after 30 days."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from monespace_testing._http import JsonService


class DemoClock:
    """The portal's time. The ``demo_clock`` fixture puts it back where it found it after the
    test; the clock only runs ahead of the real time, up to 10 years (``ServiceError`` 400
    beyond, or backwards)."""

    def __init__(self, url: str, *, option: str = "--monespace-trainers-url") -> None:
        self._service = JsonService(url, name="trainers' page (demo clock)", option=option)
        self.initial_offset = self.offset

    @property
    def url(self) -> str:
        """The trainers' page, whose buttons move the clock too."""
        return self._service.url

    @property
    def offset(self) -> timedelta:
        """How far ahead of the real time the portal runs."""
        return timedelta(seconds=int(self._state()["offset_seconds"]))

    def now(self) -> datetime:
        """The portal's time now (aware, UTC)."""
        return datetime.fromisoformat(str(self._state()["now"]))

    def advance(self, by: timedelta | None = None, *, days: float = 0, hours: float = 0) -> None:
        """Moves the portal's time forward: ``advance(days=31)``, ``advance(timedelta(...))``."""
        step = (by or timedelta(0)) + timedelta(days=days, hours=hours)
        self._move({"advance_seconds": int(step.total_seconds())})

    def set_offset(self, offset: timedelta) -> None:
        """The portal's time ``offset`` ahead of the real time."""
        self._move({"offset_seconds": int(offset.total_seconds())})

    def reset(self) -> None:
        """Back to the real time."""
        self._move({"reset": True})

    def restore(self) -> None:
        """Back to the offset found when this object was made."""
        if self.offset != self.initial_offset:
            self.set_offset(self.initial_offset)

    def _state(self) -> dict[str, Any]:
        state: dict[str, Any] = self._service.get("/api/clock")
        return state

    def _move(self, request: dict[str, Any]) -> None:
        self._service.post("/api/clock", request)
