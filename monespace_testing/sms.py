"""The demo's SMS gateway inbox (``/api/messages``), as a tester reads a phone's SMS."""

from __future__ import annotations

import urllib.parse
from dataclasses import dataclass
from typing import Any

from monespace_testing._http import JsonService
from monespace_testing._waiting import poll
from monespace_testing.codes import SIX_DIGITS, code_in


@dataclass(frozen=True, slots=True)
class Sms:
    id: str
    to: str  # E.164, e.g. +32470123456
    text: str
    received_at: str

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Sms:
        return cls(
            id=str(data["id"]),
            to=str(data["to"]),
            text=str(data["text"]),
            received_at=str(data["received_at"]),
        )

    def code(self, pattern: str = SIX_DIGITS) -> str:
        """The one-time code in the SMS (six digits unless ``pattern`` says otherwise)."""
        return code_in(self.text, pattern)


class SmsInbox:
    """Every SMS the portal sent through the gateway. Numbers may be written any way
    (``0470 12 34 56``, ``+32470123456``): the gateway reads them all as E.164. ``wait_for``
    sees only the SMS that arrived after this object was made (one per test)."""

    def __init__(self, url: str, *, option: str = "--monespace-sms-url") -> None:
        self._service = JsonService(url, name="SMS gateway", option=option)
        self._before = {sms.id for sms in self.messages()}

    @property
    def url(self) -> str:
        """The inbox page, for a browser."""
        return self._service.url

    def page_url(self, number: str) -> str:
        """One number's inbox page."""
        return f"{self.url}/?to={urllib.parse.quote(number, safe='')}"

    def messages(self, to: str | None = None) -> list[Sms]:
        """Every SMS (to ``to`` only, when given), newest first, old ones included."""
        query = f"?to={urllib.parse.quote(to, safe='')}" if to else ""
        return [Sms.from_json(m) for m in self._service.get(f"/api/messages{query}")]

    def new_messages(self, to: str | None = None) -> list[Sms]:
        """The SMS that arrived since this object was made, newest first."""
        return [sms for sms in self.messages(to) if sms.id not in self._before]

    def wait_for(self, to: str, *, timeout: float = 20.0, count: int = 1) -> Sms:
        """The newest new SMS to ``to``, once at least ``count`` arrived; AssertionError after
        ``timeout`` seconds."""

        def enough() -> list[Sms] | None:
            messages = self.new_messages(to)
            return messages if len(messages) >= count else None

        found = poll(enough, timeout=timeout)
        if not found:
            raise AssertionError(f"no new SMS to {to} within {timeout:.0f} s")
        return found[0]

    def clear(self) -> None:
        """Deletes every SMS of the gateway."""
        self._service.delete("/api/messages")
        self._before = set()
