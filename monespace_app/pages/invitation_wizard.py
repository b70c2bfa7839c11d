"""Gestion des invitations - Nouvelle invitation (seed 001 steps 11–18, seed 002 §3.2.1): the six
steps with the stepper, then the page of the invitation created. Steps 1–3 are drawn here, 4–5 in
``invitation_people``, the preview and the end in ``invitation_preview``."""

from __future__ import annotations

import reflex as rx

from components.role_wizard import t, text
from components.roles_layout import roles_layout
from foundation import routes
from monespace_app.pages.invitation_people import details_step, persons_step
from monespace_app.pages.invitation_preview import done_step, preview_step
from monespace_app.pages.invitation_steps import W
from state.roles.invitation_wizard_state import InvitationWizardState as S

STEP_LABELS = [
    ("company", "invitation.step.company"),
    ("roles", "invitation.step.roles"),
    ("validity", "invitation.step.validity"),
    ("persons", "invitation.step.persons"),
    ("details", "invitation.step.details"),
    ("preview", "invitation.step.preview"),
]


def company_step() -> rx.Component:
    return rx.el.section(
        W.step_heading("company", "invitation.company.title"),
        text("invitation.company.intro"),
        W.step_alert(),
        rx.el.fieldset(
            rx.el.legend(t("invitation.company.legend")),
            rx.foreach(S.companies, lambda company: W.company_choice(company)),
            W.field_error("company"),
            class_name="choice-group",
        ),
        W.step_actions(submit=False, first=True),
    )


def invitation_wizard_page() -> rx.Component:
    wizard = W.steps(
        STEP_LABELS,
        company_step(),
        ("roles", W.roles_step("invitation.roles.title", "invitation.roles.intro")),
        ("validity", W.validity_step("invitation.validity.title", "invitation.validity.intro")),
        ("persons", persons_step()),
        ("details", details_step()),
        ("preview", preview_step()),
        ("done", done_step()),
    )
    return roles_layout(
        routes.ROLE_INVITATIONS,
        *W.page_content(
            "invitation.title", "invitation.done_title", "invitation.no_company", wizard
        ),
    )
