"""What "Mes clés numériques" lists: every key of the registry by group, with the person's status,
dates and the actions the key allows (activate from here, remove)."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from datetime import datetime

from sqlmodel import Session

from foundation import routes
from foundation.models.session import UserSession
from identity.key_protocol import KeyView
from identity.keys.status_views import key_status_views
from identity.registry import KeyGroup, KeyRegistry, or_default
from identity.sessions import is_recent_strong_login

# A European login is a way in from abroad, not a key one holds in Mon Espace.
NOT_LISTED = (KeyGroup.EIDAS,)


@dataclasses.dataclass
class KeyRow:
    kind: str
    name_key: str
    status: str  # ACTIVE, LOCKED or "" (not activated)
    since: str
    expires: str
    activate_href: str
    removable: bool


@dataclasses.dataclass
class KeyGroupRows:
    title_key: str
    rows: list[KeyRow]


@dataclasses.dataclass(frozen=True)
class MyKeys:
    strong_login: bool  # adding or removing a key is allowed now
    groups: list[KeyGroupRows]


def key_groups(registry: KeyRegistry, views: Iterable[KeyView]) -> list[KeyGroupRows]:
    """One group of rows per group of the key chooser, each key of the registry a row."""
    by_kind = {view.kind: view for view in views}
    groups = []
    for group, descriptors in registry.grouped():
        if group in NOT_LISTED:
            continue
        rows = []
        for descriptor in descriptors:
            key, view = registry.get(descriptor.kind), by_kind.get(descriptor.kind)
            rows.append(
                KeyRow(
                    kind=descriptor.kind,
                    name_key=f"keys.name.{descriptor.kind}",
                    status=view.status.value if view else "",
                    since=view.since.strftime("%d/%m/%Y") if view else "",
                    expires=view.expires.strftime("%d/%m/%Y") if view and view.expires else "",
                    activate_href=routes.key_activation(descriptor.kind) if key.wizard else "",
                    removable=view is not None and key.removable,
                )
            )
        groups.append(KeyGroupRows(f"keys.group.{group.value}", rows))
    return groups


def my_keys(
    db: Session, *, session: UserSession, now: datetime, registry: KeyRegistry | None = None
) -> MyKeys:
    registry = or_default(registry)
    views = key_status_views(db, session.national_number, registry)
    return MyKeys(is_recent_strong_login(session, now=now), key_groups(registry, views))
