"""The pieces of the wizards that give roles (the invitation wizard, seed 001 steps 11–18; the
direct assignment, steps 4–12), bound to the page's state (a ``RoleWizardMixin``): each step's
heading (focused when the step opens), the refusals, the row of buttons "Étape précédente",
"Annuler", "Étape suivante", the steps "Entreprise", "Rôles" and "Validité", the preview's blocks
with "Modifier", the stepper and the page around them (the "Entreprise" step and the people are
each wizard's own). The validity's fields serve a person's own request too."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import reflex as rx

from components.actions import action_button
from components.fields import checkbox_field, described_field
from components.layout import loaded, page_title
from components.role_matrix import role_matrix
from components.role_picker import role_picker
from components.wizard import stepper
from foundation import routes
from portal.companies.gap import CompanyOption
from state.i18n_state import I18nState

# A person's columns in the tables of the wizards' steps and previews.
PERSON_COLUMNS = ("surname", "first_names", "email")


def t(key: str) -> rx.Var[str]:
    return I18nState.t[key]


def text(key: str, *, class_name: str = "") -> rx.Component:
    return rx.el.p(t(key), class_name=class_name or None)


def validity_row(state: Any) -> rx.Component:
    """ "du …", "jusqu'au …" and "Illimité", kept at each keystroke (``state.keep``)."""
    fields = [
        described_field(
            f"invitation.validity.{label}",
            name,
            value=getattr(state, name),
            error=rx.cond(state.error_field == name, state.error_text, ""),
            help_key="invitation.date_help",
            on_change=lambda value, name=name: state.keep(name, value),
            disabled=state.unlimited if name == "valid_until" else False,
        )
        for label, name in (("from", "valid_from"), ("until", "valid_until"))
    ]
    return rx.el.div(
        *fields,
        checkbox_field(
            t("invitation.validity.unlimited"),
            "field-unlimited",
            checked=state.unlimited,
            on_change=state.set_unlimited,
            class_name="checkbox-field validity-unlimited",
        ),
        class_name="validity-row",
    )


@dataclass(frozen=True)
class RoleWizard:
    """One wizard's pieces: ``state`` its page's state class, ``cancel_to`` where "Annuler"
    goes."""

    state: Any
    cancel_to: str

    def step_heading(self, step: str, key: str) -> rx.Component:
        return rx.el.h2(
            t(key),
            tab_index=-1,
            custom_attrs={"data-step-heading": step},
            class_name="step-heading",
        )

    def error_of(self, *fields: str) -> rx.Var[str]:
        """The refusal's text when it is about one of ``fields``, else ""."""
        about = self.state.error_field == fields[0]
        for field in fields[1:]:
            about = about | (self.state.error_field == field)
        return rx.cond(about, self.state.error_text, "")

    def field_error(self, field: str) -> rx.Component:
        """A refusal shown under a group of fields (not an input of its own)."""
        return rx.cond(
            self.error_of(field) != "",
            rx.el.p(
                self.error_of(field), id=f"{field}-error", role="alert", class_name="field-error"
            ),
        )

    def step_alert(self, *, any_field: bool = False) -> rx.Component:
        """A refusal about no field of the step (or, on the preview, about any)."""
        state = self.state
        shown = (state.error_text != "") & ((state.error_field == "") | any_field)
        return rx.cond(shown, rx.el.div(state.error_text, role="alert", class_name="alert-error"))

    def keep(self, field: str) -> Callable[[Any], Any]:
        return lambda value: self.state.keep(field, value)

    def step_actions(
        self,
        *,
        submit: bool,
        first: bool = False,
        next_key: str = "invitation.next",
        on_next: Any = None,
    ) -> rx.Component:
        """``submit``: "Étape suivante" submits the step's form (Enter in a field does it too);
        otherwise it is a plain button."""
        forward = rx.el.button(
            t(next_key),
            type="submit" if submit else "button",
            on_click=None if submit else (on_next or self.state.next_step),
            class_name="button-primary",
        )
        back = action_button(
            t("invitation.previous"), self.state.previous_step, class_name="button-secondary"
        )
        return rx.el.div(
            rx.fragment() if first else back,
            rx.el.a(t("invitation.cancel"), href=self.cancel_to, class_name="button-secondary"),
            forward,
            class_name="actions",
        )

    def company_choice(self, company: CompanyOption) -> rx.Component:
        choice_id = "company-" + company.number
        return rx.el.div(
            rx.el.input(
                type="radio",
                id=choice_id,
                name="company",
                value=company.number,
                checked=self.state.company_number == company.number,
                on_change=lambda _: self.state.choose_company(company.number),
                aria_describedby=rx.cond(self.error_of("company") != "", "company-error", None),
            ),
            rx.el.label(company.name, " (", company.display_number, ")", html_for=choice_id),
            class_name="checkbox-field",
        )

    def roles_step(self, title_key: str, intro_key: str) -> rx.Component:
        """ "Rôles": the two-column picker beside the roles' matrix."""
        return rx.el.section(
            self.step_heading("roles", title_key),
            text(intro_key),
            text("invitation.required_note", class_name="field-help"),
            rx.el.p(t("invitation.roles.for_company"), " ", rx.el.strong(self.state.company_name)),
            self.step_alert(),
            rx.el.div(
                role_picker(self.state, error=self.error_of("roles")),
                rx.el.div(role_matrix(), class_name="roles-step-matrix"),
                class_name="roles-step",
            ),
            self.step_actions(submit=False),
        )

    def validity_step(self, title_key: str, intro_key: str) -> rx.Component:
        """ "Validité", for the roles and the company chosen."""
        legend = (
            I18nState.t["invitation.validity.for_roles"]
            .replace("{roles}", self.state.role_labels)
            .replace("{company}", self.state.company_name)
        )
        return rx.el.section(
            self.step_heading("validity", title_key),
            text(intro_key),
            text("invitation.required_note", class_name="field-help"),
            self.step_alert(),
            rx.el.form(
                rx.el.fieldset(
                    rx.el.legend(legend),
                    rx.el.p(t("invitation.validity.period"), class_name="validity-label"),
                    validity_row(self.state),
                    class_name="choice-group",
                ),
                self.step_actions(submit=True),
                on_submit=self.state.next_step,
                aria_label=t(title_key),
            ),
        )

    def preview_block(self, step: str, title_key: str, *content: rx.Component) -> rx.Component:
        """One step's values in the preview, with "Modifier", which reopens that step."""
        title_id = f"preview-{step}"
        return rx.el.section(
            rx.el.div(
                rx.el.h3(t(title_key), id=title_id),
                rx.el.button(
                    t("invitation.preview.edit"),
                    rx.el.span(" — ", t(title_key), class_name="visually-hidden"),
                    type="button",
                    on_click=self.state.edit_step(step),
                    class_name="link-button",
                ),
                class_name="preview-title",
            ),
            *content,
            aria_labelledby=title_id,
            class_name="preview-block",
        )

    def period(self) -> rx.Var[str]:
        """The preview's "du … au …" ("au permanent" for "Illimité")."""
        shown = self.state.preview
        until = rx.cond(
            shown.valid_until == "", t("invitation.preview.permanent"), shown.valid_until
        )
        template = I18nState.t["invitation.preview.period"]
        return template.replace("{from}", shown.valid_from).replace("{until}", until)

    def done_heading(self, success_key: str, *text_keys: str) -> rx.Component:
        """The end's success message, where the focus goes once "Terminer" is done."""
        return rx.el.div(
            rx.el.h2(t(success_key), tab_index=-1, custom_attrs={"data-step-heading": "done"}),
            *[text(key) for key in text_keys],
            role="status",
            class_name="alert-success",
        )

    def steps(
        self, labels: list[tuple[str, str]], first: rx.Component, *others: tuple[str, Any]
    ) -> rx.Component:
        """The stepper above the current step; ``first`` is shown for the first step."""
        state = self.state
        return rx.fragment(
            rx.cond(state.step != "done", stepper(labels, state.step, state.step_index)),
            rx.match(state.step, *others, first),
        )

    def page_content(
        self, title_key: str, done_title_key: str, no_company_key: str, wizard: rx.Component
    ) -> list[rx.Component]:
        """The title, then the wizard once the entry's checks passed, or why there is none: no
        company managed (the way to "Gestionnaires d'accès")."""
        state = self.state
        no_company = rx.el.div(
            rx.el.p(t(no_company_key)),
            rx.el.a(
                t("invitation.no_company_link"),
                href=routes.ACCESS_MANAGERS,
                class_name="button-secondary",
            ),
            class_name="alert-info",
        )
        return [
            rx.cond(state.step == "done", page_title(done_title_key), page_title(title_key)),
            loaded(
                state.ready,
                rx.cond(state.manages_a_company | (state.step == "done"), wizard, no_company),
            ),
        ]
