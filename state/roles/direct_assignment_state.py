"""Gestion d'attribution de rôle : attribuer directement un nouveau rôle (seed 001 steps 4–12,
seed 002 §4), to members or "via numéro de registre national": the five steps, what was typed
kept when a step is refused, left or reopened from the preview, and "Terminer". Every check is
the services' (``direct_visits``: each step's own, then all of them again at the preview and at
"Terminer"); this holds what was typed and shows a refusal beside its field."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import reflex as rx
from reflex_base.event import EventSpec

from foundation import routes
from foundation.clock import utc_now
from foundation.i18n.error_messages import error_text
from foundation.settings import get_settings
from portal.companies import direct_visits
from portal.companies.assignment_errors import NoPersonChosenError
from portal.companies.company_number import CompanyNumberError
from portal.companies.direct_form import (
    DIRECT_STEPS,
    CompanyOption,
    DirectForm,
    DirectStep,
    companies_shown,
)
from portal.companies.direct_visits import DirectPreview, DirectStart, Granted
from portal.companies.errors import CompanyError, HighAssuranceRequiredError, SessionEndedError
from portal.companies.members import MemberPage, MemberSearch
from portal.companies.national_number import NationalNumberError
from portal.companies.roles import ROLES
from portal.visits import NotHereError, NotLoggedInError
from state.focus import focus_when_drawn
from state.i18n_state import I18nState
from state.roles.direct_people import PERSON_FIELDS, SEARCH_FIELDS, DirectPeopleMixin
from state.roles.role_picker_state import RolePickerMixin
from state.session_state import SessionState, load_page

T = TypeVar("T")
DONE = "done"
# Refusals the page shows beside their field (the others send the browser elsewhere).
SHOWN = (CompanyError, CompanyNumberError, NationalNumberError)
# Back to the eID login, and then here: no session, or one below the high level.
TO_EID = (NotLoggedInError, HighAssuranceRequiredError, SessionEndedError)
TYPED = frozenset({"valid_from", "valid_until", "message"})
EMPTY_PREVIEW = DirectPreview((), "", (), "", "")


class DirectAssignmentState(RolePickerMixin, DirectPeopleMixin, SessionState):
    ready: bool = False  # the entry's checks passed: a session of high level
    by_number: bool = False  # "via numéro de registre national"
    step: str = DirectStep.PERSONS.value
    companies: list[CompanyOption] = []  # noqa: RUF012 - Reflex state vars are declared this way
    suggestions: bool = True  # "Afficher les suggestions", else "les entreprises gérées"
    company_search: str = ""
    company_number: str = ""
    valid_from: str = ""
    valid_until: str = ""
    unlimited: bool = True
    message: str = ""
    error_field: str = ""  # the field the refusal is about, "" for the whole step
    error_text: str = ""
    preview: DirectPreview = EMPTY_PREVIEW
    granted: list[Granted] = []  # noqa: RUF012

    @rx.var
    def step_index(self) -> int:
        order = [*DIRECT_STEPS, DONE]
        return order.index(self.step) if self.step in order else 0

    @rx.var
    def manages_a_company(self) -> bool:
        return bool(self.companies)

    @rx.var
    def company_name(self) -> str:
        return next((c.name for c in self.companies if c.number == self.company_number), "")

    @rx.var
    def companies_listed(self) -> list[CompanyOption]:
        members_of = tuple(dict.fromkeys(m.company_number for m in self.chosen))
        return list(
            companies_shown(
                tuple(self.companies),
                members_of,
                suggestions=self.suggestions and not self.by_number,
                search=self.company_search,
            )
        )

    @rx.var
    def role_labels(self) -> str:
        """The roles chosen, for step 4's legend."""
        return ", ".join(ROLES[code].name for code in self.role_codes if code in ROLES)

    def _route(self) -> str:
        return (
            routes.ROLE_ASSIGNMENT_BY_NATIONAL_NUMBER
            if self.by_number
            else routes.ROLE_DIRECT_ASSIGNMENT
        )

    def _form(self) -> DirectForm:
        return DirectForm(
            member_keys=self._member_keys(),
            national_number=self.national_number,
            surname=self.person_surname,
            first_names=self.person_first_names,
            email=self.person_email,
            company_number=self.company_number,
            role_codes=tuple(self.role_codes),
            valid_from=self.valid_from,
            valid_until=self.valid_until,
            unlimited=self.unlimited,
            message=self.message,
        )

    def _away(self, refusal: Exception) -> EventSpec:
        if isinstance(refusal, NotHereError):
            return rx.redirect(refusal.home)
        return load_page(routes.login_then(self._route(), key="eid"))

    async def _refuse(self, refusal: Exception, field: str | None = None) -> None:
        self.error_field = field or getattr(refusal, "field", None) or ""
        self.error_text = error_text((await self.get_state(I18nState)).lang, refusal)

    async def _ask(
        self, call: Callable[[str | None], T], *, field: str | None = None
    ) -> T | EventSpec | None:
        """The service's answer; the redirect of a refused visit; None for a refusal shown."""
        try:
            return call(self._session_id())
        except (*TO_EID, NotHereError) as refusal:
            return self._away(refusal)
        except SHOWN as refusal:
            await self._refuse(refusal, field)
            return None

    def _clear(self) -> None:
        self.error_field = self.error_text = ""

    def _picked(self) -> None:
        if self.error_field == "roles":
            self._clear()

    async def _load(self, by_number: bool) -> EventSpec | None:
        self.reset()
        self.by_number = by_number
        started = await self._ask(lambda s: direct_visits.open_direct(s, now=utc_now()))
        if not isinstance(started, DirectStart):
            return started
        self._greet(started.visit)
        self.companies = list(started.companies)
        self.company_number, self.valid_from = started.form.company_number, started.form.valid_from
        self.ready = True
        return None

    @rx.event
    async def load(self) -> EventSpec | None:  # "... à un salarié existant"
        return await self._load(False)

    @rx.event
    async def load_by_number(self) -> EventSpec | None:  # "... via numéro de registre national"
        return await self._load(True)

    @rx.event
    def keep(self, field: str, value: str) -> None:
        """A keystroke in one of the steps' text fields."""
        if field in TYPED:
            setattr(self, field, str(value))
        elif field in PERSON_FIELDS:
            self._keep_person(field, str(value))

    async def _search(self, page: int) -> EventSpec | None:
        criteria = MemberSearch(
            self.search_surname, self.search_first_names, self.search_email, self.search_company
        )
        found = await self._ask(
            lambda s: direct_visits.search(s, criteria, page, now=utc_now()), field="search"
        )
        if not isinstance(found, MemberPage):
            return found
        self._clear()
        self._show_results(found)
        return None

    @rx.event
    async def search(self, typed: dict[str, Any]) -> EventSpec | None:
        """ "Rechercher": at least one field (the service's rule), results from page 1."""
        for field in SEARCH_FIELDS:
            setattr(self, f"search_{field}", str(typed.get(f"search_{field}", "")))
        self.ticked_results = []
        return await self._search(1)

    @rx.event
    async def results_page_to(self, page: int) -> EventSpec | None:
        return await self._search(int(page))

    @rx.event
    async def add_selected(self) -> EventSpec | None:
        """ "Ajouter les personnes sélectionnées"."""
        if self._add_ticked() == 0 and not self.chosen:
            await self._refuse(NoPersonChosenError(), "results")
            return None
        self._clear()
        return focus_when_drawn("#chosen-title")

    @rx.event
    async def look_up(self) -> EventSpec | None:
        """ "Rechercher" beside the national number: the name the portal knows, else typed."""
        number = self.national_number
        self._clear()
        found = await self._ask(lambda s: direct_visits.look_up(s, number, now=utc_now()))
        if isinstance(found, EventSpec):
            return found
        if self.error_text:
            return None
        self._take_person(found)
        return focus_when_drawn("#field-email" if self.known else "#field-surname")

    @rx.event
    def show_suggestions(self, suggestions: bool) -> None:
        self.suggestions = bool(suggestions)

    @rx.event
    def filter_companies(self, text: str) -> None:
        self.company_search = str(text)

    @rx.event
    def choose_company(self, number: str) -> None:
        self.company_number = str(number)
        self._clear()

    @rx.event
    def set_unlimited(self, ticked: bool) -> None:
        self.unlimited = bool(ticked)

    def _go(self, step: str) -> EventSpec:
        self._clear()
        self.step = step
        # Keyboard and screen reader users start on the new step's heading, not at the top.
        return focus_when_drawn(f'[data-step-heading="{step}"]')

    @rx.event
    def previous_step(self) -> EventSpec | None:
        """ "Étape précédente": nothing checked, nothing lost."""
        if self.step not in DIRECT_STEPS or self.step == DIRECT_STEPS[0]:
            return None
        return self._go(DIRECT_STEPS[DIRECT_STEPS.index(DirectStep(self.step)) - 1].value)

    @rx.event
    def edit_step(self, step: str) -> EventSpec | None:
        """ "Modifier" in the preview: back to that step with everything kept."""
        return self._go(step) if step in DIRECT_STEPS and self.step == DirectStep.PREVIEW else None

    @rx.event
    async def next_step(self) -> EventSpec | None:
        """ "Étape suivante": the step's check, then the next step (the preview checks all)."""
        if self.step not in DIRECT_STEPS[:-1]:
            return None
        step = DirectStep(self.step)
        if step is DirectStep.PERSONS:
            if self.by_number and not self.looked_up:
                return await self.look_up()  # the name first: the person sees whom they name
            self._add_ticked()  # ticked but not added yet: added now
        form = self._form()
        checked = await self._ask(
            lambda s: direct_visits.check_step(s, self.by_number, step, form, now=utc_now())
        )
        if not isinstance(checked, DirectForm):
            return checked
        self.role_codes = list(checked.role_codes)
        self.national_number, self.person_email = checked.national_number, checked.email
        following = DIRECT_STEPS[DIRECT_STEPS.index(step) + 1]
        if following is DirectStep.PREVIEW:
            shown = await self._ask(
                lambda s: direct_visits.preview(s, self.by_number, form, now=utc_now())
            )
            if not isinstance(shown, DirectPreview):
                return shown
            self.preview = shown
        return self._go(following.value)

    @rx.event
    async def finish(self) -> EventSpec | None:
        """ "Terminer l'attribution directe de rôle": the service checks every step again."""
        form, origin = self._form(), get_settings().public_origin
        done = await self._ask(
            lambda s: direct_visits.finish(
                s, self.by_number, form, now=utc_now(), public_origin=origin
            )
        )
        if not isinstance(done, tuple):
            return done
        self.granted = list(done)
        return self._go(DONE)
