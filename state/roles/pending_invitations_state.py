"""Gestion des invitations, its invitations sent and not accepted yet (roles, persons, expiry):
"Renvoyer" the e-mail, and "Retirer" once confirmed, after which the link stops working. The
rules are the services' (``portal.companies.pending_invitation_visits``): only the company's GAP
and role administrators, with the eID, list, send again or withdraw, whatever event arrives.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

import reflex as rx
from reflex_base.event import EventSpec

from foundation import routes
from foundation.clock import utc_now
from foundation.settings import get_settings
from portal.companies import pending_invitation_visits
from portal.companies.errors import CompanyError
from portal.companies.pending_invitation_visits import SentInvitation
from state.focus import focus_when_drawn
from state.i18n_state import I18nState
from state.roles.refusals import RefusalsMixin
from state.session_state import SessionMixin

T = TypeVar("T")


class PendingInvitationsState(RefusalsMixin, SessionMixin, rx.State):
    ready: bool = False
    sent: list[SentInvitation] = []  # noqa: RUF012 - Reflex state vars are declared this way
    confirm_revoke: str = ""  # the invitation whose withdrawal waits for "Retirer" again
    done: str = ""  # "resent" or "revoked"
    resent_to: int = 0

    @rx.var
    def has_sent(self) -> bool:
        return bool(self.sent)

    @rx.var
    def revoking(self) -> str:
        """ "Rédacteur de dossiers (Entreprise de test)": the invitation to confirm."""
        found = (i for i in self.sent if i.id == self.confirm_revoke)
        return next((f"{i.roles} ({i.company})" for i in found), "")

    def _route(self) -> str:
        return routes.ROLE_INVITATIONS

    async def _send(self, call: Callable[[str | None, str], T]) -> T | EventSpec | None:
        """The service's answer, given the session and the portal's address for the links."""
        self.done = ""
        self._clear()
        origin = get_settings().public_origin
        return await self._ask(lambda session: call(session, origin), shown=(CompanyError,))

    @rx.event
    async def load(self) -> EventSpec | None:
        self.reset()
        listed = await self._send(
            lambda s, origin: pending_invitation_visits.open_pending(
                s, now=utc_now(), public_origin=origin
            )
        )
        if not isinstance(listed, tuple):
            return listed
        self.sent, self.ready = list(listed), True
        return None

    @rx.event
    async def resend(self, invitation_id: str) -> EventSpec | None:
        """ "Renvoyer": the e-mail again to the named persons who have not accepted."""
        chosen = str(invitation_id)
        # For those who have no account: the e-mail in this page's language.
        language = (await self.get_state(I18nState)).lang
        count = await self._send(
            lambda s, origin: pending_invitation_visits.resend(
                s, chosen, now=utc_now(), public_origin=origin, page_language=language
            )
        )
        if not isinstance(count, int):
            return count
        self.done, self.resent_to = "resent", count
        return focus_when_drawn("#pending-done")

    @rx.event
    def ask_revoke(self, invitation_id: str) -> EventSpec | None:
        """ "Retirer": the confirmation first (for an invitation of the list)."""
        self.done = self.error_text = ""
        if not any(i.id == str(invitation_id) for i in self.sent):
            return None
        self.confirm_revoke = str(invitation_id)
        return focus_when_drawn("#revoke-confirmation")

    @rx.event
    def cancel_revoke(self) -> None:
        self.confirm_revoke = ""

    @rx.event
    async def revoke(self, invitation_id: str) -> EventSpec | None:
        """ "Retirer" in the confirmation: the link stops working at once."""
        chosen, self.confirm_revoke = str(invitation_id), ""
        listed = await self._send(
            lambda s, origin: pending_invitation_visits.revoke(
                s, chosen, now=utc_now(), public_origin=origin
            )
        )
        if not isinstance(listed, tuple):
            return listed
        self.sent, self.done = list(listed), "revoked"
        return focus_when_drawn("#pending-done")
