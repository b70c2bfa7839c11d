""" "Gérer les attributions de rôles - Aperçu" (seed 001 "Consulter le rôle attribué", steps 2–5;
"Suspendre l'ancien rôle", steps 2–4): the company picker, then the company's assignments, ten a
page, searched and sorted by column, each role's description on hover or focus, and the actions
(a direct assignment, the role administrators, by national register number, the CSV export)."""

from __future__ import annotations

import reflex as rx

from components.actions import action_button
from components.layout import loaded
from components.paged_table import Paging, pager
from components.roles_layout import is_built, roles_page
from components.sortable_table import (
    Sorting,
    labelled_search,
    role_with_description,
    sortable_header,
)
from components.status_badge import status_badge
from foundation import routes
from monespace_app.pages.assignment_picker import picker
from state.i18n_state import I18nState
from state.roles.assignment_overview_state import AssignmentOverviewState as S
from state.roles.assignment_overview_state import OverviewRow

TABLE_ID = "company-assignments"


def t(key: str) -> rx.Var[str]:
    return I18nState.t[key]


# The company's table


def role_cell(row: OverviewRow) -> rx.Component:
    return rx.el.th(
        role_with_description(row.role, row.role_description, tip_id=f"role-tip-{row.id}"),
        scope="row",
    )


def user_cell(row: OverviewRow) -> rx.Component:
    return rx.el.td(
        row.user,
        rx.el.span(
            rx.el.span("✉\u00a0", aria_hidden="true"), row.email, class_name="cell-note email-note"
        ),
    )


def details_cell(row: OverviewRow) -> rx.Component:
    return rx.el.td(
        rx.el.a(
            t("roles.manage.details_link"),
            rx.el.span(" : ", row.role, ", ", row.user, class_name="visually-hidden"),
            href=row.detail_url,
        )
    )


def detailed_row(row: OverviewRow) -> rx.Component:
    return rx.el.tr(
        role_cell(row),
        user_cell(row),
        rx.el.td(row.starts_on),
        rx.el.td(rx.cond(row.ends_on != "", row.ends_on, t("roles.unlimited"))),
        rx.el.td(status_badge(row.status)),
        rx.el.td(rx.cond(row.properties != "", row.properties, "-")),
        details_cell(row),
    )


def simple_row(row: OverviewRow) -> rx.Component:
    return rx.el.tr(
        role_cell(row), user_cell(row), rx.el.td(status_badge(row.status)), details_cell(row)
    )


def assignments_table(*, detailed: bool) -> rx.Component:
    sorting = Sorting(S.sort_column, S.descending, S.sort_by)
    role = sortable_header(t("roles.col.role"), "role", sorting)
    user = sortable_header(t("roles.col.user"), "user", sorting)
    status = sortable_header(t("roles.col.status"), "status", sorting)
    details = rx.el.th(t("roles.col.details"), scope="col")
    headers = (
        [
            role,
            user,
            sortable_header(t("roles.col.start"), "starts_on", sorting),
            sortable_header(t("roles.col.end"), "ends_on", sorting),
            status,
            rx.el.th(t("roles.col.properties"), scope="col"),
            details,
        ]
        if detailed
        else [role, user, status, details]
    )
    return rx.el.table(
        rx.el.caption(t("roles.manage.caption"), " ", S.company.name),
        rx.el.thead(rx.el.tr(*headers)),
        rx.el.tbody(
            rx.cond(
                S.rows.length() > 0,  # type: ignore[attr-defined]
                rx.foreach(S.rows, detailed_row if detailed else simple_row),
                rx.el.tr(
                    rx.el.td(
                        rx.cond(S.search != "", t("roles.manage.none"), t("roles.manage.empty")),
                        col_span=len(headers),
                    )
                ),
            )
        ),
        id=f"{TABLE_ID}-table",
        class_name="data-table assignments-table",
    )


def company_heading() -> rx.Component:
    company = S.company
    return rx.el.div(
        rx.el.h3(
            t("roles.manage.company"),
            ' "',
            company.name,
            '", ',
            company.shown_number,
            ", (",
            company.assignments,
            ")",
        ),
        action_button(
            rx.cond(S.expanded, t("roles.manage.hide_details"), t("roles.manage.show_details")),
            S.show_all(~S.expanded),
            aria_expanded=rx.cond(S.expanded, "true", "false"),
            aria_controls=TABLE_ID,
        ),
        class_name="company-heading",
    )


def company_assignments() -> rx.Component:
    return rx.el.div(
        rx.el.div(
            rx.el.p(t("roles.manage.per_page"), class_name="table-above"),
            labelled_search("roles.manage.search", S.search, S.find, field_id="assignments-search"),
            class_name="table-tools",
        ),
        rx.cond(S.detailed, assignments_table(detailed=True), assignments_table(detailed=False)),
        pager(Paging(S.page, S.pages, S.page_numbers, S.go_to), label=t("table.pages")),
        id=TABLE_ID,
        hidden=~S.expanded,
        class_name="paged-table",
    )


def view_button(label_key: str, detailed: bool) -> rx.Component:
    return action_button(
        t(label_key),
        S.show_detailed(detailed),
        aria_pressed=rx.cond(S.detailed == detailed, "true", "false"),
        class_name="tab-button",
    )


def action(text_key: str, label_key: str, route: str) -> rx.Component:
    if not is_built(route):  # a page still to come is not offered as a dead link
        return rx.fragment()
    return rx.el.li(rx.el.p(t(text_key)), rx.el.a(t(label_key), href=route))


def actions() -> rx.Component:
    return rx.el.section(
        rx.el.h2(t("roles.manage.actions"), id="overview-actions"),
        rx.el.ul(
            action(
                "roles.manage.action.existing.text",
                "roles.manage.action.existing",
                routes.ROLE_DIRECT_ASSIGNMENT,
            ),
            action(
                "roles.manage.action.administrators.text",
                "roles.manage.action.administrators",
                routes.ROLE_ADMINISTRATORS,
            ),
            action(
                "roles.manage.action.national_number.text",
                "roles.manage.action.national_number",
                routes.ROLE_ASSIGNMENT_BY_NATIONAL_NUMBER,
            ),
            rx.el.li(
                rx.el.p(t("roles.manage.action.export.text")),
                rx.el.a(
                    t("roles.manage.action.export"),
                    href=S.export_url,
                    # A download from an HTTP endpoint: the browser's own request, not a route.
                    reload_document=True,
                ),
            ),
            class_name="overview-actions",
        ),
        aria_labelledby="overview-actions",
    )


def overview() -> rx.Component:
    return rx.fragment(
        rx.el.div(
            rx.el.h2(t("roles.manage.overview")),
            action_button(
                rx.cond(S.expanded, t("roles.manage.hide_all"), t("roles.manage.show_all")),
                S.show_all(~S.expanded),
                aria_expanded=rx.cond(S.expanded, "true", "false"),
                aria_controls=TABLE_ID,
            ),
            class_name="overview-heading",
        ),
        rx.el.section(company_heading(), company_assignments(), class_name="company-block"),
        rx.cond(
            S.several,
            action_button(
                t("roles.manage.other_company"), S.change_company, class_name="button-secondary"
            ),
            rx.fragment(),
        ),
        actions(),
    )


def assignment_overview_page() -> rx.Component:
    return roles_page(
        routes.ROLE_ASSIGNMENTS_MANAGEMENT,
        loaded(
            S.checked,
            rx.fragment(
                rx.el.h1(t("roles.manage.title")),
                rx.cond(
                    S.view == "overview",
                    rx.el.div(
                        view_button("roles.manage.simple", False),
                        view_button("roles.manage.detailed", True),
                        role="group",
                        aria_label=t("roles.manage.views"),
                        class_name="tabs",
                    ),
                    rx.fragment(),
                ),
                rx.el.p(t("roles.manage.intro")),
                rx.cond(
                    S.problem != "",
                    rx.el.p(S.problem, role="alert", class_name="alert-error"),
                    rx.fragment(),
                ),
                rx.match(
                    S.view,
                    ("overview", overview()),
                    ("none", rx.el.p(t("roles.manage.none_managed"), class_name="alert-info")),
                    picker(),
                ),
            ),
        ),
    )
