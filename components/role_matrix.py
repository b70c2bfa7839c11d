"""The table "Quel rôle utiliser ?" (seeds 001 step 12 and 002 §3.1): each Mon Espace role and a
tick per permission, from the role catalogue, so the table and the rules never disagree."""

from __future__ import annotations

import reflex as rx

from portal.companies.roles import PERMISSION_LABELS, matrix
from state.i18n_state import I18nState


def _cell(allowed: bool) -> rx.Component:
    if not allowed:
        return rx.el.td(rx.el.span(I18nState.t["roles.matrix.no"], class_name="visually-hidden"))
    return rx.el.td(
        rx.el.span("✓", aria_hidden="true"),
        rx.el.span(I18nState.t["roles.matrix.yes"], class_name="visually-hidden"),
        class_name="matrix-tick",
    )


def role_matrix() -> rx.Component:
    header = rx.el.tr(
        rx.el.th(I18nState.t["roles.matrix.role"], scope="col"),
        *[
            rx.el.th(I18nState.t[f"roles.permission.{permission.value}"], scope="col")
            for permission in PERMISSION_LABELS
        ],
    )
    rows = [
        rx.el.tr(rx.el.th(role.label, scope="row"), *[_cell(allowed) for allowed in ticks])
        for role, ticks in matrix()
    ]
    return rx.el.table(
        rx.el.caption(I18nState.t["roles.matrix.title"]),
        rx.el.thead(header),
        rx.el.tbody(*rows),
        class_name="data-table role-matrix",
    )
