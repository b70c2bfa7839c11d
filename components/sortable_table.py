"""What a table sorted by its columns adds to ``paged_table``: column headers that are buttons
(the header cell carries ``aria-sort``, so a screen reader says which column orders the rows and
which way), a search field with the page's own label, and a role whose description shows while
the role has the pointer or the keyboard's focus.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import reflex as rx

from components.dismissible import escape_dismisses
from components.paged_table import search_form

Cell = rx.Component | rx.Var[str] | str


@dataclass(frozen=True)
class Sorting:
    """The state's order: the column it sorts by, which way, and the handler given a column."""

    column: rx.Var[str] | str
    descending: rx.Var[bool] | bool
    sort_by: Any  # an event handler of the page's state


def sortable_header(label: Cell, column: str, sorting: Sorting) -> rx.Component:
    """A ``th`` whose button sorts by ``column``: ascending first, then the other way."""
    current = sorting.column == column
    way = rx.cond(sorting.descending, "descending", "ascending")
    return rx.el.th(
        rx.el.button(
            label,
            rx.el.span(
                rx.cond(current, rx.cond(sorting.descending, " ▼", " ▲"), " ↕"),
                aria_hidden="true",
                class_name="sort-mark",
            ),
            type="button",
            on_click=sorting.sort_by(column),
            class_name="sort-button",
        ),
        scope="col",
        aria_sort=rx.cond(current, way, "none"),
    )


def labelled_search(
    label_key: str, value: rx.Var[str] | str, on_search: Any, *, field_id: str
) -> rx.Component:
    """A search whose field has a label of its own ("Rechercher une entreprise")."""
    return search_form(value, on_search, field_id=field_id, label_key=label_key)


def role_with_description(
    label: rx.Var[str] | str, description: rx.Var[str] | str, *, tip_id: rx.Var[str] | str
) -> rx.Component:
    """The role as a button the keyboard reaches; its description is read with it
    (``aria-describedby``) and shown beside it on hover or focus (seed 001 step 5), until
    Escape."""
    return rx.el.span(
        rx.el.button(
            label,
            type="button",
            aria_describedby=tip_id,
            class_name="role-tip",
        ),
        rx.el.span(description, id=tip_id, role="tooltip", class_name="role-tip-text"),
        class_name="role-tip-holder",
        custom_attrs=escape_dismisses(),
    )
