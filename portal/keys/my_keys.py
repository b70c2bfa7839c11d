"""What "Mes clés numériques" lists: every key of the registry by group, with the person's status,
dates and the actions the key allows (activate from here, remove).

A row never says ACTIVE for a key that cannot log in: a key past its expiry is EXPIRED, and a code
key, whose login starts with username + password, shows what stops that first step (no username
+ password: NO_PASSWORD; theirs locked or expired: the same) with a note saying why. The row of
username + password names the code keys its removal takes with it."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from datetime import datetime

from sqlmodel import Session

from foundation import routes
from foundation.models.session import UserSession
from identity.key_protocol import KeyView
from identity.keys.records import is_password, needs_password
from identity.keys.status_views import key_status_views
from identity.registry import KeyGroup, KeyRegistry, or_default
from identity.sessions import is_recent_strong_login

# A European login is a way in from abroad, not a key one holds in Mon Espace.
NOT_LISTED = (KeyGroup.EIDAS,)
ACTIVE, EXPIRED, NO_PASSWORD = "ACTIVE", "EXPIRED", "NO_PASSWORD"
# Why a code key the person holds cannot log in, by the status of their username + password.
PASSWORD_NOTES = {
    "": "keys.note.no_password",
    "LOCKED": "keys.note.password_locked",
    EXPIRED: "keys.note.password_expired",
}


@dataclasses.dataclass
class KeyRow:
    kind: str
    name_key: str
    status: str  # ACTIVE, LOCKED, EXPIRED, NO_PASSWORD or "" (not activated)
    since: str
    expires: str
    activate_href: str
    removable: bool
    note_key: str = ""  # why a key held cannot log in, when its own status does not say it
    # The person's keys whose removal goes with this one's (kinds, and their names' catalogue keys).
    goes_with: list[str] = dataclasses.field(default_factory=list)
    goes_with_names: list[str] = dataclasses.field(default_factory=list)


@dataclasses.dataclass
class KeyGroupRows:
    title_key: str
    rows: list[KeyRow]


@dataclasses.dataclass(frozen=True)
class MyKeys:
    strong_login: bool  # adding or removing a key is allowed now
    groups: list[KeyGroupRows]


def own_status(view: KeyView | None, now: datetime) -> str:
    """The key's status as shown: "" when not held, EXPIRED once its expiry has come."""
    if view is None:
        return ""
    if view.expires is not None and now >= view.expires:
        return EXPIRED
    return view.status.value


def key_groups(
    registry: KeyRegistry, views: Iterable[KeyView], *, now: datetime
) -> list[KeyGroupRows]:
    """One group of rows per group of the key chooser, each key of the registry a row."""
    by_kind = {view.kind: view for view in views}
    password_status = next(
        (
            own_status(by_kind.get(k.descriptor.kind), now)
            for k in registry.ordered()
            if is_password(k)
        ),
        "",
    )
    code_keys_held = [
        k.descriptor.kind
        for k in registry.ordered()
        if needs_password(k) and k.descriptor.kind in by_kind
    ]
    groups = []
    for group, descriptors in registry.grouped():
        if group in NOT_LISTED:
            continue
        rows = []
        for descriptor in descriptors:
            key, view = registry.get(descriptor.kind), by_kind.get(descriptor.kind)
            status, note_key = own_status(view, now), ""
            if needs_password(key) and status == ACTIVE and password_status != ACTIVE:
                status = password_status or NO_PASSWORD
                note_key = PASSWORD_NOTES[password_status]
            goes_with = code_keys_held if view is not None and is_password(key) else []
            rows.append(
                KeyRow(
                    kind=descriptor.kind,
                    name_key=f"keys.name.{descriptor.kind}",
                    status=status,
                    since=view.since.strftime("%d/%m/%Y") if view else "",
                    expires=view.expires.strftime("%d/%m/%Y") if view and view.expires else "",
                    activate_href=routes.key_activation(descriptor.kind) if key.wizard else "",
                    removable=view is not None and key.removable,
                    note_key=note_key,
                    goes_with=list(goes_with),
                    goes_with_names=[f"keys.name.{kind}" for kind in goes_with],
                )
            )
        groups.append(KeyGroupRows(f"keys.group.{group.value}", rows))
    return groups


def my_keys(
    db: Session, *, session: UserSession, now: datetime, registry: KeyRegistry | None = None
) -> MyKeys:
    registry = or_default(registry)
    views = key_status_views(db, session.national_number, registry)
    return MyKeys(is_recent_strong_login(session, now=now), key_groups(registry, views, now=now))
