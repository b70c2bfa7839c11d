"""The pieces every step of the direct assignment shares: its heading (focused when the step
opens), the refusal about the whole step, a field's refusal, and the row of buttons "Étape
précédente", "Annuler", "Étape suivante"."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import reflex as rx

from components.roles_layout import is_built
from foundation import routes
from state.i18n_state import I18nState
from state.roles.direct_assignment_state import DirectAssignmentState as S

# "Annuler" goes back to "Gérer les attributions de rôles", or to the section's home before it.
CANCEL_TO = (
    routes.ROLE_ASSIGNMENTS_MANAGEMENT
    if is_built(routes.ROLE_ASSIGNMENTS_MANAGEMENT)
    else routes.ROLE_MANAGEMENT
)


def t(key: str) -> rx.Var[str]:
    return I18nState.t[key]


def step_heading(step: str, key: str) -> rx.Component:
    return rx.el.h2(
        t(key), tab_index=-1, custom_attrs={"data-step-heading": step}, class_name="step-heading"
    )


def text(key: str, *, class_name: str = "") -> rx.Component:
    return rx.el.p(t(key), class_name=class_name or None)


def error_of(*fields: str) -> rx.Var[str]:
    """The refusal's text when it is about one of ``fields``, else ""."""
    about = S.error_field == fields[0]
    for field in fields[1:]:
        about = about | (S.error_field == field)
    return rx.cond(about, S.error_text, "")


def field_error(field: str) -> rx.Component:
    """A refusal shown under a group of fields (not an input of its own)."""
    return rx.cond(
        error_of(field) != "",
        rx.el.p(error_of(field), id=f"{field}-error", role="alert", class_name="field-error"),
    )


def step_alert(*, any_field: bool = False) -> rx.Component:
    """A refusal about no field of the step (or, on the preview, about any)."""
    shown = (S.error_text != "") & ((S.error_field == "") | any_field)
    return rx.cond(shown, rx.el.div(S.error_text, role="alert", class_name="alert-error"))


def keep(field: str) -> Callable[[Any], Any]:
    return lambda value: S.keep(field, value)


def step_actions(
    *,
    submit: bool,
    first: bool = False,
    next_key: str = "invitation.next",
    on_next: Any = None,
) -> rx.Component:
    """``submit``: "Étape suivante" submits the step's form (Enter in a field does it too)."""
    forward = rx.el.button(
        t(next_key),
        type="submit" if submit else "button",
        on_click=None if submit else (on_next or S.next_step),
        class_name="button-primary",
    )
    back = rx.el.button(
        t("invitation.previous"),
        type="button",
        on_click=S.previous_step,
        class_name="button-secondary",
    )
    return rx.el.div(
        rx.fragment() if first else back,
        rx.el.a(t("invitation.cancel"), href=CANCEL_TO, class_name="button-secondary"),
        forward,
        class_name="actions",
    )
