"""Step 1 of the direct assignment (seed 001 steps 4–6): the members found by "Rechercher", ten a
page with their checkboxes, "Ajouter les personnes sélectionnées" into "Personnes choisies" and
"Supprimer"; or, "via numéro de registre national", the number and the person it names.

The rows are the service's (``members.Member``): a key per person and company, never a national
number. Whether the keys chosen are members of a company the caller manages is checked by the
service at "Étape suivante" and at "Terminer", not here.
"""

from __future__ import annotations

import reflex as rx

from portal.companies.members import Member, MemberPage
from portal.companies.people import Person
from state.paging import page_window

SEARCH_FIELDS = ("surname", "first_names", "email", "company")
PERSON_FIELDS = ("national_number", "surname", "first_names", "email")


class DirectPeopleMixin(rx.State, mixin=True):
    search_surname: str = ""
    search_first_names: str = ""
    search_email: str = ""
    search_company: str = ""
    searched: bool = False  # "Résultats de la recherche" shown
    results: list[Member] = []  # noqa: RUF012 - Reflex state vars are declared this way
    results_total: int = 0
    results_page: int = 1
    results_pages: int = 1
    ticked_results: list[int] = []  # noqa: RUF012
    chosen: list[Member] = []  # noqa: RUF012 - "Personnes choisies"
    # "via numéro de registre national": what was typed, and what the look-up found.
    national_number: str = ""
    person_surname: str = ""
    person_first_names: str = ""
    person_email: str = ""
    looked_up: bool = False  # the number was looked up since it was last typed
    known: bool = False  # ... and the portal knows the person: the name is not typed

    @rx.var
    def has_chosen(self) -> bool:
        return bool(self.chosen)

    @rx.var
    def result_numbers(self) -> list[int]:
        return page_window(self.results_page, self.results_pages)

    @rx.var
    def member_companies(self) -> list[str]:
        """The companies the chosen persons are members of: step 2's suggestions."""
        return list(dict.fromkeys(m.company_number for m in self.chosen))

    def _show_results(self, found: MemberPage) -> None:
        self.results = list(found.rows)
        self.results_total, self.results_page, self.results_pages = (
            found.total,
            found.page,
            found.pages,
        )
        self.searched = True

    def _member_keys(self) -> tuple[int, ...]:
        return tuple(m.key for m in self.chosen)

    @rx.event
    def tick_result(self, key: int, ticked: bool) -> None:
        number = int(key)
        self.ticked_results = [k for k in self.ticked_results if k != number]
        if ticked:
            self.ticked_results.append(number)

    def _add_ticked(self) -> int:
        """The ticked rows of the results shown into "Personnes choisies"; how many came."""
        have = set(self._member_keys())
        adding = [m for m in self.results if m.key in self.ticked_results and m.key not in have]
        self.chosen = self.chosen + adding
        self.ticked_results = []
        return len(adding)

    @rx.event
    def remove_chosen(self, key: int) -> None:
        """ "Supprimer" in "Personnes choisies"."""
        self.chosen = [m for m in self.chosen if m.key != int(key)]

    def _take_person(self, found: Person | None) -> None:
        self.looked_up, self.known = True, found is not None
        if found is not None:
            self.person_surname, self.person_first_names = found.surname, found.first_names
            self.person_email = found.email

    def _keep_person(self, field: str, value: str) -> None:
        if field == "national_number" and value != self.national_number:
            # Another number: what the look-up found no longer counts.
            self.looked_up = self.known = False
            self.person_surname = self.person_first_names = self.person_email = ""
        if field == "national_number":
            self.national_number = value
        elif field in PERSON_FIELDS and not (self.known and field != "email"):
            setattr(self, f"person_{field}", value)
