""" "Demander soi-même une attribution de rôle" (seed 000, Mes attributions de rôles): the company
by its number, the roles (the wizards' two-column picker), the validity, a message and the
address for the answer; then the confirmation. Every check is the service's
(``portal.companies.self_request_visits``); a refusal is shown beside its field, what was typed
kept."""

from __future__ import annotations

import reflex as rx
from reflex_base.event import EventSpec

from foundation import routes
from foundation.clock import utc_now
from foundation.settings import get_settings
from portal.companies import self_request_visits
from portal.companies.self_request_visits import SelfRequestForm, SelfRequestStart, SentRequest
from state.focus import focus_when_drawn
from state.roles.role_form_state import RoleFormMixin
from state.session_state import SessionMixin

TYPED = frozenset({"company_number", "valid_from", "valid_until", "message", "email"})


class SelfRequestState(RoleFormMixin, SessionMixin, rx.State):
    email: str = ""
    sent: bool = False
    sent_company: str = ""
    sent_roles: list[str] = []  # noqa: RUF012 - Reflex state vars are declared this way
    sent_email: str = ""

    def _route(self) -> str:
        return routes.ROLE_SELF_REQUEST

    def _typed(self) -> frozenset[str]:
        return TYPED

    @rx.event
    async def load(self) -> EventSpec | None:
        self.reset()
        opened = await self._ask(
            lambda session: self_request_visits.open_self_request(session, now=utc_now())
        )
        if not isinstance(opened, SelfRequestStart):
            return opened
        self.valid_from, self.email = opened.form.valid_from, opened.form.email
        self.ready = True
        return None

    def _form(self) -> SelfRequestForm:
        return SelfRequestForm(**self._typed_role(), email=self.email)

    @rx.event
    async def send(self) -> EventSpec | None:
        """ "Envoyer la demande": the service checks the company, the roles, the dates."""
        sent = await self._ask(
            lambda session: self_request_visits.send(
                session, self._form(), now=utc_now(), public_origin=get_settings().public_origin
            )
        )
        if isinstance(sent, EventSpec):
            return sent
        if not isinstance(sent, SentRequest):  # refused beside its field
            target = f"#field-{self.error_field}" if self.error_field else "#request-error"
            return focus_when_drawn(
                "#roles-available-filter" if self.error_field == "roles" else target
            )
        self._clear()
        self.sent = True
        self.sent_company, self.sent_roles, self.sent_email = (
            sent.company,
            list(sent.roles),
            sent.email,
        )
        return focus_when_drawn("#request-sent")
