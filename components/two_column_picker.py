"""Two lists side by side, values moved from one to the other (seed 001 steps 12–13): "Valeurs
possibles" and "Valeurs choisies", each with its filter field, and the > >> < << buttons between.

Made for the keyboard and screen readers: each value is a checkbox with its label (Tab, Space);
the buttons are real buttons whose names say what they do; each value's description is read
with it (aria-describedby) and shown while it has the focus or the pointer (Escape hides it);
a polite status says how many values are chosen.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import reflex as rx

from components.dismissible import escape_dismisses
from state.i18n_state import I18nState
from state.picker import PickerOption


@dataclass(frozen=True)
class PickerColumn:
    """One list: its title and filter's labels (catalogue keys), what it shows, and its events."""

    id: str  # unique on the page: the ids of its elements start with it
    title_key: str
    filter_key: str
    empty_key: str
    options: rx.Var[list[PickerOption]] | list[PickerOption]
    ticked: rx.Var[list[str]] | list[str]
    filter_value: rx.Var[str] | str
    on_filter: Any  # an event handler of the page's state, given the text typed
    on_tick: Any  # an event handler given (value, ticked)


@dataclass(frozen=True)
class PickerMoves:
    """The four buttons: > (the ticked values), >> (all shown), < and <<."""

    add: Any  # event handlers of the page's state, given nothing
    add_all: Any
    remove: Any
    remove_all: Any


def _option(column: PickerColumn, option: PickerOption) -> rx.Component:
    box_id = f"{column.id}-" + option.value
    description_id = box_id + "-description"
    return rx.el.li(
        rx.el.input(
            type="checkbox",
            id=box_id,
            checked=column.ticked.contains(option.value),  # type: ignore[union-attr]
            on_change=lambda ticked: column.on_tick(option.value, ticked),
            aria_describedby=description_id,
        ),
        rx.el.label(option.label, html_for=box_id),
        rx.el.span(option.description, id=description_id, class_name="picker-description"),
        class_name="picker-option",
        custom_attrs=escape_dismisses(),
    )


def _column(column: PickerColumn, *, required: bool, error: rx.Var[str]) -> rx.Component:
    title_id, filter_id, error_id = (
        f"{column.id}-title",
        f"{column.id}-filter",
        f"{column.id}-error",
    )
    return rx.el.div(
        rx.el.h3(
            I18nState.t[column.title_key],
            rx.el.span(" *", aria_hidden="true") if required else rx.fragment(),
            id=title_id,
            class_name="picker-title",
        ),
        rx.el.label(
            I18nState.t[column.filter_key], html_for=filter_id, class_name="visually-hidden"
        ),
        rx.el.input(
            id=filter_id,
            type="search",
            default_value=column.filter_value,
            on_change=column.on_filter,
            auto_complete="off",
            placeholder=I18nState.t["picker.filter"],
            class_name="picker-filter",
        ),
        rx.cond(
            column.options.length() > 0,  # type: ignore[union-attr]
            rx.el.ul(
                rx.foreach(column.options, lambda option: _option(column, option)),
                aria_labelledby=title_id,
                aria_describedby=rx.cond(error != "", error_id, None) if required else None,
                class_name="picker-list",
            ),
            rx.el.p(I18nState.t[column.empty_key], class_name="picker-empty"),
        ),
        rx.cond(
            error != "",
            rx.el.p(error, id=error_id, role="alert", class_name="field-error"),
            rx.fragment(),
        )
        if required
        else rx.fragment(),
        class_name="picker-column",
    )


def _move_button(symbol: str, label_key: str, on_click: Any) -> rx.Component:
    return rx.el.button(
        rx.el.span(symbol, aria_hidden="true"),
        rx.el.span(I18nState.t[label_key], class_name="visually-hidden"),
        type="button",
        on_click=on_click,
        title=I18nState.t[label_key],
        class_name="picker-move",
    )


def two_column_picker(
    available: PickerColumn,
    chosen: PickerColumn,
    moves: PickerMoves,
    *,
    error: rx.Var[str],
    count_key: str,
    chosen_count: rx.Var[Any] | int,
) -> rx.Component:
    """``error``: the refusal about the chosen values ("" for none), shown under their list.
    ``count_key``: the text of the status, with ``{n}`` for ``chosen_count``."""
    return rx.el.div(
        _column(available, required=False, error=error),
        rx.el.div(
            _move_button(">", "picker.add", moves.add),
            _move_button(">>", "picker.add_all", moves.add_all),
            _move_button("<", "picker.remove", moves.remove),
            _move_button("<<", "picker.remove_all", moves.remove_all),
            class_name="picker-moves",
        ),
        _column(chosen, required=True, error=error),
        rx.el.p(
            I18nState.t[count_key].replace("{n}", rx.Var.create(chosen_count).to(str)),
            role="status",
            class_name="visually-hidden",
        ),
        class_name="two-column-picker",
    )
