"""Gestion des invitations - Nouvelle invitation (seed 001 steps 11–18): the six steps, what was
typed in each (kept when a step is refused, left, or reopened from the preview), the preview and
"Terminer l'invitation".

Every check is the services' (``portal.companies.invitation_wizard``): "Étape suivante" asks the
step's own, the preview and "Terminer" ask them all again. This only holds what was typed and
shows a refusal beside its field.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

import reflex as rx
from reflex_base.event import EventSpec

from foundation import routes
from foundation.clock import utc_now
from foundation.i18n.error_messages import error_text
from foundation.settings import get_settings
from portal.companies import invitation_wizard
from portal.companies.company_number import CompanyNumberError
from portal.companies.errors import (
    CompanyError,
    HighAssuranceRequiredError,
    InviteeError,
    SessionEndedError,
)
from portal.companies.gap import CompanyOption
from portal.companies.invitation_form import STEPS, Step, WizardForm
from portal.companies.invitation_wizard import InvitationPreview, WizardStart
from portal.companies.roles import ROLES
from portal.visits import NotHereError, NotLoggedInError
from state.focus import focus_when_drawn
from state.i18n_state import I18nState
from state.roles.invitation_persons import FIRST_FIELD, PersonsMixin
from state.roles.role_picker_state import RolePickerMixin
from state.session_state import SessionState, load_page

T = TypeVar("T")
DONE = "done"
TEMPLATE_PARAMETER = "modele"
# Refusals the page shows beside their field (the others send the browser elsewhere).
SHOWN = (CompanyError, CompanyNumberError)
# Back to the eID login, and then here: no session, or one below the high level.
TO_EID = (NotLoggedInError, HighAssuranceRequiredError, SessionEndedError)
# The fields a keystroke may change (``keep``): a forged name changes nothing else.
TYPED = frozenset(
    {"valid_from", "valid_until", "message", "expires_on", "template_name", "template_description"}
)
EMPTY_PREVIEW = InvitationPreview("", (), "", "", (), "", "", "")


class InvitationWizardState(RolePickerMixin, PersonsMixin, SessionState):
    ready: bool = False  # the entry's checks passed: a session of high level
    step: str = Step.COMPANY.value
    companies: list[CompanyOption] = []  # noqa: RUF012 - Reflex state vars are declared this way
    company_number: str = ""
    valid_from: str = ""
    valid_until: str = ""
    unlimited: bool = True
    message: str = ""
    expires_on: str = ""
    save: bool = False
    template_name: str = ""
    template_description: str = ""
    error_field: str = ""  # the field the refusal is about, "" for the whole step
    error_text: str = ""
    preview: InvitationPreview = EMPTY_PREVIEW
    link: str = ""

    @rx.var
    def step_index(self) -> int:
        order = [*STEPS, DONE]
        return order.index(self.step) if self.step in order else 0

    @rx.var
    def manages_a_company(self) -> bool:
        return bool(self.companies)

    @rx.var
    def company_name(self) -> str:
        return next((c.name for c in self.companies if c.number == self.company_number), "")

    @rx.var
    def role_labels(self) -> str:
        """ "Rédacteur de dossiers, Relecteur de dossiers": the roles chosen, for step 3."""
        return ", ".join(ROLES[code].label for code in self.role_codes if code in ROLES)

    def _form(self) -> WizardForm:
        return WizardForm(
            company_number=self.company_number,
            role_codes=tuple(self.role_codes),
            valid_from=self.valid_from,
            valid_until=self.valid_until,
            unlimited=self.unlimited,
            persons=tuple(self.persons),
            message=self.message,
            expires_on=self.expires_on,
            save=self.save,
            template_name=self.template_name,
            template_description=self.template_description,
        )

    def _take(self, form: WizardForm) -> None:
        self.company_number = form.company_number
        self.role_codes = list(form.role_codes)
        self.valid_from, self.valid_until = form.valid_from, form.valid_until
        self.unlimited = form.unlimited
        self.persons = list(form.persons)
        self.message, self.expires_on = form.message, form.expires_on
        self.save = form.save
        self.template_name = form.template_name
        self.template_description = form.template_description

    def _away(self, refusal: Exception) -> EventSpec:
        if isinstance(refusal, NotHereError):
            return rx.redirect(refusal.home)
        return load_page(routes.login_then(routes.ROLE_INVITATION_NEW, key="eid"))

    async def _refuse(self, refusal: Exception) -> None:
        self.error_field = getattr(refusal, "field", None) or ""
        if isinstance(refusal, InviteeError):
            self.error_field = f"person_{self.error_field or 'surname'}"
        self.error_text = error_text((await self.get_state(I18nState)).lang, refusal)

    async def _ask(self, call: Callable[[str | None], T]) -> T | EventSpec | None:
        """The service's answer; the redirect of a refused visit; None for a refusal shown."""
        try:
            return call(self._session_id())
        except (*TO_EID, NotHereError) as refusal:
            return self._away(refusal)
        except SHOWN as refusal:
            await self._refuse(refusal)
            return None

    def _clear(self) -> None:
        self.error_field = self.error_text = ""

    def _picked(self) -> None:
        if self.error_field == "roles":
            self._clear()

    @rx.event
    async def load(self) -> EventSpec | None:
        self.reset()
        typed = self.router.url.query_parameters.get(TEMPLATE_PARAMETER, "")
        template = int(typed) if typed.isdigit() else None
        started = await self._ask(
            lambda session: invitation_wizard.open_wizard(
                session, now=utc_now(), template_id=template
            )
        )
        if not isinstance(started, WizardStart):
            if self.error_text:  # a saved invitation that is not there: a new one instead
                return rx.redirect(routes.ROLE_INVITATION_NEW)
            return started
        self._greet(started.visit)
        self.companies = list(started.companies)
        self._take(started.form)
        self.ready = True
        return None

    @rx.event
    def keep(self, field: str, value: str) -> None:
        """A keystroke in one of the steps' text fields."""
        if field in TYPED:
            setattr(self, field, str(value))

    @rx.event
    def choose_company(self, number: str) -> None:
        self.company_number = str(number)
        self._clear()

    @rx.event
    def set_unlimited(self, ticked: bool) -> None:
        self.unlimited = bool(ticked)

    @rx.event
    def set_save(self, ticked: bool) -> None:
        self.save = bool(ticked)

    def _go(self, step: str) -> EventSpec:
        self._clear()
        self.step = step
        # Keyboard and screen reader users start on the new step's heading, not at the top.
        return focus_when_drawn(f'[data-step-heading="{step}"]')

    @rx.event
    def previous_step(self) -> EventSpec | None:
        """ "Étape précédente": nothing checked, nothing lost."""
        if self.step not in STEPS or self.step == STEPS[0]:
            return None
        return self._go(STEPS[STEPS.index(Step(self.step)) - 1].value)

    @rx.event
    def edit_step(self, step: str) -> EventSpec | None:
        """ "Modifier" in the preview: back to that step with everything kept."""
        return self._go(step) if step in STEPS and self.step == Step.PREVIEW else None

    @rx.event
    async def next_step(self) -> EventSpec | None:
        """ "Étape suivante": the step's check, then the next step (the preview checks all)."""
        if self.step not in STEPS[:-1]:
            return None
        step = Step(self.step)
        if step is Step.PERSONS and self._row_typed():
            added = await self._add_typed_row()  # typed but not added yet: added now
            if added is not True:
                return added or None
        checked = await self._ask(
            lambda session: invitation_wizard.check_step(session, step, self._form(), now=utc_now())
        )
        if not isinstance(checked, WizardForm):
            return checked
        self._take(checked)
        following = STEPS[STEPS.index(step) + 1]
        if following is Step.PREVIEW:
            shown = await self._ask(
                lambda session: invitation_wizard.preview(session, checked, now=utc_now())
            )
            if not isinstance(shown, InvitationPreview):
                return shown
            self.preview = shown
        return self._go(following.value)

    @rx.event
    async def finish(self) -> EventSpec | None:
        """ "Terminer l'invitation": the service checks every step again."""
        created = await self._ask(
            lambda session: invitation_wizard.finish(
                session, self._form(), now=utc_now(), public_origin=get_settings().public_origin
            )
        )
        if created is None or isinstance(created, EventSpec):
            return created
        self.link = created.link
        return self._go(DONE)

    async def _add_typed_row(self) -> EventSpec | bool:
        """The row of step 4 into the list, checked with the whole list as the service checks
        it: True once added, False when refused beside the field, or a refused visit's redirect."""
        candidate = self._form().with_person(self._typed_person(), self._editing())
        checked = await self._ask(
            lambda session: invitation_wizard.check_step(
                session, Step.PERSONS, candidate, now=utc_now()
            )
        )
        if not isinstance(checked, WizardForm):
            return checked or False
        self.persons = list(checked.persons)
        self._row_done()
        self._clear()
        return True

    @rx.event
    async def add_person(self) -> EventSpec | None:
        """ "Ajouter" (or "Enregistrer la modification" for the person being modified)."""
        if self.step != Step.PERSONS:
            return None
        added = await self._add_typed_row()
        return focus_when_drawn(FIRST_FIELD) if added is True else added or None
