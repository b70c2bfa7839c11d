"""Mes clés numériques: the person's keys with their status, and removing one.

Thin: the rows and the removal come from ``portal.keys.actions`` (the registry says what each key
offers; removal refuses without a recent strong login).
"""

import reflex as rx
from reflex_base.event import EventSpec

from foundation.clock import utc_now
from foundation.i18n.error_messages import error_text
from identity.keys.errors import (
    DigitalKeyError,
    KeysGoingWithChangedError,
    StrongLoginRequiredError,
)
from portal.keys import actions
from portal.keys.my_keys import KeyGroupRows
from state.i18n_state import I18nState
from state.session_state import SessionMixin


class KeysState(SessionMixin, rx.State):
    groups: list[KeyGroupRows] = []  # noqa: RUF012 - Reflex state vars are declared this way
    strong_login: bool = False
    email: str = ""
    full_name: str = ""
    message_key: str = ""
    error_text: str = ""
    confirm_remove: str = ""
    # The keys the confirmation names as going with the one removed (username + password takes
    # the code keys); handed back to the service, which refuses when they changed meanwhile.
    confirm_going_with: list[str] = []  # noqa: RUF012
    confirm_going_names: list[str] = []  # noqa: RUF012
    tab: str = "keys"  # keys, profile, authorisations, info

    def _refresh(self) -> EventSpec | None:
        page = self._as_visitor(lambda session_id: actions.show_my_keys(session_id, now=utc_now()))
        if isinstance(page, EventSpec):
            return page
        self.email, self.strong_login, self.groups = page.email, page.strong_login, page.groups
        self.full_name = page.full_name
        return None

    @rx.event
    def load(self) -> EventSpec | None:
        self.message_key = ""
        self.error_text = ""
        self.confirm_remove = ""
        self.confirm_going_with, self.confirm_going_names = [], []
        self.tab = "keys"
        return self._refresh()

    @rx.event
    def show_tab(self, tab: str) -> None:
        self.tab = tab

    @rx.event
    def ask_remove(self, kind: str) -> None:
        # The keys going with it, as the page lists them; the service checks them against the
        # person's keys, whatever this event says.
        row = next((r for g in self.groups for r in g.rows if r.kind == kind), None)
        self.confirm_remove = kind
        self.confirm_going_with = list(row.goes_with) if row is not None else []
        self.confirm_going_names = list(row.goes_with_names) if row is not None else []
        self.message_key = self.error_text = ""

    @rx.event
    async def remove(self) -> EventSpec | None:
        kind, going_with = self.confirm_remove, self.confirm_going_with
        self.confirm_remove, self.confirm_going_with, self.confirm_going_names = "", [], []
        try:
            refused = self._as_visitor(
                lambda session_id: actions.remove_key(
                    session_id, kind=kind, going_with=going_with, now=utc_now()
                )
            )
        except StrongLoginRequiredError:
            self.message_key = "keys.strong_login_needed"
            return None
        except KeysGoingWithChangedError as error:
            # Shown again as they are now: the person confirms what will really go.
            self.error_text = error_text((await self.get_state(I18nState)).lang, error)
            return self._refresh()
        except DigitalKeyError as error:
            self.error_text = error_text((await self.get_state(I18nState)).lang, error)
            return None
        if isinstance(refused, EventSpec):
            return refused
        self.message_key = "keys.removed_together" if going_with else "keys.removed"
        return self._refresh()
