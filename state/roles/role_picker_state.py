"""The role picker of the wizards (seed 001 steps 12–13): "Valeurs possibles" filtered by name,
"Valeurs choisies", and the > >> < << buttons moving the ticked or all the values shown.

A mixin: the invitation wizard uses it, and so can the next wizards that give roles. The roles
and their filter are the catalogue's (``portal.companies.roles``); whether the chosen codes exist
is checked by the service at "Étape suivante", not here.
"""

from __future__ import annotations

import reflex as rx

from portal.companies.roles import Role, filter_roles
from state.picker import PickerOption, moved


def _option(role: Role) -> PickerOption:
    return PickerOption(role.code, role.name, role.long_description)


class RolePickerMixin(rx.State, mixin=True):
    role_codes: list[str] = []  # noqa: RUF012 - Reflex state vars are declared this way
    role_filter: str = ""
    chosen_filter: str = ""
    ticked_available: list[str] = []  # noqa: RUF012
    ticked_chosen: list[str] = []  # noqa: RUF012

    @rx.var
    def chosen_count(self) -> int:
        return len(self.role_codes)

    @rx.var
    def available_roles(self) -> list[PickerOption]:
        return [_option(r) for r in filter_roles(self.role_filter) if r.code not in self.role_codes]

    @rx.var
    def chosen_roles(self) -> list[PickerOption]:
        shown = {r.code: r for r in filter_roles(self.chosen_filter)}
        return [_option(shown[code]) for code in self.role_codes if code in shown]

    def _shown(self, options: list[PickerOption]) -> list[str]:
        return [option.value for option in options]

    @rx.event
    def filter_available(self, text: str) -> None:
        self.role_filter = str(text)

    @rx.event
    def filter_chosen(self, text: str) -> None:
        self.chosen_filter = str(text)

    @rx.event
    def tick_available(self, code: str, ticked: bool) -> None:
        self.ticked_available = moved(self.ticked_available, [str(code)], add=bool(ticked))

    @rx.event
    def tick_chosen(self, code: str, ticked: bool) -> None:
        self.ticked_chosen = moved(self.ticked_chosen, [str(code)], add=bool(ticked))

    def _picked(self) -> None:
        """After a move: the page's state may forget a refusal about the roles chosen."""

    def _move(self, codes: list[str], *, add: bool) -> None:
        self.role_codes = moved(self.role_codes, codes, add=add)
        self.ticked_available = [c for c in self.ticked_available if c not in self.role_codes]
        self.ticked_chosen = [c for c in self.ticked_chosen if c in self.role_codes]
        self._picked()

    @rx.event
    def add_ticked(self) -> None:
        """ ">": the ticked values that are shown."""
        shown = self._shown(self.available_roles)
        self._move([c for c in self.ticked_available if c in shown], add=True)

    @rx.event
    def add_all(self) -> None:
        """ ">>": every value shown (the filter applies)."""
        self._move(self._shown(self.available_roles), add=True)

    @rx.event
    def remove_ticked(self) -> None:
        shown = self._shown(self.chosen_roles)
        self._move([c for c in self.ticked_chosen if c in shown], add=False)

    @rx.event
    def remove_all(self) -> None:
        self._move(self._shown(self.chosen_roles), add=False)
