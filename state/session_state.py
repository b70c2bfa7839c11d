"""Who is logged in, read on every event from the HttpOnly cookie and the sessions table.

Page states inherit from SessionState. The rule (a live session, an account in a state the page
serves, a key of the level the page needs) is ``portal.visits``'; a handler asks ``_visit`` for
the page's values, or hands its service call to ``_as_visitor``, and returns the redirect either
gives it on a refusal. A revoked or expired session thus sends the person back to the key chooser
on their very next action; a session below the page's level, to the step-up (the key chooser
showing the keys that reach the level), which brings them back to this very page.
"""

import json
from collections.abc import Callable
from typing import TypeVar

import reflex as rx
from reflex_base.event import EventSpec

from foundation import routes
from foundation.clock import utc_now
from foundation.models.account import AccountStatus
from foundation.settings import get_settings
from identity.session_cookies import cookie_names, cookie_value
from identity.sessions import SessionCookie
from portal import visits
from portal.levels import Gate, LevelTooLowError, step_up
from portal.visits import NotHereError, NotLoggedInError, Visit

T = TypeVar("T")


def load_page(url: str) -> EventSpec:
    """A full page load, not a client-side route change: the browser then carries (or drops) the
    HttpOnly cookie the server sets on the way."""
    return rx.call_script(f"window.location.assign({json.dumps(url)})")


class SessionState(rx.State):
    logged_in: bool = False
    user_name: str = ""

    def _session_id(self) -> str | None:
        settings = get_settings()
        # A malformed cookie header reads as no cookie: "not logged in".
        value = cookie_value(
            self.router.headers.cookie, cookie_names(settings.public_origin).session
        )
        if value is None:
            return None
        return SessionCookie(settings.resolved_secret_key()).decode(value)

    def _forget(self) -> None:
        self.logged_in = False
        self.user_name = ""

    def _greet(self, visit: Visit | None) -> None:
        if visit is None:
            self._forget()
            return
        self.logged_in = True
        self.user_name = visit.short_name

    @rx.event
    def check(self) -> None:
        """Refreshes who is logged in (the header's user menu) from the cookie and the database."""
        self._greet(visits.visitor(self._session_id(), now=utc_now()))

    @rx.event
    def logout(self) -> EventSpec:
        """Ends the session, wipes what the pages of this tab held, then clears the cookie."""
        visits.leave(self._session_id(), now=utc_now())
        for substate in self.substates.values():
            substate.reset()
        self._forget()
        return load_page(routes.LOGOUT)

    def _as_visitor(self, call: Callable[[str | None], T]) -> T | EventSpec:
        """Runs a service call with this browser's session id; the service checks the session
        and refuses with ``portal.visits``' errors, which become the redirect returned here."""
        try:
            return call(self._session_id())
        except NotLoggedInError:
            self.reset()  # nothing of an earlier session may stay on the page
            self._forget()
            return rx.redirect(routes.KEY_CHOOSER)
        except NotHereError as refusal:
            return rx.redirect(refusal.home)
        except LevelTooLowError as refusal:
            self.reset()  # what the page showed is for a higher level
            return load_page(step_up(self._here(), refusal.required))

    def _here(self) -> str:
        """This page's path and query: where the step-up's login comes back to."""
        url = self.router.url
        return url.path + (f"?{url.query}" if url.query else "")

    def _visit(self, *accepted: AccountStatus | None, needs: Gate) -> Visit | EventSpec:
        """The visit (session and account values), or the redirect to where the person belongs;
        ``needs`` is the page's row of ``portal.levels``."""
        entered = self._as_visitor(
            lambda session_id: visits.visit(
                session_id, now=utc_now(), accepted=accepted, needs=needs
            )
        )
        if isinstance(entered, Visit):
            self._greet(entered)
        return entered
