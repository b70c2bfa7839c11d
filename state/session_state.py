"""Who is logged in, read on every event from the HttpOnly cookie and the sessions table.

Page states inherit from SessionState; their handlers call ``_enter`` first, so a revoked or
expired session sends the person back to the key chooser on their very next action.
"""

import json
from http.cookies import CookieError, SimpleCookie

import reflex as rx
from reflex_base.event import EventSpec
from sqlmodel import Session

from foundation import routes
from foundation.clock import utc_now
from foundation.db import session_scope
from foundation.models.account import Account, AccountStatus
from foundation.models.session import UserSession
from foundation.settings import get_settings
from identity.sessions import COOKIE_NAME, SessionCookie, current_session, revoke
from portal.accounts.routing import home_for, status_of
from portal.accounts.service import find_account


class SessionState(rx.State):
    logged_in: bool = False
    user_name: str = ""

    def _session_id(self) -> str | None:
        jar: SimpleCookie = SimpleCookie()
        try:
            jar.load(self.router.headers.cookie or "")
        except CookieError:  # a malformed cookie header means "not logged in"
            return None
        morsel = jar.get(COOKIE_NAME)
        if morsel is None:
            return None
        return SessionCookie(get_settings().resolved_secret_key()).decode(morsel.value)

    def _forget(self) -> None:
        self.logged_in = False
        self.user_name = ""

    @rx.event
    def check(self) -> None:
        """Refreshes who is logged in (the header's user menu) from the cookie and the database."""
        with session_scope() as db:
            self._live_session(db)

    @rx.event
    def logout(self) -> EventSpec:
        """Ends the session, wipes what the pages of this tab held, then clears the cookie."""
        session_id = self._session_id()
        if session_id is not None:
            with session_scope() as db:
                revoke(db, session_id, now=utc_now())
        for substate in self.substates.values():
            substate.reset()
        self._forget()
        return rx.call_script(f"window.location.assign({json.dumps(routes.LOGOUT)})")

    def _live_session(self, db: Session) -> UserSession | None:
        session_id = self._session_id()
        row = current_session(db, session_id, now=utc_now()) if session_id else None
        if row is None:
            self._forget()
            return None
        self.logged_in = True
        self.user_name = f"{row.first_names.split(' ')[0]} {row.surname}"
        return row

    def _enter(
        self, db: Session, *accepted: AccountStatus | None
    ) -> tuple[UserSession, Account | None] | EventSpec:
        """The session and account, or the redirect to where this person belongs now."""
        row = self._live_session(db)
        if row is None:
            self.reset()  # nothing of an earlier session may stay on the page
            self._forget()
            return rx.redirect(routes.KEY_CHOOSER)
        account = find_account(db, row.national_number)
        if status_of(account) not in accepted:
            return rx.redirect(home_for(account))
        return row, account
