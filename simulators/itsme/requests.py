"""Identification requests waiting on a phone: pending until confirmed, refused or expired."""

from __future__ import annotations

import threading
import uuid
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from enum import StrEnum

from simulators.itsme.directory import ItsmePhone
from simulators.loopback_web import Clock, utc_now

REQUEST_LIFETIME = timedelta(seconds=120)
# Answered and expired requests are forgotten after this long (the portal polls well before).
KEEP_FOR = timedelta(hours=1)


class RequestStatus(StrEnum):
    PENDING = "pending"
    APPROVED = "approved"
    REFUSED = "refused"
    EXPIRED = "expired"


class UnknownPhoneError(LookupError):
    pass


class UnknownRequestError(LookupError):
    pass


class NotPendingError(Exception):
    def __init__(self, status: RequestStatus) -> None:
        super().__init__(f"the request is {status}, not pending")
        self.status = status


@dataclass(frozen=True, slots=True)
class IdentificationRequest:
    id: str
    phone: ItsmePhone
    client: str
    created_at: datetime
    expires_at: datetime
    status: RequestStatus

    def seconds_left(self, now: datetime) -> int:
        return max(0, int((self.expires_at - now).total_seconds()))


class RequestBook:
    def __init__(
        self,
        phones: dict[str, ItsmePhone],
        *,
        clock: Clock = utc_now,
        lifetime: timedelta = REQUEST_LIFETIME,
    ) -> None:
        self.phones = phones
        self.lifetime = lifetime
        self._clock = clock
        self._lock = threading.Lock()
        self._requests: dict[str, IdentificationRequest] = {}

    def now(self) -> datetime:
        return self._clock()

    def create(self, number: str, client: str) -> IdentificationRequest:
        """A new pending request to the phone ``number`` (E.164)."""
        phone = self.phones.get(number)
        if phone is None:
            raise UnknownPhoneError(number)
        now = self._clock()
        request = IdentificationRequest(
            id=str(uuid.uuid4()),
            phone=phone,
            client=client,
            created_at=now,
            expires_at=now + self.lifetime,
            status=RequestStatus.PENDING,
        )
        with self._lock:
            self._forget_old(now)
            self._requests[request.id] = request
        return request

    def get(self, request_id: str) -> IdentificationRequest:
        with self._lock:
            return self._current(request_id, self._clock())

    def approve(self, request_id: str) -> IdentificationRequest:
        return self._answer(request_id, RequestStatus.APPROVED)

    def refuse(self, request_id: str) -> IdentificationRequest:
        return self._answer(request_id, RequestStatus.REFUSED)

    def for_phone(self, number: str) -> list[IdentificationRequest]:
        """The phone's requests, newest first, with their status as of now."""
        now = self._clock()
        with self._lock:
            ids = [r.id for r in self._requests.values() if r.phone.number == number]
            requests = [self._current(i, now) for i in ids]
        return sorted(requests, key=lambda r: r.created_at, reverse=True)

    def clear(self) -> None:
        with self._lock:
            self._requests.clear()

    def _answer(self, request_id: str, status: RequestStatus) -> IdentificationRequest:
        with self._lock:
            request = self._current(request_id, self._clock())
            if request.status is not RequestStatus.PENDING:
                raise NotPendingError(request.status)
            answered = replace(request, status=status)
            self._requests[request_id] = answered
            return answered

    def _current(self, request_id: str, now: datetime) -> IdentificationRequest:
        """The request with an overdue pending status turned to expired (caller holds the lock)."""
        request = self._requests.get(request_id)
        if request is None:
            raise UnknownRequestError(request_id)
        if request.status is RequestStatus.PENDING and now >= request.expires_at:
            request = replace(request, status=RequestStatus.EXPIRED)
            self._requests[request_id] = request
        return request

    def _forget_old(self, now: datetime) -> None:
        for request_id, request in list(self._requests.items()):
            if now - request.expires_at > KEEP_FOR:
                del self._requests[request_id]
