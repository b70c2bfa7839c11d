"""Challenges of the eID login: 32 random bytes, valid 5 minutes, stored server-side, usable once.

``take`` is the only way to use a challenge: it marks it used and returns what the server stored,
so the value checked against the card's signature is the server's, never the token's. A challenge
may be bound to the browser that asked for it (``identity.browser_binding``); ``require_usable``
tells, before the card is asked for its PIN, whether this browser may go on with it.
"""

from __future__ import annotations

import base64
import secrets
import threading
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from typing import NoReturn, Protocol

from sqlalchemy import Table, delete, select, update
from sqlalchemy.engine import Engine

from foundation.models.eid_challenge import EidChallenge
from identity.browser_binding import OtherBrowserError, same_browser
from identity.eid.auth.clock import require_utc
from identity.eid.auth.errors import ChallengeExpiredError, ReplayedChallengeError

CHALLENGE_LIFETIME = timedelta(minutes=5)
NONCE_BYTES = 32

RandomBytes = Callable[[int], bytes]

_TABLE: Table = EidChallenge.__table__  # type: ignore[attr-defined]  # SQLModel leaves it untyped


@dataclass(frozen=True)
class Challenge:
    nonce: str
    created_at: datetime
    expires_at: datetime
    used_at: datetime | None = None
    # SHA-256 of the pre-login cookie of the browser that asked for it; None: any browser.
    browser_binding: str | None = None


class ChallengeStore(Protocol):
    def add(self, challenge: Challenge) -> None: ...

    def peek(self, nonce: str) -> Challenge | None:
        """The challenge as stored, without using it (None for an unknown nonce)."""
        ...

    def take(self, nonce: str, *, now: datetime) -> Challenge:
        """Marks the challenge used and returns it, atomically.

        Raises ``ChallengeExpiredError`` if the nonce is unknown or expired and
        ``ReplayedChallengeError`` if it was already taken."""
        ...

    def purge_expired(self, *, now: datetime) -> int:
        """Deletes the challenges that can no longer be taken; returns how many."""
        ...


def new_nonce(random_bytes: RandomBytes = secrets.token_bytes) -> str:
    raw = random_bytes(NONCE_BYTES)
    if len(raw) != NONCE_BYTES:
        raise ValueError(f"the random source gave {len(raw)} bytes, not {NONCE_BYTES}")
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode("ascii")


def issue_challenge(
    *,
    store: ChallengeStore,
    now: datetime,
    random_bytes: RandomBytes = secrets.token_bytes,
    lifetime: timedelta = CHALLENGE_LIFETIME,
    browser_binding: str | None = None,
) -> Challenge:
    """Creates a challenge, stores it and returns it (its nonce goes to the reader side)."""
    now = require_utc(now)
    challenge = Challenge(
        nonce=new_nonce(random_bytes),
        created_at=now,
        expires_at=now + lifetime,
        browser_binding=browser_binding,
    )
    store.add(challenge)
    return challenge


def require_usable(
    store: ChallengeStore, nonce: str, *, browser_binding: str, now: datetime
) -> None:
    """Refuses, without using it, a challenge that ``take`` would refuse, or one issued to another
    browser (``OtherBrowserError``): checked before the card is asked for its PIN, so a stale or
    foreign login costs no PIN try."""
    now = require_utc(now)
    stored = store.peek(nonce)
    if stored is None or stored.used_at is not None or stored.expires_at <= now:
        _refuse(
            nonce,
            expires_at=None if stored is None else stored.expires_at,
            used=stored is not None and stored.used_at is not None,
            now=now,
        )
    if not same_browser(stored.browser_binding, browser_binding):
        raise OtherBrowserError(f"challenge {nonce[:8]}… was issued to another browser")


def _refuse(nonce: str, *, expires_at: datetime | None, used: bool, now: datetime) -> NoReturn:
    if used:
        raise ReplayedChallengeError(f"challenge {nonce[:8]}… was already used")
    if expires_at is None:
        raise ChallengeExpiredError(f"challenge {nonce[:8]}… is unknown to this server")
    raise ChallengeExpiredError(
        f"challenge {nonce[:8]}… expired at {expires_at.isoformat()} (now {now.isoformat()})"
    )


class InMemoryChallengeStore:
    """For unit tests and single-process tools; a lock makes ``take`` atomic across threads."""

    def __init__(self) -> None:
        self._challenges: dict[str, Challenge] = {}
        self._lock = threading.Lock()

    def add(self, challenge: Challenge) -> None:
        with self._lock:
            if challenge.nonce in self._challenges:
                raise ValueError("a challenge with this nonce already exists")
            self._challenges[challenge.nonce] = challenge

    def peek(self, nonce: str) -> Challenge | None:
        with self._lock:
            return self._challenges.get(nonce)

    def take(self, nonce: str, *, now: datetime) -> Challenge:
        now = require_utc(now)
        with self._lock:
            stored = self._challenges.get(nonce)
            if stored is not None and stored.used_at is None and stored.expires_at > now:
                taken = replace(stored, used_at=now)
                self._challenges[nonce] = taken
                return taken
        _refuse(
            nonce,
            expires_at=None if stored is None else stored.expires_at,
            used=stored is not None and stored.used_at is not None,
            now=now,
        )

    def purge_expired(self, *, now: datetime) -> int:
        now = require_utc(now)
        with self._lock:
            gone = [n for n, c in self._challenges.items() if c.expires_at <= now]
            for nonce in gone:
                del self._challenges[nonce]
        return len(gone)


def _utc_from_db(value: datetime) -> datetime:
    # SQLite gives back naive datetimes; the store only ever writes UTC.
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


class SqlChallengeStore:
    """Challenges in the ``eid_challenge`` table; works on SQLite and PostgreSQL."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    def add(self, challenge: Challenge) -> None:
        row = EidChallenge(
            nonce=challenge.nonce,
            created_at=require_utc(challenge.created_at, name="created_at"),
            expires_at=require_utc(challenge.expires_at, name="expires_at"),
            browser_binding=challenge.browser_binding,
        )
        with self._engine.begin() as connection:
            connection.execute(_TABLE.insert().values(**row.model_dump()))

    def peek(self, nonce: str) -> Challenge | None:
        table = _TABLE
        with self._engine.connect() as connection:
            row = connection.execute(
                select(
                    table.c.created_at,
                    table.c.expires_at,
                    table.c.used_at,
                    table.c.browser_binding,
                ).where(table.c.nonce == nonce)
            ).one_or_none()
        if row is None:
            return None
        return Challenge(
            nonce=nonce,
            created_at=_utc_from_db(row.created_at),
            expires_at=_utc_from_db(row.expires_at),
            used_at=None if row.used_at is None else _utc_from_db(row.used_at),
            browser_binding=row.browser_binding,
        )

    def take(self, nonce: str, *, now: datetime) -> Challenge:
        now = require_utc(now)
        table = _TABLE
        with self._engine.begin() as connection:
            # One conditional UPDATE: of two concurrent takes, the database lets exactly one
            # change the row, so the rowcount tells the winner without a prior SELECT.
            result = connection.execute(
                update(table)
                .where(table.c.nonce == nonce, table.c.used_at.is_(None), table.c.expires_at > now)
                .values(used_at=now)
            )
            row = connection.execute(
                select(table.c.created_at, table.c.expires_at, table.c.used_at).where(
                    table.c.nonce == nonce
                )
            ).one_or_none()
        if result.rowcount == 1 and row is not None:
            return Challenge(
                nonce=nonce,
                created_at=_utc_from_db(row.created_at),
                expires_at=_utc_from_db(row.expires_at),
                used_at=now,
            )
        _refuse(
            nonce,
            expires_at=None if row is None else _utc_from_db(row.expires_at),
            used=row is not None and row.used_at is not None,
            now=now,
        )

    def purge_expired(self, *, now: datetime) -> int:
        now = require_utc(now)
        table = _TABLE
        with self._engine.begin() as connection:
            result = connection.execute(delete(table).where(table.c.expires_at <= now))
        return int(result.rowcount)
