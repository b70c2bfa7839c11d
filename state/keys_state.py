"""Mes clés numériques: the person's keys with their status, and removing one.

Thin: the rows come from ``portal.keys.my_keys`` (built from the key registry) and removal goes
through ``remove_own_key``, which refuses without a recent strong login.
"""

import reflex as rx
from reflex_base.event import EventSpec

from foundation.clock import utc_now
from foundation.db import session_scope
from foundation.i18n.error_messages import error_text
from foundation.models.account import AccountStatus
from identity.keys.errors import DigitalKeyError, StrongLoginRequiredError
from identity.keys.records import remove_own_key
from portal.keys.my_keys import KeyGroupRows, my_keys
from state.i18n_state import I18nState
from state.session_state import SessionState


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
            overview = my_keys(db, session=row, now=utc_now())
        self.email = account.email
        self.strong_login, self.groups = overview.strong_login, overview.groups
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
                remove_own_key(db, session=entered[0], kind=kind, now=utc_now())
        except StrongLoginRequiredError:
            self.message_key = "keys.strong_login_needed"
            return None
        except DigitalKeyError as error:
            self.error_text = error_text((await self.get_state(I18nState)).lang, error)
            return None
        self.message_key = "keys.removed"
        return self._refresh()
