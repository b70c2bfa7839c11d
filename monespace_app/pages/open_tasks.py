""" "Mes tâches ouvertes" (seed 001 sub-step 3, seed 002 §3.2.2): the requests to decide, ten a
page with a search, then each ticked one evaluated ("Passer (demande suivante)", "Rejeter",
"Approuver"), the reason of a rejection on its own screen, a confirmation after each decision."""

from __future__ import annotations

import reflex as rx

from components.actions import action_button
from components.layout import loaded
from components.paged_table import Paging, paged_table
from components.roles_layout import roles_page
from foundation import routes
from state.i18n_state import I18nState
from state.roles.open_tasks_state import OpenTasksState as S
from state.roles.open_tasks_state import TaskRow


def t(key: str) -> rx.Var[str]:
    return I18nState.t[key]


def due(row: TaskRow) -> rx.Component:
    return rx.cond(row.ends_on != "", row.ends_on, t("roles.unlimited"))


def task_row(row: TaskRow) -> rx.Component:
    box_id = f"task-{row.id}"
    return rx.el.tr(
        rx.el.td(
            rx.el.input(
                id=box_id,
                type="checkbox",
                checked=S.selected_ids.contains(row.id),
                on_change=S.toggle(row.id),
                aria_label=t("roles.tasks.select") + " " + row.user + " : " + row.role,
            )
        ),
        rx.el.th(row.user, scope="row"),
        rx.el.td(row.role),
        rx.el.td(row.company),
        rx.el.td(row.starts_on),
        rx.el.td(due(row)),
        rx.el.td(row.requested_on),
        class_name=rx.cond(S.selected_ids.contains(row.id), "row-selected", ""),
    )


def select_page_box() -> rx.Component:
    return rx.el.input(
        type="checkbox",
        checked=S.page_selected,
        on_change=S.toggle_page,
        aria_label=t("roles.tasks.select_page"),
    )


def task_list() -> rx.Component:
    return rx.fragment(
        rx.el.h1(t("roles.tasks.title")),
        rx.el.h2(t("roles.tasks.overview"), " (", S.total, ")"),
        rx.el.p(t("roles.tasks.intro")),
        paged_table(
            t("roles.tasks.caption"),
            [
                select_page_box(),
                t("roles.col.user"),
                t("roles.col.role"),
                t("roles.col.company"),
                t("roles.col.start"),
                t("roles.col.due"),
                t("roles.col.requested"),
            ],
            S.rows,
            task_row,
            paging=Paging(S.page, S.pages, S.page_numbers, S.go_to),
            search=S.search,
            on_search=S.find,
            empty=t("roles.tasks.none"),
            table_id="open-tasks",
            above=t("roles.tasks.per_page"),
        ),
        rx.cond(
            S.selection_error,
            rx.el.p(t("roles.tasks.select_first"), role="alert", class_name="alert-error"),
            rx.fragment(),
        ),
        rx.el.div(
            action_button(t("roles.tasks.evaluate"), S.evaluate, class_name="button-primary"),
            class_name="actions",
        ),
    )


def details(
    rows: list[tuple[str, rx.Component | rx.Var[str] | str]], *more: rx.Component
) -> rx.Component:
    items: list[rx.Component] = []
    for key, value in rows:
        items += [rx.el.dt(t(key)), rx.el.dd(value)]
    return rx.el.dl(*items, *more, class_name="identity-list")


def requester_message() -> rx.Component:
    """A self-request's message; an accepted invitation has none, and no empty line is shown."""
    return rx.cond(
        S.current.message != "",
        rx.fragment(rx.el.dt(t("roles.tasks.message")), rx.el.dd(S.current.message)),
        rx.fragment(),
    )


def selection_list() -> rx.Component:
    def item(row: TaskRow) -> rx.Component:
        return rx.el.li(
            rx.el.strong(row.role_label),
            " — ",
            row.user,
            aria_current=rx.cond(row.id == S.current.id, "true", None),
            class_name=rx.cond(row.id == S.current.id, "selection-current", ""),
        )

    return rx.el.ol(rx.foreach(S.selection, item), class_name="selection-list")


def request_heading() -> rx.Component:
    return rx.el.h2(
        t("roles.tasks.request"), " ", S.current.role_label, " ", t("roles.tasks.by"), " ",
        S.current.user,
    )  # fmt: skip


def problem() -> rx.Component:
    return rx.cond(
        S.problem != "",
        rx.el.p(S.problem, role="alert", class_name="alert-error"),
        rx.fragment(),
    )


def back_link() -> rx.Component:
    return action_button(t("roles.tasks.back"), S.back_to_list)


def evaluation() -> rx.Component:
    current = S.current
    return rx.fragment(
        rx.el.h1(t("roles.tasks.evaluate.title")),
        rx.el.p(t("roles.tasks.selected")),
        selection_list(),
        back_link(),
        request_heading(),
        rx.el.p(t("roles.tasks.explain_approve")),
        rx.el.p(t("roles.tasks.explain_reject")),
        problem(),
        rx.el.h3(t("roles.tasks.details")),
        details(
            [
                ("roles.tasks.user", current.user),
                ("roles.tasks.requested_on", current.requested_on),
                ("roles.tasks.email", current.email),
            ],
            requester_message(),
        ),
        rx.el.h3(t("roles.tasks.content")),
        details(
            [
                (
                    "roles.tasks.role",
                    rx.el.span(current.role_label, " (", current.role_description, ")"),
                ),
                (
                    "roles.tasks.company",
                    rx.el.span(current.company, " (", current.company_number, ")"),
                ),
                ("roles.tasks.validity", rx.el.span(current.starts_on, " - ", due(current))),
                ("roles.tasks.properties", t("roles.tasks.no_properties")),
            ]
        ),
        rx.el.div(
            action_button(t("roles.tasks.skip"), S.next_request, class_name="button-secondary"),
            action_button(t("roles.tasks.reject"), S.ask_reason, class_name="button-secondary"),
            action_button(t("roles.tasks.approve"), S.approve, class_name="button-primary"),
            class_name="actions",
        ),
    )


def reason_form() -> rx.Component:
    error_id = "reason-error"
    return rx.fragment(
        rx.el.h1(t("roles.tasks.reject.title")),
        request_heading(),
        rx.el.p(t("roles.tasks.reject.intro")),
        rx.el.form(
            rx.el.div(
                rx.el.label(t("roles.tasks.reject.reason"), html_for="field-reason"),
                rx.el.textarea(
                    id="field-reason",
                    name="reason",
                    default_value=S.reason,
                    rows=5,
                    aria_invalid=rx.cond(S.reason_error != "", "true", "false"),
                    aria_describedby=rx.cond(S.reason_error != "", error_id, None),
                ),
                rx.cond(
                    S.reason_error != "",
                    rx.el.p(S.reason_error, id=error_id, role="alert", class_name="field-error"),
                    rx.fragment(),
                ),
                class_name="field field-wide",
            ),
            rx.el.div(
                action_button(
                    t("roles.tasks.reject.back"), S.back_to_request, class_name="button-secondary"
                ),
                rx.el.button(
                    t("roles.tasks.reject.confirm"), type="submit", class_name="button-primary"
                ),
                class_name="actions",
            ),
            on_submit=S.reject,
            aria_label=t("roles.tasks.reject.title"),
        ),
    )


def decided() -> rx.Component:
    return rx.fragment(
        rx.el.h1(t("roles.tasks.evaluate.title")),
        rx.el.div(
            rx.el.p(rx.el.strong(t("roles.tasks.success"))),
            rx.el.p(
                rx.cond(
                    S.decision == "approved", t("roles.tasks.approved"), t("roles.tasks.rejected")
                ),
            ),
            rx.el.p(S.current.role_label, " — ", S.current.user, " — ", S.current.company),
            role="status",
            class_name="alert-success",
        ),
        rx.el.div(
            rx.cond(
                S.has_next,
                action_button(t("roles.tasks.next"), S.next_request, class_name="button-primary"),
                rx.fragment(),
            ),
            action_button(
                t("roles.tasks.back"),
                S.back_to_list,
                class_name=rx.cond(S.has_next, "button-secondary", "button-primary"),
            ),
            class_name="actions",
        ),
    )


def open_tasks_page() -> rx.Component:
    return roles_page(
        routes.ROLE_OPEN_TASKS,
        loaded(
            S.checked,
            rx.match(
                S.view,
                ("evaluate", evaluation()),
                ("reject", reason_form()),
                ("decided", decided()),
                task_list(),
            ),
        ),
    )
