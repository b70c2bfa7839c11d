"""Who is logged in, read on every event from the HttpOnly cookie and the sessions table.

Page states take ``SessionMixin``'s helpers; ``SessionState`` holds only what the header shows.
They are not its substates: Reflex loads a state with every substate it has, so each header
refresh (``check``, on every page) then unpickled the page states of the whole tab, and the
hydrate wrote each back to the state manager (Redis, with several backends).

The rule (a live session, an account in a state the page serves, a key of the level the page
needs) is ``portal.visits``'; a handler asks ``_visit`` for the page's values, or hands its
service call to ``_as_visitor``, and returns the redirect either gives it on a refusal. A revoked
or expired session thus sends the person back to the key chooser on their very next action; a
session below the page's level, to the step-up (the key chooser showing the keys that reach the
level), which brings them back to this very page.
"""

import json
from collections.abc import Callable
from typing import TypeVar

import reflex as rx
from reflex_base.event import EventSpec

from foundation import routes
from foundation.clock import utc_now
from foundation.models.account import AccountStatus
from portal import visits
from portal.levels import Gate, LevelTooLowError, step_up
from portal.page_shown import page_shown
from portal.visits import NotHereError, NotLoggedInError, Visit
from state.browser import session_id_in
from state.i18n_state import I18nState, document_language
from state.kept_when_used import KeptWhenUsed

T = TypeVar("T")


def load_page(url: str) -> EventSpec:
    """A full page load, not a client-side route change: the browser then carries (or drops) the
    HttpOnly cookie the server sets on the way."""
    return rx.call_script(f"window.location.assign({json.dumps(url)})")


class SessionMixin(KeptWhenUsed, mixin=True):
    """The helpers of every page that needs to know who is there; no vars of its own."""

    def _session_id(self) -> str | None:
        return session_id_in(self.router.headers.cookie)

    def _as_visitor(self, call: Callable[[str | None], T]) -> T | EventSpec:
        """Runs a service call with this browser's session id; the service checks the session
        and refuses with ``portal.visits``' errors, which become the redirect returned here."""
        try:
            return call(self._session_id())
        except NotLoggedInError:
            self.reset()  # nothing of an earlier session may stay on the page
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
        return self._as_visitor(
            lambda session_id: visits.visit(
                session_id, now=utc_now(), accepted=accepted, needs=needs
            )
        )


class SessionState(SessionMixin, rx.State):
    """Who the header greets, refreshed by ``page_shown`` when each page is shown (a route change
    mounts the page again, so a login, a logout or a new name shows on the next page)."""

    logged_in: bool = False
    user_name: str = ""

    @rx.event
    async def page_shown(self) -> EventSpec:
        """Every page, once shown (its one mount event): who is logged in, for the header's user
        menu, and the page's language on <html> for screen readers, the account following a
        language chosen in this browser or giving its own to a browser that never chose one."""
        i18n = await self.get_state(I18nState)
        shown = page_shown(
            self._session_id(),
            language=i18n.page_language(),
            chosen_here=i18n.chosen_here(),
            now=utc_now(),
        )
        self.logged_in = shown.visitor is not None
        self.user_name = shown.visitor.short_name if shown.visitor is not None else ""
        if shown.language != i18n.lang:
            i18n.lang = shown.language
        return document_language(shown.language)

    @rx.event
    async def logout(self) -> EventSpec:
        """Ends the session, wipes what the pages of this tab held, then clears the cookie. The
        page states are not substates of this one: each is read (a state never used comes
        fresh, and stays unwritten) and reset."""
        visits.leave(self._session_id(), now=utc_now())
        await self._read_whole_tree()
        for page in page_state_classes():
            (await self.get_state(page)).reset()
        self.reset()
        return load_page(routes.LOGOUT)

    async def _read_whole_tree(self) -> None:
        """With Redis, every state of the tab in one read: ``get_state`` of each page state
        read them one at a time, 28 round trips on each logout. Reflex's own read of a
        state with its substates, asked for the root; a tree already whole (the memory
        manager's) needs none."""
        root = self._get_root_state()
        if any(page.get_name() not in root.substates for page in page_state_classes()):
            await self._get_state_from_redis(rx.State)


def page_state_classes() -> list[type[rx.State]]:
    """The page states of the app's tree: those that take the session helpers (their own
    substates are reset with them)."""
    return sorted(
        (
            page
            for page in rx.State.get_substates()
            if issubclass(page, SessionMixin) and page is not SessionState
        ),
        key=lambda page: page.get_full_name(),
    )
