"""Gestion des invitations - Nouvelle invitation (seed 001 steps 11–18, seed 002 §3.2.1): the six
steps with the stepper, then the page of the invitation created. Steps 1–3 are drawn here, 4–5 in
``invitation_people``, the preview and the end in ``invitation_preview``."""

from __future__ import annotations

import reflex as rx

from components.fields import described_field
from components.layout import page_title
from components.role_matrix import role_matrix
from components.role_picker import role_picker as shared_role_picker
from components.roles_layout import roles_layout
from components.wizard import stepper
from foundation import routes
from monespace_app.pages.invitation_people import details_step, persons_step
from monespace_app.pages.invitation_preview import done_step, preview_step
from monespace_app.pages.invitation_steps import (
    error_of,
    keep,
    step_actions,
    step_alert,
    step_heading,
    text,
)
from portal.companies.gap import CompanyOption
from state.i18n_state import I18nState
from state.roles.invitation_wizard_state import InvitationWizardState as S

STEP_LABELS = [
    ("company", "invitation.step.company"),
    ("roles", "invitation.step.roles"),
    ("validity", "invitation.step.validity"),
    ("persons", "invitation.step.persons"),
    ("details", "invitation.step.details"),
    ("preview", "invitation.step.preview"),
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


def company_step() -> rx.Component:
    return rx.el.section(
        step_heading("company", "invitation.company.title"),
        text("invitation.company.intro"),
        step_alert(),
        rx.el.fieldset(
            rx.el.legend(I18nState.t["invitation.company.legend"]),
            rx.foreach(S.companies, company_choice),
            rx.cond(
                error_of("company") != "",
                rx.el.p(
                    error_of("company"), id="company-error", role="alert", class_name="field-error"
                ),
            ),
            class_name="choice-group",
        ),
        step_actions(submit=False, first=True),
    )


def role_picker() -> rx.Component:
    return shared_role_picker(S, error=error_of("roles"))


def roles_step() -> rx.Component:
    return rx.el.section(
        step_heading("roles", "invitation.roles.title"),
        text("invitation.roles.intro"),
        text("invitation.required_note", class_name="field-help"),
        rx.el.p(I18nState.t["invitation.roles.for_company"], " ", rx.el.strong(S.company_name)),
        step_alert(),
        rx.el.div(
            role_picker(),
            rx.el.div(role_matrix(), class_name="roles-step-matrix"),
            class_name="roles-step",
        ),
        step_actions(submit=False),
    )


def validity_step() -> rx.Component:
    for_roles = (
        I18nState.t["invitation.validity.for_roles"]
        .replace("{roles}", S.role_labels)
        .replace("{company}", S.company_name)
    )
    return rx.el.section(
        step_heading("validity", "invitation.validity.title"),
        text("invitation.validity.intro"),
        text("invitation.required_note", class_name="field-help"),
        step_alert(),
        rx.el.form(
            rx.el.fieldset(
                rx.el.legend(for_roles),
                rx.el.p(I18nState.t["invitation.validity.period"], class_name="validity-label"),
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
                        rx.el.label(
                            I18nState.t["invitation.validity.unlimited"], html_for="field-unlimited"
                        ),
                        class_name="checkbox-field validity-unlimited",
                    ),
                    class_name="validity-row",
                ),
                class_name="choice-group",
            ),
            step_actions(submit=True),
            on_submit=S.next_step,
            aria_label=I18nState.t["invitation.validity.title"],
        ),
    )


def wizard() -> rx.Component:
    return rx.fragment(
        rx.cond(S.step != "done", stepper(STEP_LABELS, S.step, S.step_index)),
        rx.match(
            S.step,
            ("roles", roles_step()),
            ("validity", validity_step()),
            ("persons", persons_step()),
            ("details", details_step()),
            ("preview", preview_step()),
            ("done", done_step()),
            company_step(),
        ),
    )


def no_company() -> rx.Component:
    return rx.el.div(
        rx.el.p(I18nState.t["invitation.no_company"]),
        rx.el.a(
            I18nState.t["invitation.no_company_link"],
            href=routes.ACCESS_MANAGERS,
            class_name="button-secondary",
        ),
        class_name="alert-info",
    )


def invitation_wizard_page() -> rx.Component:
    return roles_layout(
        routes.ROLE_INVITATIONS,
        rx.cond(
            S.step == "done",
            page_title("invitation.done_title"),
            page_title("invitation.title"),
        ),
        rx.cond(
            S.ready,
            rx.cond(S.manages_a_company | (S.step == "done"), wizard(), no_company()),
            rx.el.p(I18nState.t["common.loading"], role="status"),
        ),
    )
