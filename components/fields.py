"""A form field whose refusal is shown right below it and read with it (aria-describedby)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import reflex as rx

from state.i18n_state import I18nState


def described_field(
    label_key: str,
    name: str,
    *,
    value: rx.Var[str] | str,
    error: rx.Var[str] | str,
    input_type: str = "text",
    autocomplete: str = "off",
    help_key: str | None = None,
    described_by: str = "",
    on_change: Callable[..., Any] | None = None,
    disabled: rx.Var[bool] | bool = False,
) -> rx.Component:
    """A labelled input, its help, and ``error`` (a text, "" for none) right below.

    ``value`` is the input's first value: what the person typed stays in the browser when a step
    is refused, and comes back from the state when the step is shown again. ``on_change`` (called
    with the text) lets the state keep each keystroke, for steps left without submitting."""
    events = {} if on_change is None else {"on_change": on_change}
    field_id, help_id, error_id = f"field-{name}", f"field-{name}-help", f"field-{name}-error"
    described = " ".join(i for i in (help_id if help_key else "", described_by) if i)
    return rx.el.div(
        rx.el.label(I18nState.t[label_key], html_for=field_id),
        rx.el.p(I18nState.t[help_key], id=help_id, class_name="field-help")
        if help_key
        else rx.fragment(),
        rx.el.input(
            id=field_id,
            name=name,
            type=input_type,
            auto_complete=autocomplete,
            default_value=value,
            disabled=disabled,
            aria_invalid=rx.cond(error != "", "true", "false"),
            aria_describedby=rx.cond(
                error != "", f"{described} {error_id}".strip(), described or None
            ),
            **events,
        ),
        rx.cond(
            error != "",
            rx.el.p(error, id=error_id, role="alert", class_name="field-error"),
            rx.fragment(),
        ),
        class_name="field",
    )


def checkbox_field(
    label: rx.Var[str] | str,
    box_id: str,
    *,
    checked: rx.Var[bool] | bool,
    on_change: Any,
    class_name: str = "checkbox-field",
) -> rx.Component:
    """A ticked-or-not choice ("Illimité"), its label after the box, kept as it changes."""
    return rx.el.div(
        rx.el.input(type="checkbox", id=box_id, checked=checked, on_change=on_change),
        rx.el.label(label, html_for=box_id),
        class_name=class_name,
    )
