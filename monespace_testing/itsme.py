"""The itsme simulator's phones: confirm or refuse the identification the portal asked for."""

from __future__ import annotations

import urllib.parse
from dataclasses import dataclass
from typing import Any

from monespace_testing._http import JsonService
from monespace_testing._waiting import poll


@dataclass(frozen=True, slots=True)
class ItsmeRequest:
    id: str
    phone: str  # E.164
    client: str
    status: str  # pending, approved, refused, expired
    created_at: str

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> ItsmeRequest:
        return cls(
            id=str(data["id"]),
            phone=str(data["phone"]),
            client=str(data["client"]),
            status=str(data["status"]),
            created_at=str(data["created_at"]),
        )


class ItsmePhone:
    """The demo's itsme phones (``+32 470 12 34 56`` Marouan, ``+32 471 00 00 01`` Naïma,
    ``+32 472 00 00 02`` Chloé; ``phones()`` lists them). ``approve`` and ``refuse`` answer the
    first request pushed to the number since this object was made (one per test), as the
    person would on their phone."""

    def __init__(self, url: str, *, option: str = "--monespace-itsme-url") -> None:
        self._service = JsonService(url, name="itsme simulator", option=option)
        self._before = {request.id for request in self.requests()}

    @property
    def url(self) -> str:
        """The itsme provider (its issuer URL) and the phones' index page."""
        return self._service.url

    def phone_url(self, number: str) -> str:
        """The page of the phone ``number`` (any notation), with Confirmer and Refuser."""
        return f"{self.url}/phone?number={urllib.parse.quote(number, safe='')}"

    def phones(self) -> list[dict[str, str]]:
        """``[{"number", "persona", "name", "page"}]``: the phones itsme knows."""
        phones: list[dict[str, str]] = self._service.get("/api/phones")
        return phones

    def requests(self, phone: str | None = None) -> list[ItsmeRequest]:
        """Every identification request (to ``phone`` only, when given), newest first."""
        query = f"?phone={urllib.parse.quote(phone, safe='')}" if phone else ""
        return [ItsmeRequest.from_json(r) for r in self._service.get(f"/api/requests{query}")]

    def wait_for_request(self, phone: str, *, timeout: float = 20.0) -> ItsmeRequest:
        """The oldest pending request pushed to ``phone`` since this object was made."""

        def pending() -> ItsmeRequest | None:
            waiting = [
                request
                for request in self.requests(phone)
                if request.status == "pending" and request.id not in self._before
            ]
            return waiting[-1] if waiting else None

        found = poll(pending, timeout=timeout)
        if found is None:
            raise AssertionError(f"no itsme request reached {phone} within {timeout:.0f} s")
        return found

    def approve(self, phone: str, *, timeout: float = 20.0) -> ItsmeRequest:
        """Confirms the request on ``phone`` (waits for it to arrive)."""
        return self._answer(phone, "approve", timeout)

    def refuse(self, phone: str, *, timeout: float = 20.0) -> ItsmeRequest:
        """Refuses the request on ``phone`` (waits for it to arrive)."""
        return self._answer(phone, "refuse", timeout)

    def _answer(self, phone: str, answer: str, timeout: float) -> ItsmeRequest:
        request = self.wait_for_request(phone, timeout=timeout)
        answered = ItsmeRequest.from_json(
            self._service.post(f"/api/requests/{request.id}/{answer}")
        )
        self._before.add(answered.id)
        return answered
