"""The home of "Ma gestion des rôles eGov": identified or not (single sign-on), and the counts of
the priority tasks."""

import reflex as rx
from reflex_base.event import EventSpec

from foundation.clock import utc_now
from portal.companies.overview import open_home
from portal.visits import NotHereError, NotLoggedInError
from state.session_state import SessionMixin


class RolesHomeState(SessionMixin, rx.State):
    checked: bool = False  # the page shows nothing of either version before the check
    identified: bool = False
    requests_to_decide: int = 0
    requests_to_complete: int = 0

    @rx.event
    def load(self) -> EventSpec | None:
        try:
            home = open_home(self._session_id(), now=utc_now())
        except NotLoggedInError:
            self.identified = False
            self.requests_to_decide = self.requests_to_complete = 0
            self.checked = True
            return None
        except NotHereError as refusal:  # an account to create or validate first
            return rx.redirect(refusal.home)
        self.identified = True
        self.requests_to_decide = home.overview.requests_to_decide
        self.requests_to_complete = home.overview.requests_to_complete
        self.checked = True
        return None
