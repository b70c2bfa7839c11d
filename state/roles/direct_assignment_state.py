"""Gestion d'attribution de rôle : attribuer directement un nouveau rôle (seed 001 steps 4–12,
seed 002 §4), to members or "via numéro de registre national": the five steps, what was typed
kept when a step is refused, left or reopened from the preview, and "Terminer". Every check is
the services' (``direct_visits``: each step's own, then all of them again at the preview and at
"Terminer"); this holds what was typed and shows a refusal beside its field."""

from __future__ import annotations

from enum import StrEnum
from typing import Any

import reflex as rx
from reflex_base.event import EventSpec

from foundation import routes
from foundation.clock import utc_now
from portal.companies import direct_visits
from portal.companies.assignment_errors import NoPersonChosenError
from portal.companies.direct_form import (
    DIRECT_STEPS,
    CompanyOption,
    DirectForm,
    DirectStep,
    companies_shown,
)
from portal.companies.direct_visits import DirectPreview, DirectStart, Granted
from portal.companies.members import MemberPage, MemberSearch
from portal.companies.roles import ROLES
from state.focus import focus_when_drawn
from state.roles.direct_people import SEARCH_FIELDS, DirectPeopleMixin
from state.roles.role_form_state import GO_ON, RoleWizardMixin
from state.session_state import SessionMixin

TYPED = frozenset({"valid_from", "valid_until", "message"})
EMPTY_PREVIEW = DirectPreview((), "", (), "", "")


class DirectAssignmentState(RoleWizardMixin, DirectPeopleMixin, SessionMixin, rx.State):
    by_number: bool = False  # "via numéro de registre national"
    step: str = DirectStep.PERSONS.value
    suggestions: bool = True  # "Afficher les suggestions", else "les entreprises gérées"
    company_search: str = ""
    preview: DirectPreview = EMPTY_PREVIEW
    granted: list[Granted] = []  # noqa: RUF012 - Reflex state vars are declared this way

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

    def _typed(self) -> frozenset[str]:
        return TYPED

    def _keep_other(self, field: str, value: str) -> None:
        self._keep_person(field, value)

    def _steps(self) -> tuple[StrEnum, ...]:
        return DIRECT_STEPS

    def _form(self) -> DirectForm:
        return DirectForm(
            member_keys=self._member_keys(),
            national_number=self.national_number,
            surname=self.person_surname,
            first_names=self.person_first_names,
            email=self.person_email,
            **self._typed_role(),
        )

    async def _before_check(self, step: StrEnum) -> EventSpec | bool | None:
        if step is DirectStep.PERSONS:
            if self.by_number and not self.looked_up:
                return await self.look_up()  # the name first: the person sees whom they name
            self._add_ticked()  # ticked but not added yet: added now
        return GO_ON

    def _check(self, session_id: str | None, step: StrEnum) -> DirectForm:
        return direct_visits.check_step(
            session_id, self.by_number, DirectStep(step), self._form(), now=utc_now()
        )

    def _take_checked(self, checked: Any) -> None:
        self.role_codes = list(checked.role_codes)
        self.national_number, self.person_email = checked.national_number, checked.email

    def _preview(self, session_id: str | None, checked: Any) -> DirectPreview:
        return direct_visits.preview(session_id, self.by_number, checked, now=utc_now())

    def _show_preview(self, shown: Any) -> None:
        self.preview = shown

    def _finish(
        self, session_id: str | None, public_origin: str, page_language: str
    ) -> tuple[Granted, ...]:
        return direct_visits.finish(
            session_id,
            self.by_number,
            self._form(),
            now=utc_now(),
            public_origin=public_origin,
            page_language=page_language,
        )

    def _finished(self, done: Any) -> None:
        self.granted = list(done)

    async def _load(self, by_number: bool) -> EventSpec | None:
        self.reset()
        self.by_number = by_number
        started = await self._ask(lambda s: direct_visits.open_direct(s, now=utc_now()))
        if not isinstance(started, DirectStart):
            return started
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
