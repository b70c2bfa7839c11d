"""Gestion d'attribution de rôle : attribuer directement un nouveau rôle (seed 001 steps 4–12,
seed 002 §4) and "via numéro de registre national": the stepper, step 1 (``direct_people``),
2 Entreprise, 3 Rôles, 4 Propriétés, and the preview and the end (``direct_preview``)."""

from __future__ import annotations

import reflex as rx

from components.fields import described_field
from components.layout import page_title
from components.role_matrix import role_matrix
from components.role_picker import role_picker
from components.roles_layout import roles_layout
from components.wizard import stepper
from foundation import routes
from monespace_app.pages.direct_people import members_step, national_number_step
from monespace_app.pages.direct_preview import done_step, preview_step
from monespace_app.pages.direct_steps import (
    error_of,
    field_error,
    keep,
    step_actions,
    step_alert,
    step_heading,
    t,
    text,
)
from portal.companies.direct_form import CompanyOption
from state.i18n_state import I18nState
from state.roles.direct_assignment_state import DirectAssignmentState as S


def step_labels(first: str) -> list[tuple[str, str]]:
    return [
        ("persons", first),
        ("company", "direct.step.company"),
        ("roles", "direct.step.roles"),
        ("validity", "direct.step.validity"),
        ("preview", "direct.step.preview"),
    ]


def company_choice(company: CompanyOption) -> rx.Component:
    choice_id = "company-" + company.number
    return rx.el.div(
        rx.el.input(
            type="radio",
            id=choice_id,
            name="company",
            value=company.number,
            checked=S.company_number == company.number,
            on_change=lambda _: S.choose_company(company.number),
            aria_describedby=rx.cond(error_of("company") != "", "company-error", None),
        ),
        rx.el.label(company.name, " (", company.display_number, ")", html_for=choice_id),
        class_name="checkbox-field",
    )


def view_button(label_key: str, suggestions: bool) -> rx.Component:
    return rx.el.button(
        t(label_key),
        type="button",
        on_click=S.show_suggestions(suggestions),
        aria_pressed=rx.cond(S.suggestions == suggestions, "true", "false"),
        class_name="tab-button",
    )


def company_step() -> rx.Component:
    return rx.el.section(
        step_heading("company", "direct.company.title"),
        text("direct.company.intro"),
        step_alert(),
        rx.cond(
            S.by_number,
            rx.fragment(),
            rx.fragment(
                text("direct.company.members_of"),
                rx.el.div(
                    view_button("direct.company.suggestions", True),
                    view_button("direct.company.managed", False),
                    role="group",
                    aria_label=t("direct.company.views"),
                    class_name="tabs",
                ),
            ),
        ),
        rx.el.div(
            rx.el.label(t("direct.company.search"), html_for="company-search"),
            rx.el.input(
                id="company-search",
                type="search",
                default_value=S.company_search,
                on_change=S.filter_companies,
                auto_complete="off",
            ),
            class_name="field",
        ),
        rx.el.fieldset(
            rx.el.legend(t("invitation.company.legend")),
            rx.cond(
                S.companies_listed.length() > 0,
                rx.foreach(S.companies_listed, company_choice),
                text("direct.company.none", class_name="field-help"),
            ),
            field_error("company"),
            class_name="choice-group",
        ),
        step_actions(submit=False),
    )


def roles_step() -> rx.Component:
    return rx.el.section(
        step_heading("roles", "direct.roles.title"),
        text("direct.roles.intro"),
        text("invitation.required_note", class_name="field-help"),
        rx.el.p(t("invitation.roles.for_company"), " ", rx.el.strong(S.company_name)),
        step_alert(),
        rx.el.div(
            role_picker(S, error=error_of("roles")),
            rx.el.div(role_matrix(), class_name="roles-step-matrix"),
            class_name="roles-step",
        ),
        step_actions(submit=False),
    )


def validity_step() -> rx.Component:
    legend = (
        I18nState.t["invitation.validity.for_roles"]
        .replace("{roles}", S.role_labels)
        .replace("{company}", S.company_name)
    )
    return rx.el.section(
        step_heading("validity", "direct.validity.title"),
        text("direct.validity.intro"),
        text("invitation.required_note", class_name="field-help"),
        step_alert(),
        rx.el.form(
            rx.el.fieldset(
                rx.el.legend(legend),
                rx.el.p(t("invitation.validity.period"), class_name="validity-label"),
                rx.el.div(
                    described_field(
                        "invitation.validity.from",
                        "valid_from",
                        value=S.valid_from,
                        error=error_of("valid_from"),
                        help_key="invitation.date_help",
                        on_change=keep("valid_from"),
                    ),
                    described_field(
                        "invitation.validity.until",
                        "valid_until",
                        value=S.valid_until,
                        error=error_of("valid_until"),
                        help_key="invitation.date_help",
                        on_change=keep("valid_until"),
                        disabled=S.unlimited,
                    ),
                    rx.el.div(
                        rx.el.input(
                            type="checkbox",
                            id="field-unlimited",
                            checked=S.unlimited,
                            on_change=S.set_unlimited,
                        ),
                        rx.el.label(t("invitation.validity.unlimited"), html_for="field-unlimited"),
                        class_name="checkbox-field validity-unlimited",
                    ),
                    class_name="validity-row",
                ),
                class_name="choice-group",
            ),
            step_actions(submit=True),
            on_submit=S.next_step,
            aria_label=t("direct.validity.title"),
        ),
    )


def wizard(first_step: rx.Component, first_label: str) -> rx.Component:
    return rx.fragment(
        rx.cond(S.step != "done", stepper(step_labels(first_label), S.step, S.step_index)),
        rx.match(
            S.step,
            ("company", company_step()),
            ("roles", roles_step()),
            ("validity", validity_step()),
            ("preview", preview_step()),
            ("done", done_step()),
            first_step,
        ),
    )


def no_company() -> rx.Component:
    return rx.el.div(
        rx.el.p(t("direct.no_company")),
        rx.el.a(
            t("invitation.no_company_link"),
            href=routes.ACCESS_MANAGERS,
            class_name="button-secondary",
        ),
        class_name="alert-info",
    )


def direct_page(title_key: str, first_step: rx.Component, first_label: str) -> rx.Component:
    return roles_layout(
        routes.ROLE_ASSIGNMENTS_MANAGEMENT,
        rx.el.div(
            rx.cond(S.step == "done", page_title("direct.done_title"), page_title(title_key)),
            rx.cond(
                S.ready,
                rx.cond(
                    S.manages_a_company | (S.step == "done"),
                    wizard(first_step, first_label),
                    no_company(),
                ),
                rx.el.p(t("common.loading"), role="status"),
            ),
            class_name="role-requests",
        ),
    )


def direct_assignment_page() -> rx.Component:
    """ "Donner une attribution de rôle à un salarié existant"."""
    return direct_page("direct.title", members_step(), "direct.step.persons")


def assignment_by_number_page() -> rx.Component:
    """ "Donner une attribution de rôle via numéro de registre national"."""
    return direct_page("direct.by_number_title", national_number_step(), "direct.step.person")
