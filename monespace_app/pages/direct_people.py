"""Step 1 of the direct assignment (seed 001 steps 4–6): "Personnes choisies" with "Supprimer",
"Rechercher des personnes" among the members of the managed companies (at least one field),
"Résultats de la recherche" ten a page with their checkboxes and "Ajouter les personnes
sélectionnées"; or, "via numéro de registre national", the number and the person it names."""

from __future__ import annotations

import reflex as rx

from components.actions import action_button, hidden
from components.fields import described_field
from components.forms import submit_button
from components.paged_table import Paging, data_table, pager
from components.role_wizard import t, text
from monespace_app.pages.direct_steps import W
from portal.companies.members import Member
from state.roles.direct_assignment_state import DirectAssignmentState as S

COLUMNS = ("surname", "first_names", "company", "email")


def headers(*extra: rx.Var[str]) -> list[rx.Var[str]]:
    return [*[t(f"direct.persons.{c}") for c in COLUMNS], *extra]


def chosen_row(member: Member) -> rx.Component:
    who = hidden(" ", member.first_names, " ", member.surname)
    return rx.el.tr(
        rx.el.th(member.surname, scope="row"),
        rx.el.td(member.first_names),
        rx.el.td(member.company),
        rx.el.td(member.email),
        rx.el.td(action_button(t("direct.persons.remove"), S.remove_chosen(member.key), who)),
    )


def chosen_persons() -> rx.Component:
    return rx.el.section(
        rx.el.h3(t("direct.persons.chosen"), id="chosen-title", tab_index=-1),
        rx.cond(
            S.has_chosen,
            data_table(
                t("direct.persons.chosen"),
                headers(t("direct.persons.actions")),
                S.chosen,
                chosen_row,
                empty="",
                table_id="chosen-persons",
                hidden_caption=True,
            ),
            text("direct.persons.none_chosen", class_name="field-help"),
        ),
        W.field_error("persons"),
        aria_labelledby="chosen-title",
    )


def search_field(name: str, value: rx.Var[str] | str) -> rx.Component:
    return described_field(
        f"direct.persons.{name}",
        f"search_{name}",
        value=value,
        error="",
        input_type="email" if name == "email" else "text",
    )


def search_form() -> rx.Component:
    return rx.el.section(
        rx.el.h3(t("direct.search.title"), id="search-title"),
        text("direct.search.intro"),
        rx.el.form(
            rx.el.div(
                search_field("surname", S.search_surname),
                search_field("first_names", S.search_first_names),
                search_field("email", S.search_email),
                search_field("company", S.search_company),
                class_name="person-fields",
            ),
            W.field_error("search"),
            rx.el.div(
                submit_button("direct.search.submit", class_name="button-secondary"),
                class_name="actions",
            ),
            on_submit=S.search,
            role="search",
            aria_labelledby="search-title",
        ),
        aria_labelledby="search-title",
    )


def result_row(member: Member) -> rx.Component:
    box_id = "member-" + rx.Var.create(member.key).to(str)
    return rx.el.tr(
        rx.el.td(
            rx.el.input(
                type="checkbox",
                id=box_id,
                checked=S.ticked_results.contains(member.key),  # type: ignore[attr-defined]
                on_change=lambda ticked: S.tick_result(member.key, ticked),
            ),
            rx.el.label(
                t("direct.results.select"),
                " ",
                member.first_names,
                " ",
                member.surname,
                " (",
                member.company,
                ")",
                html_for=box_id,
                class_name="visually-hidden",
            ),
        ),
        rx.el.th(member.surname, scope="row"),
        rx.el.td(member.first_names),
        rx.el.td(member.company),
        rx.el.td(member.email),
    )


def results() -> rx.Component:
    paging = Paging(S.results_page, S.results_pages, S.result_numbers, S.results_page_to)
    return rx.cond(
        S.searched,
        rx.el.section(
            rx.el.h3(t("direct.results.title"), id="results-title"),
            text("direct.results.intro"),
            text("direct.results.per_page", class_name="table-above"),
            data_table(
                t("direct.results.title"),
                [t("direct.results.choose"), *headers()],
                S.results,
                result_row,
                empty=t("direct.results.none"),
                table_id="member-results",
                hidden_caption=True,
            ),
            pager(paging, label=t("direct.results.pages")),
            W.field_error("results"),
            rx.el.div(
                action_button(
                    t("direct.results.add"), S.add_selected, class_name="button-secondary"
                ),
                class_name="actions",
            ),
            aria_labelledby="results-title",
        ),
    )


def members_step() -> rx.Component:
    return rx.el.section(
        W.step_heading("persons", "direct.persons.title"),
        text("direct.persons.intro"),
        W.step_alert(),
        chosen_persons(),
        search_form(),
        results(),
        W.step_actions(submit=False, first=True),
    )


def person_details() -> rx.Component:
    """Once the number is looked up: the name found (read only) or typed, and the address."""
    email = described_field(
        "direct.person.email",
        "email",
        value=S.person_email,
        error=W.error_of("email"),
        input_type="email",
        autocomplete="off",
        help_key="direct.person.email_help",
        on_change=W.keep("email"),
    )
    typed = [
        described_field(
            f"direct.person.{name}",
            name,
            value=value,
            error=W.error_of(name),
            on_change=W.keep(name),
        )
        for name, value in (("surname", S.person_surname), ("first_names", S.person_first_names))
    ]
    return rx.cond(
        S.looked_up,
        rx.el.form(
            rx.cond(
                S.known,
                rx.fragment(
                    text("direct.person.found"),
                    rx.el.dl(
                        rx.el.dt(t("direct.person.surname_label")),
                        rx.el.dd(S.person_surname),
                        rx.el.dt(t("direct.person.first_names_label")),
                        rx.el.dd(S.person_first_names),
                        class_name="identity-list",
                    ),
                ),
                rx.fragment(text("direct.person.unknown", class_name="alert-info"), *typed),
            ),
            email,
            W.step_actions(submit=True, first=True),
            on_submit=S.next_step,
            aria_label=t("direct.person.details"),
        ),
        W.step_actions(submit=False, first=True),
    )


def national_number_step() -> rx.Component:
    return rx.el.section(
        W.step_heading("persons", "direct.person.title"),
        text("direct.person.intro"),
        W.step_alert(),
        rx.el.form(
            described_field(
                "direct.person.national_number",
                "national_number",
                value=S.national_number,
                error=W.error_of("national_number"),
                help_key="direct.person.national_number_help",
                on_change=W.keep("national_number"),
            ),
            rx.el.div(
                submit_button("direct.search.submit", class_name="button-secondary"),
                class_name="actions",
            ),
            on_submit=S.look_up,
            role="search",
            aria_label=t("direct.person.search"),
        ),
        person_details(),
    )
