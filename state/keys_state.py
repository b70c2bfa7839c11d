"""Mes clés numériques: the person's keys with their status, and removing one."""

import dataclasses

import reflex as rx
from reflex_base.event import EventSpec

from foundation import routes
from foundation.clock import utc_now
from foundation.db import session_scope
from foundation.i18n.error_messages import error_text
from foundation.models.account import AccountStatus
from identity.keys.errors import DigitalKeyError
from identity.keys.records import remove_key
from identity.keys.status_views import key_status_views
from identity.registry import KeyGroup, default_registry
from identity.sessions import is_recent_strong_login
from state.i18n_state import I18nState
from state.session_state import SessionState

# Keys whose wizard lives in Mes clés numériques (the eID needs none; itsme is the app's own).
ACTIVATABLE = ("totp", "email_code", "sms_code", "password")
NOT_REMOVABLE = ("eid",)


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


class KeysState(SessionState):
    groups: list[KeyGroupRows] = []  # noqa: RUF012 - Reflex state vars are declared this way
    strong_login: bool = False
    email: str = ""
    message_key: str = ""
    error_text: str = ""
    confirm_remove: str = ""
    tab: str = "keys"  # keys, profile, authorisations, info

    def _refresh(self) -> EventSpec | None:
        with session_scope() as db:
            entered = self._enter(db, AccountStatus.ACTIVE)
            if isinstance(entered, EventSpec):
                return entered
            row, account = entered
            assert account is not None
            self.email = account.email
            self.strong_login = is_recent_strong_login(row, now=utc_now())
            views = {v.kind: v for v in key_status_views(db, row.national_number)}
        groups = []
        for group, keys in default_registry().grouped():
            if group is KeyGroup.EIDAS:
                continue
            rows = []
            for key in keys:
                view = views.get(key.kind)
                rows.append(
                    KeyRow(
                        kind=key.kind,
                        name_key=f"keys.name.{key.kind}",
                        status=view.status.value if view else "",
                        since=view.since.strftime("%d/%m/%Y") if view else "",
                        expires=view.expires.strftime("%d/%m/%Y") if view and view.expires else "",
                        activate_href=routes.key_activation(key.kind)
                        if key.kind in ACTIVATABLE
                        else "",
                        removable=view is not None and key.kind not in NOT_REMOVABLE,
                    )
                )
            groups.append(KeyGroupRows(f"keys.group.{group.value}", rows))
        self.groups = groups
        return None

    @rx.event
    def load(self) -> EventSpec | None:
        self.message_key = ""
        self.error_text = ""
        self.confirm_remove = ""
        self.tab = "keys"
        return self._refresh()

    @rx.event
    def show_tab(self, tab: str) -> None:
        self.tab = tab

    @rx.event
    def ask_remove(self, kind: str) -> None:
        self.confirm_remove = kind
        self.message_key = ""

    @rx.event
    async def remove(self) -> EventSpec | None:
        kind, self.confirm_remove = self.confirm_remove, ""
        try:
            with session_scope() as db:
                entered = self._enter(db, AccountStatus.ACTIVE)
                if isinstance(entered, EventSpec):
                    return entered
                row, _ = entered
                if not is_recent_strong_login(row, now=utc_now()):
                    self.message_key = "keys.strong_login_needed"
                    return None
                remove_key(db, national_number=row.national_number, kind=kind, now=utc_now())
        except DigitalKeyError as error:
            self.error_text = error_text((await self.get_state(I18nState)).lang, error)
            return None
        self.message_key = "keys.removed"
        return self._refresh()
