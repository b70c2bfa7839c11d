"""Gestion des invitations - Nouvelle invitation (seed 001 steps 11–18): the six steps, what was
typed in each (kept when a step is refused, left, or reopened from the preview), the preview and
"Terminer l'invitation".

Every check is the services' (``portal.companies.invitation_wizard``): "Étape suivante" asks the
step's own, the preview and "Terminer" ask them all again. This only holds what was typed and
shows a refusal beside its field.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any

import reflex as rx
from reflex_base.event import EventSpec

from foundation import routes
from foundation.clock import utc_now
from portal.companies import invitation_wizard
from portal.companies.errors import InviteeError
from portal.companies.invitation_form import STEPS, Step, WizardForm
from portal.companies.invitation_wizard import InvitationPreview, WizardStart
from portal.companies.invitations import CreatedInvitation
from portal.companies.roles import ROLES
from state.focus import focus_when_drawn
from state.roles.invitation_persons import FIRST_FIELD, PersonsMixin
from state.roles.role_form_state import GO_ON, RoleWizardMixin
from state.session_state import SessionMixin

TEMPLATE_PARAMETER = "modele"
TYPED = frozenset(
    {"valid_from", "valid_until", "message", "expires_on", "template_name", "template_description"}
)
EMPTY_PREVIEW = InvitationPreview("", (), "", "", (), "", "", "")


class InvitationWizardState(RoleWizardMixin, PersonsMixin, SessionMixin, rx.State):
    step: str = Step.COMPANY.value
    expires_on: str = ""
    save: bool = False
    template_name: str = ""
    template_description: str = ""
    preview: InvitationPreview = EMPTY_PREVIEW
    link: str = ""

    @rx.var
    def role_labels(self) -> str:
        """ "Rédacteur de dossiers, Relecteur de dossiers": the roles chosen, for step 3."""
        return ", ".join(ROLES[code].label for code in self.role_codes if code in ROLES)

    def _route(self) -> str:
        return routes.ROLE_INVITATION_NEW

    def _typed(self) -> frozenset[str]:
        return TYPED

    def _field_of(self, refusal: Exception) -> str:
        field = getattr(refusal, "field", None) or ""
        return f"person_{field or 'surname'}" if isinstance(refusal, InviteeError) else field

    def _steps(self) -> tuple[StrEnum, ...]:
        return STEPS

    def _form(self) -> WizardForm:
        return WizardForm(
            **self._typed_role(),
            persons=tuple(self.persons),
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

    async def _before_check(self, step: StrEnum) -> EventSpec | bool | None:
        if step is Step.PERSONS and self._row_typed():
            return await self._add_typed_row()  # typed but not added yet: added now
        return GO_ON

    def _check(self, session_id: str | None, step: StrEnum) -> WizardForm:
        return invitation_wizard.check_step(session_id, Step(step), self._form(), now=utc_now())

    def _take_checked(self, checked: Any) -> None:
        self._take(checked)

    def _preview(self, session_id: str | None, checked: Any) -> InvitationPreview:
        return invitation_wizard.preview(session_id, checked, now=utc_now())

    def _show_preview(self, shown: Any) -> None:
        self.preview = shown

    def _finish(
        self, session_id: str | None, public_origin: str, page_language: str
    ) -> CreatedInvitation:
        return invitation_wizard.finish(
            session_id,
            self._form(),
            now=utc_now(),
            public_origin=public_origin,
            page_language=page_language,
        )

    def _finished(self, done: Any) -> None:
        self.link = done.link

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
        self.companies = list(started.companies)
        self._take(started.form)
        self.ready = True
        return None

    @rx.event
    def set_save(self, ticked: bool) -> None:
        self.save = bool(ticked)

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
