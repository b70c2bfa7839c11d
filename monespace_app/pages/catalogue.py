"""Catalogue des démarches (seed 003: "Informer sur ce qu'il faut faire et comment le faire"):
by audience, searchable; each démarche opens its page with "Commencer"."""

from __future__ import annotations

import reflex as rx

from components.layout import page_layout, page_title, paragraph
from state.dossiers.catalogue_state import CatalogueState, ProcedureRow
from state.i18n_state import I18nState

AUDIENCES = ("citoyens", "entreprises", "non-marchand")


def procedure_card(row: ProcedureRow) -> rx.Component:
    return rx.el.li(
        rx.el.h2(rx.el.a(row.title, href=row.href), style={"font_size": "1.15rem"}),
        rx.el.p(I18nState.t[row.audience_key], class_name="cell-note"),
        rx.el.p(row.summary),
        class_name="procedure",
    )


def search_form() -> rx.Component:
    return rx.el.form(
        rx.el.div(
            rx.el.label(I18nState.t["catalogue.search"], html_for="recherche-demarche"),
            rx.el.input(
                id="recherche-demarche",
                name="search",
                type="search",
                default_value=CatalogueState.search,
            ),
            class_name="field",
        ),
        rx.el.div(
            rx.el.label(I18nState.t["catalogue.audience"], html_for="public-demarche"),
            rx.el.select(
                rx.el.option(I18nState.t["catalogue.audience.all"], value=""),
                *[rx.el.option(I18nState.t[f"catalogue.audience.{a}"], value=a) for a in AUDIENCES],
                id="public-demarche",
                name="audience",
                value=CatalogueState.audience,
                on_change=CatalogueState.choose_audience,
            ),
            class_name="field",
        ),
        rx.el.button(I18nState.t["catalogue.find"], type="submit", class_name="button-primary"),
        on_submit=CatalogueState.find,
        role="search",
        class_name="table-tools",
    )


def catalogue_page() -> rx.Component:
    return page_layout(
        page_title("catalogue.title"),
        paragraph("catalogue.intro"),
        search_form(),
        rx.el.p(
            CatalogueState.rows.length().to_string(),
            " ",
            I18nState.t["catalogue.found"],
            role="status",
        ),
        rx.el.ul(rx.foreach(CatalogueState.rows, procedure_card), class_name="procedures"),
    )
