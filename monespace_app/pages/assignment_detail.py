""" "Gestion des attributions de rôles - Détail" (seed 001 "Suspendre l'ancien rôle", steps 5–7):
the assignment's details, the actions its status allows ("Arrêter" asks first; "Modifier la date
d'expiration" opens its field, refused beside it), the seed's banner once done, and
"Historique de l'attribution de rôle" with "Afficher la ligne du temps complète"."""

from __future__ import annotations

from typing import Any

import reflex as rx

from components.actions import action_button
from components.fields import checkbox_field, described_field
from components.layout import loaded
from components.paged_table import data_table
from components.roles_layout import roles_page
from components.status_badge import status_badge
from foundation import routes
from state.i18n_state import I18nState
from state.roles.assignment_detail_state import AssignmentDetailState as S
from state.roles.assignment_detail_state import HistoryRow

DONE = ("modify_end", "stop", "deactivate", "restart")


def t(key: str) -> rx.Var[str]:
    return I18nState.t[key]


def details() -> rx.Component:
    detail = S.detail
    rows: list[tuple[str, rx.Component | rx.Var[str]]] = [
        ("roles.col.role", rx.el.strong(detail.role)),
        (
            "roles.col.user",
            rx.el.span(
                rx.el.strong(detail.user),
                rx.el.span(
                    rx.el.span("✉\u00a0", aria_hidden="true"),
                    detail.email,
                    class_name="cell-note email-note",
                ),
            ),
        ),
        ("roles.detail.short", rx.el.strong(detail.short_description)),
        ("roles.detail.long", rx.el.strong(detail.long_description)),
        ("roles.col.company", rx.el.strong('"', detail.company, '", ', detail.company_number)),
        ("roles.col.start", rx.el.strong(detail.starts_on)),
        (
            "roles.col.end",
            rx.el.strong(rx.cond(detail.ends_on != "", detail.ends_on, t("roles.unlimited"))),
        ),
        ("roles.col.status", status_badge(detail.status)),
        ("roles.detail.properties", rx.el.strong(t("roles.detail.no_properties"))),
    ]
    items: list[rx.Component] = []
    for key, value in rows:
        items += [rx.el.dt(t(key)), rx.el.dd(value)]
    return rx.el.dl(*items, class_name="identity-list")


def allowed_action(action: str, on_click: Any, *, danger: bool = False) -> rx.Component:
    return rx.cond(
        S.actions.contains(action),  # type: ignore[attr-defined]
        action_button(
            t(f"roles.action.{action}"),
            on_click,
            id=f"action-{action}",
            class_name="button-danger" if danger else "button-secondary",
        ),
        rx.fragment(),
    )


def end_form() -> rx.Component:
    return rx.el.form(
        rx.el.h3(t("roles.action.modify_end")),
        checkbox_field(
            t("roles.unlimited"),
            "field-end-unlimited",
            checked=S.end_unlimited,
            on_change=S.set_end_unlimited,
        ),
        described_field(
            "roles.detail.new_end",
            "ends_on",
            value=S.end_typed,
            error=S.end_error,
            help_key="invitation.date_help",
            disabled=S.end_unlimited,
        ),
        rx.el.div(
            rx.el.button(t("roles.detail.save_end"), type="submit", class_name="button-primary"),
            action_button(t("wizard.cancel"), S.cancel_end, class_name="button-secondary"),
            class_name="actions",
        ),
        on_submit=S.save_end,
        aria_label=t("roles.action.modify_end"),
        class_name="end-form",
    )


def stop_confirmation() -> rx.Component:
    return rx.el.div(
        rx.el.p(t("roles.detail.confirm_stop"), id="confirm-stop-text"),
        rx.el.div(
            action_button(
                t("roles.detail.confirm_stop_yes"),
                S.stop,
                id="confirm-stop",
                class_name="button-danger",
            ),
            action_button(t("wizard.cancel"), S.cancel_stop, class_name="button-secondary"),
            class_name="actions",
        ),
        role="alertdialog",
        aria_label=t("roles.action.stop"),
        aria_describedby="confirm-stop-text",
        class_name="alert-error",
    )


def actions() -> rx.Component:
    return rx.el.section(
        rx.el.h2(t("roles.detail.actions"), id="detail-actions"),
        rx.cond(
            S.actions.length() > 0,  # type: ignore[attr-defined]
            rx.fragment(
                rx.el.p(t("roles.detail.actions_intro")),
                rx.el.div(
                    allowed_action("modify_end", S.open_end_form),
                    allowed_action("stop", S.ask_stop, danger=True),
                    allowed_action("deactivate", S.deactivate),
                    allowed_action("restart", S.restart),
                    class_name="actions",
                ),
            ),
            rx.el.p(t("roles.detail.no_action")),
        ),
        rx.cond(S.editing_end, end_form(), rx.fragment()),
        rx.cond(S.confirming_stop, stop_confirmation(), rx.fragment()),
        aria_labelledby="detail-actions",
    )


def history_row(line: HistoryRow) -> rx.Component:
    return rx.el.tr(
        rx.el.td(line.at, class_name="nowrap"),
        rx.el.td(line.actor),
        rx.el.th(line.action, scope="row"),
        rx.el.td(line.details),
    )


def history() -> rx.Component:
    return rx.el.section(
        rx.el.h2(t("roles.detail.history"), id="detail-history"),
        rx.cond(
            S.more_history,
            action_button(t("roles.detail.full_history"), S.show_full_history),
            rx.fragment(),
        ),
        data_table(
            rx.el.span(t("roles.detail.history"), class_name="visually-hidden"),
            [t("roles.col.date"), t("roles.col.actor"), t("roles.col.action"), t("roles.col.more")],
            S.shown_history,
            history_row,
            empty="",
            table_id="assignment-history",
        ),
        aria_labelledby="detail-history",
    )


def banner() -> rx.Component:
    return rx.cond(
        S.done != "",
        rx.el.div(
            rx.el.p(rx.el.strong(t("roles.detail.success"))),
            rx.el.p(rx.match(S.done, *[(d, t(f"roles.detail.done.{d}")) for d in DONE], "")),
            id="assignment-done",
            role="status",
            tab_index=-1,
            class_name="alert-success",
        ),
        rx.fragment(),
    )


def problem() -> rx.Component:
    return rx.cond(
        S.problem != "",
        rx.el.p(
            S.problem, id="assignment-problem", role="alert", tab_index=-1, class_name="alert-error"
        ),
        rx.fragment(),
    )


def assignment_detail_page() -> rx.Component:
    return roles_page(
        routes.ROLE_ASSIGNMENTS_MANAGEMENT,
        loaded(
            S.checked,
            rx.fragment(
                rx.el.h1(t("roles.detail.title")),
                rx.el.p(
                    t("roles.detail.intro"),
                    " ",
                    rx.el.a(t("roles.detail.back"), href=S.detail.overview_url),
                    class_name="detail-intro",
                ),
                problem(),
                banner(),
                rx.cond(
                    S.detail.role != "",
                    rx.fragment(
                        rx.el.h2(t("roles.detail.heading")),
                        details(),
                        actions(),
                        history(),
                    ),
                    rx.fragment(),
                ),
            ),
        ),
    )
