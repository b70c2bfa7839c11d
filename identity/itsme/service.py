"""itsme login: the phone number (+32), a request approved on the phone, the identity it gives.

The page calls ``start`` and keeps the returned ``ItsmeRequest`` (server-side), then calls
``poll`` every second or two until it answers ``ItsmeApproved`` or raises. ``wait_for_decision``
is the blocking variant (for scripts and tests), with its clock and sleep injectable.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from identity.itsme.client import ItsmeClient, ItsmeStatus, RequestState
from identity.itsme.errors import ItsmeExpiredError, ItsmeRefusedError, ItsmeUnavailableError
from identity.sessions import LoginIdentity
from identity.sms_code.phone import normalise_mobile

# Never wait longer than this, whatever the provider says (itsme gives 120 s).
MAX_REQUEST_LIFETIME = timedelta(minutes=5)


@dataclass(frozen=True, slots=True)
class ItsmeRequest:
    id: str
    phone: str  # E.164
    expires_at: datetime


@dataclass(frozen=True, slots=True)
class ItsmePending:
    seconds_left: int


@dataclass(frozen=True, slots=True)
class ItsmeApproved:
    identity: LoginIdentity


ItsmeOutcome = ItsmePending | ItsmeApproved


def start(client: ItsmeClient, phone: str, *, now: datetime) -> ItsmeRequest:
    """Sends the request to the phone. Raises ``InvalidMobileNumberError`` (not a Belgian mobile),
    ``ItsmeUnknownNumberError`` or ``ItsmeUnavailableError``."""
    number = normalise_mobile(phone)
    created = client.create_request(number)
    lifetime = min(timedelta(seconds=created.expires_in), MAX_REQUEST_LIFETIME)
    return ItsmeRequest(id=created.id, phone=number, expires_at=now + lifetime)


def poll(client: ItsmeClient, request: ItsmeRequest, *, now: datetime) -> ItsmeOutcome:
    """Where the request stands: pending (seconds left) or approved (the identity).

    Raises ``ItsmeRefusedError``, ``ItsmeExpiredError`` (also when our own clock says the time is
    up) or ``ItsmeUnavailableError``.
    """
    state = client.request_state(request.id)
    identity = _decided(state, request.id)
    if identity is not None:
        return ItsmeApproved(identity)
    left = (request.expires_at - now).total_seconds()
    if left <= 0:
        raise ItsmeExpiredError(f"itsme request {request.id} timed out")
    return ItsmePending(math.ceil(left))


def wait_for_decision(
    client: ItsmeClient,
    request_id: str,
    *,
    timeout: float,
    clock: Callable[[], float],
    sleep: Callable[[float], None],
    interval: float = 1.0,
) -> LoginIdentity:
    """Polls until the phone answers; ``ItsmeExpiredError`` after ``timeout`` seconds of
    ``clock`` (a monotonic clock in seconds)."""
    deadline = clock() + timeout
    while True:
        identity = _decided(client.request_state(request_id), request_id)
        if identity is not None:
            return identity
        left = deadline - clock()
        if left <= 0:
            raise ItsmeExpiredError(f"no answer to itsme request {request_id} in {timeout} s")
        sleep(min(interval, left))


def _decided(state: RequestState, request_id: str) -> LoginIdentity | None:
    """The identity once approved, None while pending; the other outcomes raise."""
    if state.status is ItsmeStatus.APPROVED:
        if state.identity is None:
            raise ItsmeUnavailableError(f"itsme approved {request_id} without an identity")
        return state.identity
    if state.status is ItsmeStatus.REFUSED:
        raise ItsmeRefusedError(f"itsme request {request_id} refused")
    if state.status is ItsmeStatus.EXPIRED:
        raise ItsmeExpiredError(f"itsme request {request_id} expired")
    return None
