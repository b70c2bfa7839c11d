"""Désigner un Gestionnaire d'Accès Principal (seed 002 §2.3): the company number, the form, the
summary, the confirmation. Every check is the services' (``portal.companies.designation``); this
keeps what the person typed, so that a refused step shows it again with the reason beside the
field."""

import reflex as rx
from reflex_base.event import EventSpec

from foundation import routes
from foundation.clock import utc_now
from foundation.settings import get_settings
from portal.companies import designation
from portal.companies.company_number import CompanyNumberError
from portal.companies.designation import CompanyView, GapForm, GapSummary
from portal.companies.errors import (
    CompanyError,
    RegistrationRequiredError,
)
from portal.companies.national_number import NationalNumberError, format_national_number
from portal.companies.register import CompanyRegisterUnavailableError
from portal.companies.register_setup import company_register
from state.roles.refusals import REFUSED_VISIT, away, text_of
from state.session_state import SessionMixin

STEPS = ("company", "form", "summary", "done")
# Refusals the page shows (the others send the browser elsewhere).
SHOWN = (CompanyError, CompanyNumberError, NationalNumberError, CompanyRegisterUnavailableError)
# The fields of the form's step; a refusal about anything else is shown above the form.
FORM_FIELDS = ("surname", "first_names", "national_number", "email", "phone")


class GapDesignationState(SessionMixin, rx.State):
    step: str = "company"
    ready: bool = False  # the entry's checks passed: a session of high level
    # The representative ("moi-même"), from the card read at login.
    my_surname: str = ""
    my_first_names: str = ""
    my_national_number: str = ""
    # Step 1
    company_number: str = ""
    company_error: str = ""
    # The company, read-only, as the register describes it
    company_display_number: str = ""
    company_name: str = ""
    company_address: str = ""
    # Step 2, as typed
    myself: bool = True
    surname: str = ""
    first_names: str = ""
    national_number: str = ""
    email: str = ""
    phone: str = ""
    error_field: str = ""  # the field the refusal is about, "" for the whole step
    error_text: str = ""
    # Summary, then confirmation
    gap: GapSummary = GapSummary("", "", "", "", "")
    _number: str = ""  # the registered company's ten digits

    @rx.var
    def other_person(self) -> bool:
        return not self.myself

    @rx.var
    def step_index(self) -> int:
        return STEPS.index(self.step) if self.step in STEPS else 0

    async def _show(self, refusal: Exception) -> None:
        field = getattr(refusal, "field", None)
        self.error_field = field if field in FORM_FIELDS else ""
        self.error_text = await text_of(self, refusal)

    def _typed(self) -> GapForm:
        names = (self.surname, self.first_names, self.national_number)
        return GapForm(self.myself, *names, self.email, self.phone)

    @rx.event
    def load(self) -> EventSpec | None:
        self.reset()
        try:
            visit = designation.open_designation(self._session_id(), now=utc_now())
        except REFUSED_VISIT as refusal:
            return away(refusal, routes.GAP_DESIGNATION)
        identity = visit.identity
        self.my_surname, self.my_first_names = identity.surname, identity.first_names
        self.my_national_number = format_national_number(identity.national_number)
        self.ready = True
        return None

    @rx.event
    async def register_company(self, form: dict[str, str]) -> EventSpec | None:
        self.company_number = form.get("company_number", "")
        try:
            company = designation.register(
                self._session_id(),
                self.company_number,
                company_register=company_register(),
                now=utc_now(),
            )
        except REFUSED_VISIT as refusal:
            return away(refusal, routes.GAP_DESIGNATION)
        except SHOWN as refusal:
            self.company_error = await text_of(self, refusal)
            return None
        self._registered(company)
        return None

    def _registered(self, company: CompanyView) -> None:
        self._number = company.number
        self.company_display_number = company.display_number
        self.company_name = company.name
        self.company_address = company.address
        self.company_error = self.error_field = self.error_text = ""
        self.step = "form"

    @rx.event
    def choose(self, who: str) -> None:
        self.myself = who == "myself"
        self.error_field = self.error_text = ""

    @rx.event
    async def next_step(self, form: dict[str, str]) -> EventSpec | None:
        """ "Suivant": what was typed is kept whatever the answer."""
        if not self.myself:
            self.surname = form.get("surname", "")
            self.first_names = form.get("first_names", "")
            self.national_number = form.get("national_number", "")
        self.email, self.phone = form.get("email", ""), form.get("phone", "")
        try:
            self.gap = designation.check(self._session_id(), self._typed(), now=utc_now())
        except REFUSED_VISIT as refusal:
            return away(refusal, routes.GAP_DESIGNATION)
        except SHOWN as refusal:
            await self._show(refusal)
            return None
        self.error_field = self.error_text = ""
        self.step = "summary"
        return None

    @rx.event
    def edit(self) -> None:
        self.step = "form"

    @rx.event
    def other_company(self) -> None:
        self.error_field = self.error_text = ""
        self.step = "company"

    @rx.event
    async def confirm(self) -> EventSpec | None:
        try:
            self.gap = designation.confirm(
                self._session_id(),
                self._number,
                self._typed(),
                now=utc_now(),
                public_origin=get_settings().public_origin,
            )
        except REFUSED_VISIT as refusal:
            return away(refusal, routes.GAP_DESIGNATION)
        # No company registered in this tab, or the register's answer is too old now.
        except (RegistrationRequiredError, CompanyNumberError) as refusal:
            self.company_error = await text_of(self, refusal)
            self.step = "company"
            return None
        except SHOWN as refusal:
            await self._show(refusal)
            self.step = "form"
            return None
        self.step = "done"
        return None
