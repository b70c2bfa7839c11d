"""Mes sessions, in Mon profil: the person's live sessions and "Déconnecter".

Thin: the list and the endings come from ``portal.my_sessions``, which checks the visit (and its
level) and ends only the visitor's own sessions, whatever reference a forged event sends.
"""

import dataclasses

import reflex as rx
from reflex_base.event import EventSpec

from foundation import routes
from foundation.clock import BRUSSELS, utc_now
from foundation.i18n.error_messages import error_text
from portal import my_sessions
from portal.my_sessions import RecentLoginRequiredError, SessionNotFoundError, SessionView
from state.i18n_state import I18nState
from state.session_state import SessionMixin


@dataclasses.dataclass
class SessionRow:
    reference: str  # names the session to the service; not its id
    key_name_key: str  # keys.name.<kind>
    level_key: str  # sessions.level.<1-3>
    started: str
    last_seen: str
    browser: str  # "" when the User-Agent names none
    system: str
    current: bool


def session_row(view: SessionView) -> SessionRow:
    return SessionRow(
        reference=view.reference,
        key_name_key=f"keys.name.{view.key_kind}",
        level_key=f"sessions.level.{int(view.level)}",
        started=f"{view.started.astimezone(BRUSSELS):%d/%m/%Y %H:%M}",
        last_seen=f"{view.last_seen.astimezone(BRUSSELS):%d/%m/%Y %H:%M}",
        browser=view.browser.browser,
        system=view.browser.system,
        current=view.current,
    )


class MySessionsState(SessionMixin, rx.State):
    rows: list[SessionRow] = []  # noqa: RUF012 - Reflex state vars are declared this way
    message_key: str = ""
    error_text: str = ""
    relogin_url: str = ""  # "S'identifier à nouveau", when ending sessions needs a fresh login

    def _show(self, found: list[SessionView] | EventSpec) -> EventSpec | None:
        if isinstance(found, EventSpec):
            return found
        self.rows = [session_row(view) for view in found]
        return None

    def _rows_now(self) -> EventSpec | None:
        return self._show(
            self._as_visitor(lambda session_id: my_sessions.my_sessions(session_id, now=utc_now()))
        )

    def _clear_messages(self) -> None:
        self.message_key = self.error_text = self.relogin_url = ""

    async def _refused(self, error: Exception) -> EventSpec | None:
        self.error_text = error_text((await self.get_state(I18nState)).lang, error)
        if isinstance(error, RecentLoginRequiredError):
            # A fresh login in this browser replaces this session and comes back here.
            self.relogin_url = routes.login_then(self._here())
        return self._rows_now()  # what is left, as it is now

    @rx.event
    def load(self) -> EventSpec | None:
        self._clear_messages()
        return self._rows_now()

    @rx.event
    async def end(self, reference: str) -> EventSpec | None:
        """Déconnecter: one other session of the person."""
        self._clear_messages()
        try:
            left = self._as_visitor(
                lambda session_id: my_sessions.end_session(session_id, reference, now=utc_now())
            )
        except (SessionNotFoundError, RecentLoginRequiredError) as error:
            return await self._refused(error)
        if not isinstance(left, EventSpec):
            self.message_key = "sessions.ended"
        return self._show(left)

    @rx.event
    async def end_others(self) -> EventSpec | None:
        """Déconnecter toutes les autres sessions."""
        self._clear_messages()
        try:
            left = self._as_visitor(
                lambda session_id: my_sessions.end_other_sessions(session_id, now=utc_now())
            )
        except RecentLoginRequiredError as error:
            return await self._refused(error)
        if not isinstance(left, EventSpec):
            self.message_key = "sessions.others_ended"
        return self._show(left)
