"""What the pages that give or ask roles hold alike (the invitation wizard, the direct assignment,
a person's own request): the company, the roles (``RolePickerMixin``), the validity and the
message as typed, and a refusal shown beside its field (``RefusalsMixin``, which also sends a
refused visit back to the eID login, then here).

Every check is the services'; this only holds what was typed. ``RoleWizardMixin`` adds the steps
of the two wizards: "Étape précédente", "Étape suivante" (the step's own check, the preview
checking them all), "Modifier" from the preview, and "Terminer".
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any

import reflex as rx
from reflex_base.event import EventSpec

from foundation.settings import get_settings
from portal.companies.gap import CompanyOption
from state.focus import focus_when_drawn
from state.i18n_state import I18nState
from state.roles.refusals import RefusalsMixin
from state.roles.role_picker_state import RolePickerMixin

DONE = "done"
GO_ON = True  # ``_before_check``: nothing to do first, the step's check comes next


class RoleFormMixin(RefusalsMixin, RolePickerMixin, mixin=True):
    ready: bool = False  # the entry's checks passed: a session of high level
    company_number: str = ""
    valid_from: str = ""
    valid_until: str = ""
    unlimited: bool = True
    message: str = ""

    def _typed(self) -> frozenset[str]:
        """The fields a keystroke may change (``keep``): a forged name changes nothing else."""
        raise NotImplementedError

    def _keep_other(self, field: str, value: str) -> None:
        """A keystroke in a field of the page's own (the person named, for one)."""

    def _typed_role(self) -> dict[str, Any]:
        """The fields every such form sends its service, as typed."""
        return {
            "company_number": self.company_number,
            "role_codes": tuple(self.role_codes),
            "valid_from": self.valid_from,
            "valid_until": self.valid_until,
            "unlimited": self.unlimited,
            "message": self.message,
        }

    def _picked(self) -> None:
        if self.error_field == "roles":
            self._clear()

    @rx.event
    def keep(self, field: str, value: str) -> None:
        """A keystroke in one of the text fields."""
        if field in self._typed():
            setattr(self, field, str(value))
        else:
            self._keep_other(field, str(value))

    @rx.event
    def set_unlimited(self, ticked: bool) -> None:
        self.unlimited = bool(ticked)


class RoleWizardMixin(RoleFormMixin, mixin=True):
    step: str = ""
    companies: list[CompanyOption] = []  # noqa: RUF012 - Reflex state vars are declared this way

    def _steps(self) -> tuple[StrEnum, ...]:
        """The wizard's steps in order, the preview last."""
        raise NotImplementedError

    async def _before_check(self, step: StrEnum) -> EventSpec | bool | None:
        """What "Étape suivante" does before the step's check: ``GO_ON``, or what to return."""
        return GO_ON

    def _check(self, session_id: str | None, step: StrEnum) -> Any:
        """The service's check of ``step``: the form back, its values tidied."""
        raise NotImplementedError

    def _take_checked(self, checked: Any) -> None:
        raise NotImplementedError

    def _preview(self, session_id: str | None, checked: Any) -> Any:
        """The service's preview, every step checked again."""
        raise NotImplementedError

    def _show_preview(self, shown: Any) -> None:
        raise NotImplementedError

    def _finish(self, session_id: str | None, public_origin: str, page_language: str) -> Any:
        """The service's "Terminer", every step checked again; ``page_language`` is the
        language of the e-mails to people who have no account."""
        raise NotImplementedError

    def _finished(self, done: Any) -> None:
        raise NotImplementedError

    @rx.var
    def step_index(self) -> int:
        order = [*self._steps(), DONE]
        return order.index(self.step) if self.step in order else 0

    @rx.var
    def manages_a_company(self) -> bool:
        return bool(self.companies)

    @rx.var
    def company_name(self) -> str:
        return next((c.name for c in self.companies if c.number == self.company_number), "")

    @rx.event
    def choose_company(self, number: str) -> None:
        self.company_number = str(number)
        self._clear()

    def _go(self, step: str) -> EventSpec:
        self._clear()
        self.step = step
        # Keyboard and screen reader users start on the new step's heading, not at the top.
        return focus_when_drawn(f'[data-step-heading="{step}"]')

    @rx.event
    def previous_step(self) -> EventSpec | None:
        """ "Étape précédente": nothing checked, nothing lost."""
        steps = self._steps()
        if self.step not in steps or self.step == steps[0]:
            return None
        return self._go(steps[steps.index(self.step) - 1].value)

    @rx.event
    def edit_step(self, step: str) -> EventSpec | None:
        """ "Modifier" in the preview: back to that step with everything kept."""
        steps = self._steps()
        return self._go(step) if step in steps and self.step == steps[-1] else None

    @rx.event
    async def next_step(self) -> EventSpec | None:
        """ "Étape suivante": the step's check, then the next step (the preview checks all)."""
        steps = self._steps()
        if self.step not in steps[:-1]:
            return None
        step = steps[steps.index(self.step)]
        ready = await self._before_check(step)
        if ready is not GO_ON:
            return ready if isinstance(ready, EventSpec) else None
        checked = await self._ask(lambda session: self._check(session, step))
        if checked is None or isinstance(checked, EventSpec):
            return checked
        self._take_checked(checked)
        following = steps[steps.index(step) + 1]
        if following == steps[-1]:
            shown = await self._ask(lambda session: self._preview(session, checked))
            if shown is None or isinstance(shown, EventSpec):
                return shown
            self._show_preview(shown)
        return self._go(following.value)

    @rx.event
    async def finish(self) -> EventSpec | None:
        """ "Terminer": the service checks every step again."""
        origin = get_settings().public_origin
        language = (await self.get_state(I18nState)).lang
        done = await self._ask(lambda session: self._finish(session, origin, language))
        if done is None or isinstance(done, EventSpec):
            return done
        self._finished(done)
        return self._go(DONE)
