"""Gestion des invitations (seed 001 step 10): "Envoyer une nouvelle invitation" and the
invitations saved for later, each reusable or removable. The rules are the services'
(``portal.companies.saved_invitations``)."""

from __future__ import annotations

import reflex as rx
from reflex_base.event import EventSpec

from foundation import routes
from foundation.clock import utc_now
from foundation.i18n.error_messages import error_text
from portal.companies import saved_invitations
from portal.companies.errors import (
    CompanyError,
    HighAssuranceRequiredError,
    SessionEndedError,
)
from portal.companies.saved_invitations import SavedInvitation
from portal.visits import NotHereError, NotLoggedInError
from state.i18n_state import I18nState
from state.session_state import SessionState, load_page

TO_EID = (NotLoggedInError, HighAssuranceRequiredError, SessionEndedError)


class SavedInvitationsState(SessionState):
    ready: bool = False
    saved: list[SavedInvitation] = []  # noqa: RUF012 - Reflex state vars are declared this way
    error_text: str = ""
    deleted: bool = False

    @rx.var
    def has_saved(self) -> bool:
        return bool(self.saved)

    def _away(self, refusal: Exception) -> EventSpec:
        if isinstance(refusal, NotHereError):
            return rx.redirect(refusal.home)
        return load_page(routes.login_then(routes.ROLE_INVITATIONS, key="eid"))

    @rx.event
    def load(self) -> EventSpec | None:
        self.reset()
        try:
            opened = saved_invitations.open_saved(self._session_id(), now=utc_now())
        except (*TO_EID, NotHereError) as refusal:
            return self._away(refusal)
        self._greet(opened.visit)
        self.saved = list(opened.saved)
        self.ready = True
        return None

    @rx.event
    async def delete(self, template_id: int) -> EventSpec | None:
        self.deleted = False
        try:
            remaining = saved_invitations.delete_saved(
                self._session_id(), int(template_id), now=utc_now()
            )
        except (*TO_EID, NotHereError) as refusal:
            return self._away(refusal)
        except (CompanyError, ValueError) as refusal:
            self.error_text = error_text((await self.get_state(I18nState)).lang, refusal)
            return None
        self.saved = list(remaining)
        self.error_text = ""
        self.deleted = True
        return None
