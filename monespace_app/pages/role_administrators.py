""" "Gérer les administrateurs de l'attribution des rôles": the company's current role
administrators with "Supprimer" (confirmed first), and the form that names one more."""

from __future__ import annotations

import reflex as rx

from components.actions import action_button, confirmation, hidden
from components.fields import described_field
from components.layout import loaded, page_title
from components.paged_table import data_table
from components.roles_layout import roles_page
from foundation import routes
from portal.companies.administrator_visits import AdministratorRow
from portal.companies.direct_form import CompanyOption
from state.i18n_state import I18nState
from state.roles.administrators_state import AdministratorsState as S


def t(key: str) -> rx.Var[str]:
    return I18nState.t[key]


def error_of(field: str) -> rx.Var[str]:
    return rx.cond(S.error_field == field, S.error_text, "")


def administrator_row(row: AdministratorRow) -> rx.Component:
    who = hidden(" ", row.first_names, " ", row.surname)
    return rx.el.tr(
        rx.el.th(row.surname, scope="row"),
        rx.el.td(row.first_names),
        rx.el.td(row.email),
        rx.el.td(row.named_on),
        rx.el.td(action_button(t("administrators.remove"), S.ask_remove(row.id), who)),
    )


def remove_confirmation() -> rx.Component:
    question = (
        I18nState.t["administrators.remove_confirm"]
        .replace("{name}", S.removing_name)
        .replace("{company}", S.company_name)
    )
    return rx.cond(
        S.confirm_remove != 0,
        confirmation(
            "remove",
            question,
            confirm=t("administrators.remove"),
            on_confirm=S.remove(S.confirm_remove),
            cancel=t("invitation.cancel"),
            on_cancel=S.cancel_remove,
        ),
    )


def company_option(company: CompanyOption) -> rx.Component:
    return rx.el.option(company.name, " (", company.display_number, ")", value=company.number)


def company_choice() -> rx.Component:
    return rx.cond(
        S.companies.length() > 1,  # type: ignore[attr-defined]
        rx.el.div(
            rx.el.label(t("administrators.company"), html_for="company-choice"),
            rx.el.select(
                rx.foreach(S.companies, company_option),
                id="company-choice",
                value=S.company_number,
                on_change=S.choose_company,
            ),
            class_name="field",
        ),
        rx.el.p(t("administrators.company"), " ", rx.el.strong(S.company_name)),
    )


def notices() -> rx.Component:
    done = rx.match(
        S.done,
        ("named", t("administrators.named")),
        ("removed", t("administrators.removed")),
        "",
    )
    return rx.fragment(
        rx.cond(
            S.done != "",
            rx.el.div(
                rx.el.p(rx.el.strong(t("roles.mine.success"))),
                rx.el.p(done),
                id="administrators-done",
                tab_index=-1,
                role="status",
                class_name="alert-success",
            ),
        ),
        rx.cond(
            (S.error_text != "") & (S.error_field == ""),
            rx.el.div(S.error_text, role="alert", class_name="alert-error"),
        ),
    )


def add_form() -> rx.Component:
    fields = [
        described_field(
            f"administrators.{name}",
            name,
            value=value,
            error=error_of(name),
            input_type="email" if name == "email" else "text",
            help_key="direct.person.national_number_help" if name == "national_number" else None,
            on_change=lambda typed, name=name: S.keep(name, typed),
        )
        for name, value in (
            ("surname", S.surname),
            ("first_names", S.first_names),
            ("national_number", S.national_number),
            ("email", S.email),
        )
    ]
    return rx.el.section(
        rx.el.h2(t("administrators.add_title"), id="add-title"),
        rx.el.p(t("administrators.add_intro")),
        rx.el.form(
            rx.el.div(*fields, class_name="field-wide", key=S.form_key),
            rx.el.div(
                rx.el.button(t("administrators.add"), type="submit", class_name="button-primary"),
                class_name="actions",
            ),
            on_submit=S.name,
            aria_labelledby="add-title",
        ),
        aria_labelledby="add-title",
    )


def administrators_list() -> rx.Component:
    columns = ("surname", "first_names", "email", "named_on", "actions")
    return rx.fragment(
        company_choice(),
        notices(),
        remove_confirmation(),
        rx.el.h2(t("administrators.caption")),
        data_table(
            t("administrators.caption"),
            [t(f"administrators.col.{c}") for c in columns],
            S.administrators,
            administrator_row,
            empty=t("administrators.none"),
            table_id="role-administrators",
            hidden_caption=True,
        ),
        add_form(),
    )


def role_administrators_page() -> rx.Component:
    return roles_page(
        routes.ROLE_ASSIGNMENTS_MANAGEMENT,
        page_title("administrators.title"),
        loaded(
            S.ready,
            rx.fragment(
                rx.el.p(t("administrators.intro")),
                rx.cond(
                    S.company_number != "",
                    administrators_list(),
                    rx.el.p(t("administrators.not_gap"), class_name="alert-info"),
                ),
            ),
        ),
    )
