"""The role picker of the wizards that give roles (seed 001 steps 8–9 and 12–13): the
two-column picker bound to a page state built on ``state.roles.role_picker_state.RolePickerMixin``
(the invitation wizard, the direct assignment, a person's own request), with the same texts."""

from __future__ import annotations

from typing import Any

import reflex as rx

from components.two_column_picker import PickerColumn, PickerMoves, two_column_picker


def role_picker(state: Any, *, error: rx.Var[str]) -> rx.Component:
    """``state``: the page's state class (a ``RolePickerMixin``); ``error``: the refusal about
    the roles chosen ("" for none), shown under "Valeurs choisies"."""
    return two_column_picker(
        PickerColumn(
            id="roles-available",
            title_key="invitation.roles.available",
            filter_key="invitation.roles.filter_available",
            empty_key="invitation.roles.none_available",
            options=state.available_roles,
            ticked=state.ticked_available,
            filter_value=state.role_filter,
            on_filter=state.filter_available,
            on_tick=state.tick_available,
        ),
        PickerColumn(
            id="roles-chosen",
            title_key="invitation.roles.chosen",
            filter_key="invitation.roles.filter_chosen",
            empty_key="invitation.roles.none_chosen",
            options=state.chosen_roles,
            ticked=state.ticked_chosen,
            filter_value=state.chosen_filter,
            on_filter=state.filter_chosen,
            on_tick=state.tick_chosen,
        ),
        PickerMoves(
            add=state.add_ticked,
            add_all=state.add_all,
            remove=state.remove_ticked,
            remove_all=state.remove_all,
        ),
        error=error,
        count_key="invitation.roles.count",
        chosen_count=state.chosen_count,
    )
