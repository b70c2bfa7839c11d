"""Gestion d'attribution de rôle : attribuer directement un nouveau rôle (seed 001 steps 4–12,
seed 002 §4) and "via numéro de registre national": the stepper, step 1 (``direct_people``),
2 Entreprise, 3 Rôles, 4 Propriétés, and the preview and the end (``direct_preview``)."""

from __future__ import annotations

import reflex as rx

from components.actions import action_button
from components.role_wizard import t, text
from components.roles_layout import roles_page
from foundation import routes
from monespace_app.pages.direct_people import members_step, national_number_step
from monespace_app.pages.direct_preview import done_step, preview_step
from monespace_app.pages.direct_steps import W
from state.roles.direct_assignment_state import DirectAssignmentState as S


def step_labels(first: str) -> list[tuple[str, str]]:
    return [
        ("persons", first),
        ("company", "direct.step.company"),
        ("roles", "direct.step.roles"),
        ("validity", "direct.step.validity"),
        ("preview", "direct.step.preview"),
    ]


def view_button(label_key: str, suggestions: bool) -> rx.Component:
    return action_button(
        t(label_key),
        S.show_suggestions(suggestions),
        aria_pressed=rx.cond(S.suggestions == suggestions, "true", "false"),
        class_name="tab-button",
    )


def company_step() -> rx.Component:
    return rx.el.section(
        W.step_heading("company", "direct.company.title"),
        text("direct.company.intro"),
        W.step_alert(),
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
                rx.foreach(S.companies_listed, lambda company: W.company_choice(company)),
                text("direct.company.none", class_name="field-help"),
            ),
            W.field_error("company"),
            class_name="choice-group",
        ),
        W.step_actions(submit=False),
    )


def direct_page(title_key: str, first_step: rx.Component, first_label: str) -> rx.Component:
    wizard = W.steps(
        step_labels(first_label),
        first_step,
        ("company", company_step()),
        ("roles", W.roles_step("direct.roles.title", "direct.roles.intro")),
        ("validity", W.validity_step("direct.validity.title", "direct.validity.intro")),
        ("preview", preview_step()),
        ("done", done_step()),
    )
    return roles_page(
        routes.ROLE_ASSIGNMENTS_MANAGEMENT,
        *W.page_content(title_key, "direct.done_title", "direct.no_company", wizard),
    )


def direct_assignment_page() -> rx.Component:
    """ "Donner une attribution de rôle à un salarié existant"."""
    return direct_page("direct.title", members_step(), "direct.step.persons")


def assignment_by_number_page() -> rx.Component:
    """ "Donner une attribution de rôle via numéro de registre national"."""
    return direct_page("direct.by_number_title", national_number_step(), "direct.step.person")
