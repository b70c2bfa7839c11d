"""Mes clés numériques: the person's keys with their status, and removing one.

Thin: the rows and the removal come from ``portal.keys.actions`` (the registry says what each key
offers; removal refuses without a recent strong login).
"""

import reflex as rx
from reflex_base.event import EventSpec

from foundation.clock import utc_now
from foundation.i18n.error_messages import error_text
from identity.keys.errors import DigitalKeyError, StrongLoginRequiredError
from portal.keys import actions
from portal.keys.my_keys import KeyGroupRows
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
        page = self._as_visitor(lambda session_id: actions.show_my_keys(session_id, now=utc_now()))
        if isinstance(page, EventSpec):
            return page
        self.email, self.strong_login, self.groups = page.email, page.strong_login, page.groups
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
            refused = self._as_visitor(
                lambda session_id: actions.remove_key(session_id, kind=kind, now=utc_now())
            )
        except StrongLoginRequiredError:
            self.message_key = "keys.strong_login_needed"
            return None
        except DigitalKeyError as error:
            self.error_text = error_text((await self.get_state(I18nState)).lang, error)
            return None
        if isinstance(refused, EventSpec):
            return refused
        self.message_key = "keys.removed"
        return self._refresh()
