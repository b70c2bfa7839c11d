""" "Mes attributions de rôles" (seed 000 step 3): the person's assignments, current ones or all,
with "Opération réussie! L'invitation est acceptée." right after an acceptance."""

from __future__ import annotations

import reflex as rx

from components.actions import action_button
from components.layout import loaded
from components.paged_table import data_table
from components.roles_layout import roles_page
from components.status_badge import status_badge
from foundation import routes
from state.i18n_state import I18nState
from state.roles.my_assignments_state import AssignmentRow
from state.roles.my_assignments_state import MyAssignmentsState as S


def t(key: str) -> rx.Var[str]:
    return I18nState.t[key]


def view_button(label_key: str, current_only: bool) -> rx.Component:
    return action_button(
        t(label_key),
        S.show_current(current_only),
        aria_pressed=rx.cond(S.current_only == current_only, "true", "false"),
        class_name="tab-button",
    )


def assignment_row(row: AssignmentRow) -> rx.Component:
    return rx.el.tr(
        rx.el.th(
            row.role,
            rx.el.span(row.role_description, class_name="cell-note"),
            scope="row",
        ),
        rx.el.td(row.company, rx.el.span(row.company_number, class_name="cell-note")),
        rx.el.td(row.starts_on),
        rx.el.td(rx.cond(row.ends_on != "", row.ends_on, t("roles.unlimited"))),
        rx.el.td(status_badge(row.status)),
    )


def accepted_notice() -> rx.Component:
    return rx.cond(
        S.accepted,
        rx.el.div(
            rx.el.p(rx.el.strong(t("roles.mine.success"))),
            rx.el.p(t("roles.mine.accepted")),
            rx.el.p(t("roles.mine.what_next")),
            role="status",
            class_name="alert-success",
        ),
        rx.fragment(),
    )


def my_role_assignments_page() -> rx.Component:
    return roles_page(
        routes.MY_ROLE_ASSIGNMENTS,
        loaded(
            S.checked,
            rx.fragment(
                rx.el.h1(t("roles.mine.title")),
                rx.el.div(
                    view_button("roles.mine.current", True),
                    view_button("roles.mine.all", False),
                    role="group",
                    aria_label=t("roles.mine.views"),
                    class_name="tabs",
                ),
                rx.el.p(t("roles.mine.intro")),
                accepted_notice(),
                data_table(
                    t("roles.mine.caption"),
                    [
                        t("roles.col.role"),
                        t("roles.col.company"),
                        t("roles.col.start"),
                        t("roles.col.end"),
                        t("roles.col.status"),
                    ],
                    S.rows,
                    assignment_row,
                    empty=t("roles.mine.none"),
                    table_id="my-assignments",
                ),
                rx.el.h2(t("roles.mine.actions")),
                rx.el.p(t("roles.mine.request_intro")),
                rx.el.div(
                    rx.el.a(
                        t("roles.mine.request"),
                        href=routes.ROLE_SELF_REQUEST,
                        class_name="button-secondary",
                    ),
                    class_name="actions",
                ),
            ),
        ),
    )
