"""An assignment's status as the seeds name it ("Actif(s)/active(s)", "Suspendu(e)"...), as a
badge whose colour follows the status; the words are the catalogue's ``roles.status.<value>``."""

from __future__ import annotations

import reflex as rx

from state.i18n_state import I18nState

# The values of portal.companies.my_assignments.ShownStatus.
STATUSES = (
    "requested",
    "scheduled",
    "active",
    "rejected",
    "suspended",
    "deactivated",
    "stopped",
    "expired",
)


def status_badge(value: rx.Var[str] | str) -> rx.Component:
    """``value``: one of the statuses above (any other is shown as it is)."""
    return rx.match(
        value,
        *[
            (
                status,
                rx.el.span(
                    I18nState.t[f"roles.status.{status}"], class_name=f"badge status-{status}"
                ),
            )
            for status in STATUSES
        ],
        rx.el.span(value),
    )
