"""What "Mes clés numériques" shows: each key of a person, its status, since when, until when."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from sqlmodel import Session, select

from foundation.contacts import find_account
from foundation.models.digital_keys import Credential, DigitalKeyRecord
from identity.keys.kinds import KeyKind
from identity.keys.moments import aware
from identity.registry import default_registry


class KeyViewStatus(StrEnum):
    ACTIVE = "ACTIVE"
    LOCKED = "LOCKED"


@dataclass(frozen=True, slots=True)
class KeyView:
    kind: str
    status: KeyViewStatus
    since: datetime
    expires: datetime | None


def key_status_views(db: Session, national_number: str) -> list[KeyView]:
    """The person's keys in the order of the key chooser (the eID first for an account holder)."""
    views: list[KeyView] = []
    account = find_account(db, national_number)
    if account is not None:
        views.append(KeyView(KeyKind.EID, KeyViewStatus.ACTIVE, aware(account.created_at), None))
    credential = db.get(Credential, national_number)
    if credential is not None:
        views.append(
            _view(
                KeyKind.PASSWORD, credential.locked_at, credential.created_at, credential.expires_at
            )
        )
    records = db.exec(
        select(DigitalKeyRecord).where(DigitalKeyRecord.national_number == national_number)
    ).all()
    views.extend(_view(r.kind, r.locked_at, r.created_at, r.expires_at) for r in records)
    rank = _chooser_rank()
    return sorted(views, key=lambda v: (rank.get(v.kind, len(rank)), v.kind))


def _view(
    kind: str, locked_at: datetime | None, created_at: datetime, expires_at: datetime | None
) -> KeyView:
    return KeyView(
        kind=kind,
        status=KeyViewStatus.LOCKED if locked_at is not None else KeyViewStatus.ACTIVE,
        since=aware(created_at),
        expires=aware(expires_at) if expires_at is not None else None,
    )


def _chooser_rank() -> dict[str, int]:
    kinds = [d.kind for _, group in default_registry().grouped() for d in group]
    return {kind: index for index, kind in enumerate(kinds)}
