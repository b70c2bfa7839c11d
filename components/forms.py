"""Form pieces: labelled fields, messages that screen readers announce, buttons."""

from __future__ import annotations

import reflex as rx

from state.i18n_state import I18nState


def text_field(
    label_key: str,
    name: str,
    *,
    input_type: str = "email",
    autocomplete: str = "email",
    default_value: rx.Var[str] | str = "",
    required: bool = True,
) -> rx.Component:
    field_id = f"field-{name}"
    return rx.el.div(
        rx.el.label(I18nState.t[label_key], html_for=field_id),
        rx.el.input(
            id=field_id,
            name=name,
            type=input_type,
            auto_complete=autocomplete,
            required=required,
            default_value=default_value,
        ),
        class_name="field",
    )


def error_message(key: rx.Var[str] | str) -> rx.Component:
    """Shown only when ``key`` is set; role=alert so it is read out at once."""
    return rx.cond(
        key != "",
        rx.el.div(I18nState.t[key], role="alert", class_name="alert-error"),
        rx.fragment(),
    )


def success_message(key: str, visible: rx.Var[bool] | bool) -> rx.Component:
    return rx.cond(
        visible,
        rx.el.div(I18nState.t[key], role="status", class_name="alert-success"),
        rx.fragment(),
    )


def submit_button(label_key: str, *, class_name: str = "button-primary") -> rx.Component:
    return rx.el.button(I18nState.t[label_key], type="submit", class_name=class_name)


def identity_list(rows: list[tuple[str, rx.Var[str] | str]]) -> rx.Component:
    items: list[rx.Component] = []
    for label_key, value in rows:
        items.append(rx.el.dt(I18nState.t[label_key]))
        items.append(rx.el.dd(value))
    return rx.el.dl(*items, class_name="identity-list")


def print_button(label_key: str, *, class_name: str = "button-primary") -> rx.Component:
    """Opens the browser's print dialog; the print styles leave only the content on paper."""
    return rx.el.button(
        I18nState.t[label_key],
        type="button",
        on_click=rx.call_script("window.print()"),
        class_name=class_name,
    )
