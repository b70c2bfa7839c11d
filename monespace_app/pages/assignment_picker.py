"""The first step of "Gérer les attributions de rôles" (seed 001 "Consulter le rôle attribué",
step 2): the companies the person manages, ten a page, searched, one chosen, "Continuer"."""

from __future__ import annotations

import reflex as rx

from components.actions import action_button
from components.paged_table import Paging, data_table, pager
from components.sortable_table import labelled_search
from state.i18n_state import I18nState
from state.roles.assignment_overview_state import AssignmentOverviewState as S
from state.roles.assignment_overview_state import CompanyChoice


def t(key: str) -> rx.Var[str]:
    return I18nState.t[key]


def company_row(company: CompanyChoice) -> rx.Component:
    box_id = "company-" + company.number
    return rx.el.tr(
        rx.el.td(
            rx.el.input(
                type="radio",
                id=box_id,
                name="company",
                value=company.number,
                checked=S.chosen == company.number,
                on_change=S.choose(company.number),
            )
        ),
        rx.el.th(
            rx.el.label(company.name, ", ", company.shown_number, html_for=box_id), scope="row"
        ),
        class_name=rx.cond(S.chosen == company.number, "row-selected", ""),
    )


def picker() -> rx.Component:
    return rx.fragment(
        rx.el.h2(t("roles.manage.overview")),
        rx.el.div(
            rx.el.p(t("roles.manage.pick_per_page"), class_name="table-above"),
            labelled_search(
                "roles.manage.search", S.company_search, S.find_company, field_id="company-search"
            ),
            class_name="table-tools",
        ),
        data_table(
            t("roles.manage.pick_caption"),
            [
                rx.el.span(t("roles.manage.choose"), class_name="visually-hidden"),
                t("roles.manage.companies"),
            ],
            S.companies,
            company_row,
            empty=t("roles.manage.no_company_found"),
            table_id="managed-companies",
        ),
        pager(
            Paging(S.company_page, S.company_pages, S.company_page_numbers, S.go_to_company_page),
            label=t("table.pages"),
        ),
        rx.cond(
            S.choice_error,
            rx.el.p(t("roles.manage.choose_first"), role="alert", class_name="alert-error"),
            rx.fragment(),
        ),
        rx.el.div(
            action_button(t("roles.manage.continue"), S.go_on, class_name="button-primary"),
            class_name="actions",
        ),
    )
