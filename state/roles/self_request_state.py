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
from foundation.i18n.error_messages import error_text
from foundation.settings import get_settings
from portal.companies import self_request_visits
from portal.companies.company_number import CompanyNumberError
from portal.companies.errors import CompanyError, HighAssuranceRequiredError, SessionEndedError
from portal.companies.self_request_visits import SelfRequestForm
from portal.visits import NotHereError, NotLoggedInError
from state.focus import focus_when_drawn
from state.i18n_state import I18nState
from state.roles.role_picker_state import RolePickerMixin
from state.session_state import SessionState, load_page

TO_EID = (NotLoggedInError, HighAssuranceRequiredError, SessionEndedError)
TYPED = frozenset({"company_number", "valid_from", "valid_until", "message", "email"})


class SelfRequestState(RolePickerMixin, SessionState):
    ready: bool = False
    company_number: str = ""
    valid_from: str = ""
    valid_until: str = ""
    unlimited: bool = True
    message: str = ""
    email: str = ""
    error_field: str = ""
    error_text: str = ""
    sent: bool = False
    sent_company: str = ""
    sent_roles: list[str] = []  # noqa: RUF012 - Reflex state vars are declared this way
    sent_email: str = ""

    def _picked(self) -> None:
        if self.error_field == "roles":
            self.error_field = self.error_text = ""

    def _away(self, refusal: Exception) -> EventSpec:
        if isinstance(refusal, NotHereError):
            return rx.redirect(refusal.home)
        return load_page(routes.login_then(routes.ROLE_SELF_REQUEST, key="eid"))

    @rx.event
    def load(self) -> EventSpec | None:
        self.reset()
        try:
            opened = self_request_visits.open_self_request(self._session_id(), now=utc_now())
        except (*TO_EID, NotHereError) as refusal:
            return self._away(refusal)
        self._greet(opened.visit)
        self.valid_from, self.email = opened.form.valid_from, opened.form.email
        self.ready = True
        return None

    @rx.event
    def keep(self, field: str, value: str) -> None:
        if field in TYPED:
            setattr(self, field, str(value))

    @rx.event
    def set_unlimited(self, ticked: bool) -> None:
        self.unlimited = bool(ticked)

    def _form(self) -> SelfRequestForm:
        return SelfRequestForm(
            company_number=self.company_number,
            role_codes=tuple(self.role_codes),
            valid_from=self.valid_from,
            valid_until=self.valid_until,
            unlimited=self.unlimited,
            message=self.message,
            email=self.email,
        )

    @rx.event
    async def send(self) -> EventSpec | None:
        """ "Envoyer la demande": the service checks the company, the roles, the dates."""
        try:
            sent = self_request_visits.send(
                self._session_id(),
                self._form(),
                now=utc_now(),
                public_origin=get_settings().public_origin,
            )
        except (*TO_EID, NotHereError) as refusal:
            return self._away(refusal)
        except (CompanyError, CompanyNumberError) as refusal:
            self.error_field = getattr(refusal, "field", None) or ""
            self.error_text = error_text((await self.get_state(I18nState)).lang, refusal)
            target = f"#field-{self.error_field}" if self.error_field else "#request-error"
            return focus_when_drawn(
                "#roles-available-filter" if self.error_field == "roles" else target
            )
        self.error_field = self.error_text = ""
        self.sent = True
        self.sent_company, self.sent_roles, self.sent_email = (
            sent.company,
            list(sent.roles),
            sent.email,
        )
        return focus_when_drawn("#request-sent")
