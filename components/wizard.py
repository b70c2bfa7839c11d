"""The numbered steps at the top of a wizard: done ones ticked, the current one marked."""

from __future__ import annotations

from typing import Any

import reflex as rx

from state.i18n_state import I18nState


def stepper(
    step_keys: list[tuple[str, str]], current: rx.Var[str] | str, current_index: rx.Var[Any] | int
) -> rx.Component:
    """``step_keys``: (step name, catalogue key of its label), in order."""
    items = []
    for index, (name, label_key) in enumerate(step_keys):
        done = current_index > index
        items.append(
            rx.el.li(
                rx.el.span(
                    rx.cond(done, "✓", str(index + 1)), class_name="step-number", aria_hidden="true"
                ),
                rx.el.span(I18nState.t[label_key]),
                rx.cond(
                    done,
                    rx.el.span(" (", I18nState.t["wizard.done"], ")", class_name="visually-hidden"),
                    rx.fragment(),
                ),
                aria_current=rx.cond(current == name, "step", None),
                class_name=rx.cond(
                    current == name, "step step-current", rx.cond(done, "step step-done", "step")
                ),
            )
        )
    return rx.el.ol(*items, class_name="stepper")
