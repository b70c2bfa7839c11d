"""The acceptance link of a role invitation (seed 000): "Étape 1: Aperçu" with "S'identifier",
"Étape 2: Coordonnées" once identified with the eID card, or the page of a link that cannot be
accepted (unknown, expired, withdrawn, used up)."""

from __future__ import annotations

import reflex as rx

from components.actions import action_button
from components.fields import described_field
from components.layout import loaded
from components.roles_layout import roles_page
from components.wizard import stepper
from foundation import routes
from state.i18n_state import I18nState
from state.roles.acceptance_state import AcceptanceState as S
from state.roles.acceptance_state import InvitedRole

STEPS = [("overview", "roles.accept.step.overview"), ("contact", "roles.accept.step.contact")]


def t(key: str) -> rx.Var[str]:
    return I18nState.t[key]


def validity() -> rx.Component:
    return rx.el.span(
        S.valid_from, " - ", rx.cond(S.valid_until != "", S.valid_until, t("roles.unlimited"))
    )


def role_item(role: InvitedRole) -> rx.Component:
    """The role, and its properties behind "Afficher les détails" (a native disclosure)."""
    return rx.el.li(
        rx.el.details(
            rx.el.summary(
                rx.el.strong(role.label), " ", rx.el.span(t("roles.accept.show_details"))
            ),
            rx.el.dl(
                rx.el.dt(t("roles.accept.role_name")),
                rx.el.dd(role.name),
                rx.el.dt(t("roles.accept.description")),
                rx.el.dd(role.long_description),
                rx.el.dt(t("roles.accept.validity")),
                rx.el.dd(validity()),
                class_name="identity-list",
            ),
        ),
        class_name="invited-role",
    )


def three_steps() -> rx.Component:
    return rx.el.ol(
        rx.el.li(t("roles.accept.three.invite")),
        rx.el.li(t("roles.accept.three.accept")),
        rx.el.li(t("roles.accept.three.assign")),
        class_name="three-steps",
    )


def identify() -> rx.Component:
    """ "S'identifier" before any login; the eID when the login is below the high level."""
    return rx.cond(
        S.identified,
        rx.el.div(
            rx.el.p(t("roles.accept.eid_needed")),
            rx.el.a(
                t("roles.accept.identify_eid"),
                href=S.login_path,
                reload_document=True,  # the login's entry is an HTTP endpoint, not a page
                class_name="button-primary",
            ),
            class_name="alert-info",
        ),
        rx.el.a(
            t("roles.accept.identify"),
            href=S.login_path,
            reload_document=True,
            class_name="button-primary",
        ),
    )


def overview_step() -> rx.Component:
    return rx.el.section(
        rx.el.h2(t("roles.accept.overview.title")),
        rx.el.p(t("roles.accept.overview.received"), " ", t("roles.accept.overview.three_steps")),
        three_steps(),
        rx.el.p(t("roles.accept.overview.details_intro")),
        rx.el.h3(t("roles.accept.message")),
        rx.el.p(
            rx.cond(S.message != "", S.message, t("roles.accept.no_message")),
            class_name="invitation-message",
        ),
        rx.el.h3(t("roles.accept.roles")),
        rx.el.p(t("roles.accept.roles_help")),
        rx.el.h4(S.company_name),
        rx.el.ul(rx.foreach(S.roles, role_item), class_name="invited-roles"),
        rx.el.p(t("roles.accept.expires_on"), " : ", S.expires_on, class_name="field-help"),
        rx.el.div(
            rx.cond(
                S.may_accept,
                action_button(t("roles.accept.next"), S.next_step, class_name="button-primary"),
                identify(),
            ),
            class_name="actions",
        ),
    )


def contact_step() -> rx.Component:
    return rx.el.section(
        rx.el.h2(t("roles.accept.contact.title")),
        rx.el.p(t("roles.accept.contact.intro")),
        rx.el.p(t("roles.accept.required_note"), class_name="field-help"),
        rx.el.h3(S.company_name),
        rx.cond(
            S.form_error != "",
            rx.el.div(S.form_error, role="alert", class_name="alert-error"),
            rx.fragment(),
        ),
        rx.el.form(
            described_field(
                "roles.accept.email",
                "email",
                value=S.email,
                error=S.email_error,
                input_type="email",
                autocomplete="email",
            ),
            rx.el.div(
                action_button(
                    t("roles.accept.previous"), S.previous_step, class_name="button-secondary"
                ),
                rx.el.a(t("roles.accept.cancel"), href=routes.ROLE_MANAGEMENT),
                rx.el.button(t("roles.accept.submit"), type="submit", class_name="button-primary"),
                class_name="actions",
            ),
            on_submit=S.accept,
            aria_label=t("roles.accept.submit"),
        ),
    )


def link_problem() -> rx.Component:
    return rx.el.section(
        rx.el.h1(
            rx.match(
                S.problem,
                ("expired", t("roles.accept.problem.expired")),
                ("revoked", t("roles.accept.problem.revoked")),
                ("used_up", t("roles.accept.problem.used_up")),
                t("roles.accept.problem.unknown"),
            )
        ),
        rx.el.p(S.problem_text, role="alert", class_name="alert-error"),
        rx.el.p(t("roles.accept.problem.help")),
        rx.el.a(
            t("roles.accept.problem.home"),
            href=routes.ROLE_MANAGEMENT,
            class_name="button-secondary",
        ),
    )


def acceptance() -> rx.Component:
    return rx.fragment(
        rx.el.h1(
            rx.cond(S.identified, t("roles.accept.title_identified"), t("roles.accept.title"))
        ),
        stepper(STEPS, S.step, S.step_index),
        rx.cond(S.step == "contact", contact_step(), overview_step()),
    )


def role_acceptance_page() -> rx.Component:
    return roles_page(
        routes.MY_ROLE_ASSIGNMENTS,
        loaded(
            S.checked,
            rx.cond(S.problem != "", link_problem(), acceptance()),
        ),
    )
