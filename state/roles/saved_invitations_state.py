"""Gestion des invitations (seed 001 step 10): "Envoyer une nouvelle invitation" and the
invitations saved for later, each reusable or removable. The rules are the services'
(``portal.companies.saved_invitations``)."""

from __future__ import annotations

import reflex as rx
from reflex_base.event import EventSpec

from foundation import routes
from foundation.clock import utc_now
from portal.companies import saved_invitations
from portal.companies.errors import CompanyError
from portal.companies.saved_invitations import SavedInvitation, SavedInvitations
from state.roles.refusals import RefusalsMixin
from state.session_state import SessionMixin


class SavedInvitationsState(RefusalsMixin, SessionMixin, rx.State):
    ready: bool = False
    saved: list[SavedInvitation] = []  # noqa: RUF012 - Reflex state vars are declared this way
    deleted: bool = False

    @rx.var
    def has_saved(self) -> bool:
        return bool(self.saved)

    def _route(self) -> str:
        return routes.ROLE_INVITATIONS

    @rx.event
    async def load(self) -> EventSpec | None:
        self.reset()
        opened = await self._ask(
            lambda session: saved_invitations.open_saved(session, now=utc_now()), shown=()
        )
        if not isinstance(opened, SavedInvitations):
            return opened
        self.saved = list(opened.saved)
        self.ready = True
        return None

    @rx.event
    async def delete(self, template_id: int) -> EventSpec | None:
        self.deleted = False
        remaining = await self._ask(
            lambda session: saved_invitations.delete_saved(
                session, int(template_id), now=utc_now()
            ),
            shown=(CompanyError, ValueError),
        )
        if not isinstance(remaining, tuple):
            return remaining
        self.saved = list(remaining)
        self._clear()
        self.deleted = True
        return None
