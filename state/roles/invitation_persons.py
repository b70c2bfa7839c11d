"""Step 4 of the invitation wizard, "Personnes" (seed 001 step 15): the list of the persons
invited and the row where one is typed ("Ajouter"), or modified ("Modifier"); "Supprimer".
Whether a row is acceptable is the service's check, asked by the wizard's state.
"""

from __future__ import annotations

import reflex as rx
from reflex_base.event import EventSpec

from portal.companies.invitations import Invitee
from state.focus import focus_when_drawn

ROW_FIELDS = ("surname", "first_names", "email")
FIRST_FIELD = "#field-person_surname"


class PersonsMixin(rx.State, mixin=True):
    persons: list[Invitee] = []  # noqa: RUF012 - Reflex state vars are declared this way
    person_surname: str = ""
    person_first_names: str = ""
    person_email: str = ""
    editing_row: int = -1  # the person being modified (from 0), -1 while adding
    row_key: int = 0  # changed to draw the row's fields anew with the values above

    @rx.var
    def has_persons(self) -> bool:
        return bool(self.persons)

    @rx.var
    def editing_number(self) -> int:
        """ "Personne n" of the person being modified, 0 while adding."""
        return self.editing_row + 1

    def _typed_person(self) -> Invitee:
        return Invitee(self.person_surname, self.person_first_names, self.person_email)

    def _row_typed(self) -> bool:
        return any(
            value.strip()
            for value in (self.person_surname, self.person_first_names, self.person_email)
        )

    def _editing(self) -> int | None:
        return self.editing_row if 0 <= self.editing_row < len(self.persons) else None

    def _show_row(self, person: Invitee, editing: int) -> None:
        self.person_surname, self.person_first_names = person.surname, person.first_names
        self.person_email = person.email
        self.editing_row = editing
        self.row_key += 1

    def _row(self, row: object) -> int | None:
        """The row a button names, if the list has it (a forged event may name anything)."""
        number = row if isinstance(row, int) else int(str(row)) if str(row).isdigit() else -1
        return number if 0 <= number < len(self.persons) else None

    def _row_done(self) -> None:
        self._show_row(Invitee("", "", ""), -1)

    @rx.event
    def keep_person(self, field: str, value: str) -> None:
        """A keystroke in the row's fields."""
        if field in ROW_FIELDS:
            setattr(self, f"person_{field}", str(value))

    @rx.event
    def edit_person(self, row: int) -> EventSpec | None:
        """ "Modifier": the person's values in the row's fields, to change and save."""
        index = self._row(row)
        if index is None:
            return None
        self._show_row(self.persons[index], index)
        return focus_when_drawn(FIRST_FIELD)

    @rx.event
    def cancel_edit(self) -> EventSpec:
        self._row_done()
        return focus_when_drawn(FIRST_FIELD)

    @rx.event
    def delete_person(self, row: int) -> EventSpec | None:
        """ "Supprimer"; the person being modified, if it is another, keeps its place."""
        index = self._row(row)
        if index is None:
            return None
        del self.persons[index]
        if self.editing_row == index:
            self._row_done()
        elif self.editing_row > index:
            self.editing_row -= 1
        return focus_when_drawn(FIRST_FIELD)
