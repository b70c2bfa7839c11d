"""Talking to an itsme-like identification provider: the ``ItsmeClient`` interface and its HTTP
implementation.

Contract: ``POST {base_url}/api/requests`` JSON ``{"phone": "+32470123456", "client": "<id>"}``
→ 201 ``{"id": "<uuid>", "expires_in": 120}`` (404 ``{"error": "unknown_phone"}`` for a number
without itsme); ``GET {base_url}/api/requests/<id>`` → ``{"status": "pending" | "approved" |
"refused" | "expired"}``, with ``"identity": {"national_number", "surname", "given_names",
"birth_date" (YYYY-MM-DD)}`` once approved (404 once the provider has forgotten the request).
"""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Any, Protocol
from urllib.parse import quote, urlsplit

from identity.itsme.errors import (
    ItsmeExpiredError,
    ItsmeUnavailableError,
    ItsmeUnknownNumberError,
)
from identity.sessions import LoginIdentity


class ItsmeStatus(StrEnum):
    PENDING = "pending"
    APPROVED = "approved"
    REFUSED = "refused"
    EXPIRED = "expired"


@dataclass(frozen=True, slots=True)
class CreatedRequest:
    id: str
    expires_in: int  # seconds


@dataclass(frozen=True, slots=True)
class RequestState:
    status: ItsmeStatus
    identity: LoginIdentity | None = None  # set when approved


class ItsmeClient(Protocol):
    def create_request(self, phone: str) -> CreatedRequest:
        """Sends an identification request to the phone (E.164)."""

    def request_state(self, request_id: str) -> RequestState:
        """Where the request stands on the phone."""


class HttpItsmeClient:
    def __init__(self, base_url: str, client_id: str, timeout: float = 10.0) -> None:
        if urlsplit(base_url).scheme not in ("http", "https"):
            raise ValueError(f"the itsme provider URL must be http(s): {base_url!r}")
        self._base = base_url.rstrip("/")
        self._client_id = client_id
        self._timeout = timeout

    def create_request(self, phone: str) -> CreatedRequest:
        status, answer = self._call(
            "POST", "/api/requests", {"phone": phone, "client": self._client_id}
        )
        if status == 404:
            raise ItsmeUnknownNumberError(f"itsme knows no phone {phone}")
        if status not in (200, 201):
            raise ItsmeUnavailableError(f"itsme answered HTTP {status} to a new request")
        try:
            request_id = answer["id"]
            expires_in = int(answer["expires_in"])
        except (KeyError, TypeError, ValueError) as error:
            raise ItsmeUnavailableError(f"unreadable itsme request: {answer!r}") from error
        if not isinstance(request_id, str) or not request_id or expires_in <= 0:
            raise ItsmeUnavailableError(f"unreadable itsme request: {answer!r}")
        return CreatedRequest(request_id, expires_in)

    def request_state(self, request_id: str) -> RequestState:
        status, answer = self._call("GET", f"/api/requests/{quote(request_id, safe='')}", None)
        if status == 404:
            raise ItsmeExpiredError(f"itsme forgot request {request_id}")
        if status != 200:
            raise ItsmeUnavailableError(f"itsme answered HTTP {status} about {request_id}")
        try:
            state = ItsmeStatus(answer["status"])
        except (KeyError, TypeError, ValueError) as error:
            raise ItsmeUnavailableError(f"unreadable itsme status: {answer!r}") from error
        if state is not ItsmeStatus.APPROVED:
            return RequestState(state)
        return RequestState(state, _identity(answer.get("identity")))

    def _call(self, method: str, path: str, body: dict[str, str] | None) -> tuple[int, Any]:
        request = urllib.request.Request(  # noqa: S310 - scheme checked in __init__
            self._base + path,
            data=None if body is None else json.dumps(body).encode(),
            method=method,
            headers={"Content-Type": "application/json", "Accept": "application/json"},
        )
        try:
            with urllib.request.urlopen(request, timeout=self._timeout) as response:  # noqa: S310
                status, raw = int(response.status), response.read()
        except urllib.error.HTTPError as error:
            status, raw = error.code, error.read()
        except (urllib.error.URLError, TimeoutError, OSError) as error:
            raise ItsmeUnavailableError(f"itsme unreachable: {error}") from error
        try:
            return status, json.loads(raw) if raw else {}
        except ValueError:
            if status >= 400:
                return status, {}
            raise ItsmeUnavailableError(f"itsme answered no JSON: {raw[:200]!r}") from None


def _identity(raw: object) -> LoginIdentity:
    fields = {}
    if isinstance(raw, dict):
        fields = {
            k: v.strip()
            for k in ("national_number", "surname", "given_names", "birth_date")
            if isinstance(v := raw.get(k), str) and v.strip()
        }
    if len(fields) != 4:
        raise ItsmeUnavailableError(f"incomplete itsme identity: {raw!r}")
    try:
        birth_date = date.fromisoformat(fields["birth_date"])
    except ValueError as error:
        raise ItsmeUnavailableError(f"unreadable itsme birth date: {raw!r}") from error
    if not valid_national_number(fields["national_number"]):
        raise ItsmeUnavailableError(f"itsme gave a wrong national number: {raw!r}")
    return LoginIdentity(
        national_number=fields["national_number"],
        surname=fields["surname"],
        first_names=fields["given_names"],
        birth_date=birth_date,
    )


def valid_national_number(number: str) -> bool:
    """11 digits whose last two are 97 - (first nine mod 97), "2"-prefixed from 2000 on."""
    if len(number) != 11 or not number.isascii() or not number.isdigit():
        return False
    first_nine, check = int(number[:9]), int(number[9:])
    return check in (97 - first_nine % 97, 97 - int("2" + number[:9]) % 97)
