"""A table of rows shown ten at a time (seed 001, "Mes tâches ouvertes"): its caption and column
headers, a search field, and "Premier / Précédent / 1 2 3 / Suivant / Dernier".

Generic: the page's state holds the page, the number of pages, the page numbers to show
(``state.paging.page_window``) and the handlers; this only draws them. The search is a form sent
with its button or Enter, not an event per key typed.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import reflex as rx

from state.i18n_state import I18nState

Cell = rx.Component | rx.Var[str] | str


@dataclass(frozen=True)
class Paging:
    """The state's paging: 1-based ``page`` of ``pages``, ``numbers`` the buttons to show,
    ``go_to`` an event handler taking a page number."""

    page: rx.Var[int] | int
    pages: rx.Var[int] | int
    numbers: rx.Var[list[int]] | list[int]
    go_to: Any  # an event handler of the page's state


def data_table(
    caption: Cell,
    headers: Sequence[Cell],
    rows: rx.Var[list[Any]] | list[Any],
    row: Callable[[Any], rx.Component],
    *,
    empty: Cell,
    table_id: str,
    hidden_caption: bool = False,
) -> rx.Component:
    """``headers`` are the columns' names (each a ``th scope="col"``); ``row`` draws one ``tr``
    (its naming cell a ``th scope="row"``); ``empty`` stands in the body when there is no row.
    ``hidden_caption``: the caption is for screen readers only (a heading above shows it)."""
    body = rx.cond(
        rows.length() > 0,  # type: ignore[union-attr]
        rx.foreach(rows, row),
        rx.el.tr(rx.el.td(empty, col_span=len(headers))),
    )
    return _table(caption, headers, body, table_id=table_id, hidden_caption=hidden_caption)


def _table(
    caption: Cell,
    headers: Sequence[Cell],
    body: rx.Component,
    *,
    table_id: str | None,
    hidden_caption: bool,
) -> rx.Component:
    return rx.el.table(
        rx.el.caption(caption, class_name="visually-hidden" if hidden_caption else None),
        rx.el.thead(rx.el.tr(*[rx.el.th(header, scope="col") for header in headers])),
        rx.el.tbody(body),
        id=table_id,
        class_name="data-table",
    )


def search_form(
    value: rx.Var[str] | str, on_search: Any, *, field_id: str, label_key: str = "table.search"
) -> rx.Component:
    """ "Rechercher" (or ``label_key`` above the field): the form sends ``{"search": ...}``, with
    its button or Enter; an empty search shows every row."""
    return rx.el.form(
        rx.el.label(I18nState.t[label_key], html_for=field_id),
        rx.el.input(
            id=field_id, name="search", type="search", default_value=value, auto_complete="off"
        ),
        rx.el.button(I18nState.t["table.search"], type="submit", class_name="button-secondary"),
        on_submit=on_search,
        role="search",
        class_name="table-search",
    )


def listed_table(
    caption: Cell,
    headers: Sequence[Cell],
    rows: rx.Var[Any] | Sequence[Any],
    row: Callable[[Any], rx.Component],
    *,
    table_id: str | None = None,
) -> rx.Component:
    """Every row at once, the caption for screen readers only; for a list the page shows only
    when it has rows (it says so otherwise)."""
    body = rx.foreach(rows, row)
    return _table(caption, headers, body, table_id=table_id, hidden_caption=True)


def _page_button(
    label: Cell, target: rx.Var[int] | int, go_to: Any, *, off: rx.Var[bool] | bool
) -> rx.Component:
    return rx.el.button(label, type="button", on_click=go_to(target), disabled=off)


def pager(paging: Paging, *, label: rx.Var[str] | str) -> rx.Component:
    """The page buttons; the current page is marked (``aria-current``), the ends disabled."""
    at_start = paging.page <= 1
    at_end = paging.page >= paging.pages

    def number(value: rx.Var[int]) -> rx.Component:
        return rx.el.li(
            rx.el.button(
                rx.el.span(I18nState.t["table.page"], " ", class_name="visually-hidden"),
                value,
                type="button",
                on_click=paging.go_to(value),
                aria_current=rx.cond(value == paging.page, "page", None),
                class_name=rx.cond(value == paging.page, "page-current", ""),
            )
        )

    go_to = paging.go_to
    return rx.el.nav(
        rx.el.ul(
            rx.el.li(_page_button(I18nState.t["table.first"], 1, go_to, off=at_start)),
            rx.el.li(
                _page_button(I18nState.t["table.previous"], paging.page - 1, go_to, off=at_start)
            ),
            rx.foreach(paging.numbers, number),
            rx.el.li(_page_button(I18nState.t["table.next"], paging.page + 1, go_to, off=at_end)),
            rx.el.li(_page_button(I18nState.t["table.last"], paging.pages, go_to, off=at_end)),
        ),
        aria_label=label,
        class_name="pager",
    )


def paged_table(
    caption: Cell,
    headers: Sequence[Cell],
    rows: rx.Var[list[Any]] | list[Any],
    row: Callable[[Any], rx.Component],
    *,
    paging: Paging,
    search: rx.Var[str] | str,
    on_search: Any,
    empty: Cell,
    table_id: str,
    above: Cell = "",
) -> rx.Component:
    """The search, ``above`` (a line such as "Montrer 10 tâches en cours par page"), the table
    and its pager."""
    return rx.el.div(
        rx.el.div(
            rx.el.p(above, class_name="table-above"),
            search_form(search, on_search, field_id=f"{table_id}-search"),
            class_name="table-tools",
        ),
        data_table(caption, headers, rows, row, empty=empty, table_id=table_id),
        pager(paging, label=I18nState.t["table.pages"]),
        class_name="paged-table",
    )
