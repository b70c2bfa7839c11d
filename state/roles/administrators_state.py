""" "Gérer les administrateurs de l'attribution des rôles" (seed 001, the actions of "Gérer les
attributions de rôles - Aperçu"): a company's current role administrators, "Ajouter" with the
person's name, first name, national number and address, "Supprimer" once confirmed.

Every check is the services' (``portal.companies.administrator_visits``): only the company's GAP,
identified with the eID, reads, names or removes, whatever event reaches this state.
"""

from __future__ import annotations

import reflex as rx
from reflex_base.event import EventSpec

from foundation import routes
from foundation.clock import utc_now
from foundation.settings import get_settings
from portal.companies import administrator_visits
from portal.companies.administrator_visits import AdministratorRow, AdministratorsPage
from portal.companies.administrators import AdministratorDetails
from portal.companies.gap import CompanyOption
from state.focus import focus_when_drawn
from state.roles.refusals import RefusalsMixin
from state.session_state import SessionMixin

COMPANY_PARAMETER = "entreprise"  # ?entreprise=0712345630 opens on that company
TYPED = frozenset({"national_number", "surname", "first_names", "email"})


class AdministratorsState(RefusalsMixin, SessionMixin, rx.State):
    ready: bool = False
    companies: list[CompanyOption] = []  # noqa: RUF012 - Reflex state vars are declared this way
    company_number: str = ""
    administrators: list[AdministratorRow] = []  # noqa: RUF012
    national_number: str = ""
    surname: str = ""
    first_names: str = ""
    email: str = ""
    form_key: int = 0  # changed to draw the fields anew, empty, after a naming
    confirm_remove: int = 0  # the administrator whose removal waits for "Supprimer" again
    done: str = ""  # "named" or "removed": the confirmation shown

    @rx.var
    def company_name(self) -> str:
        return next((c.name for c in self.companies if c.number == self.company_number), "")

    @rx.var
    def removing_name(self) -> str:
        found = (a for a in self.administrators if a.id == self.confirm_remove)
        return next((f"{a.first_names} {a.surname}" for a in found), "")

    def _route(self) -> str:
        return routes.ROLE_ADMINISTRATORS

    def _show(self, opened: AdministratorsPage) -> None:
        self.companies = list(opened.companies)
        self.company_number = opened.company_number
        self.administrators = list(opened.administrators)
        self.ready = True

    async def _open(self, number: str) -> EventSpec | None:
        self._clear()
        opened = await self._ask(
            lambda s: administrator_visits.open_administrators(s, number, now=utc_now())
        )
        if isinstance(opened, AdministratorsPage):
            self._show(opened)
            return None
        if opened is None and number:  # not a company of theirs: their first one, and why
            kept = self.error_text
            reopened = await self._open("")
            self.error_text, self.error_field = kept, ""
            return reopened
        return opened

    @rx.event
    async def load(self) -> EventSpec | None:
        self.reset()
        return await self._open(self.router.url.query_parameters.get(COMPANY_PARAMETER, ""))

    @rx.event
    async def choose_company(self, number: str) -> EventSpec | None:
        self.done, self.confirm_remove = "", 0
        return await self._open(str(number))

    @rx.event
    def keep(self, field: str, value: str) -> None:
        if field in TYPED:
            setattr(self, field, str(value))

    @rx.event
    async def name(self) -> EventSpec | None:
        """ "Ajouter": only the GAP (the service's check); the fields emptied once named."""
        self.done = ""
        details = AdministratorDetails(
            self.national_number, self.surname, self.first_names, self.email
        )
        number, origin = self.company_number, get_settings().public_origin
        self._clear()
        listed = await self._ask(
            lambda s: administrator_visits.name(
                s, number, details, now=utc_now(), public_origin=origin
            )
        )
        if not isinstance(listed, tuple):
            return listed
        self.administrators = list(listed)
        self.national_number = self.surname = self.first_names = self.email = ""
        self.form_key += 1
        self.done = "named"
        return focus_when_drawn("#administrators-done")

    @rx.event
    def ask_remove(self, administrator_id: int) -> EventSpec | None:
        """ "Supprimer": the confirmation first (for a row of the list)."""
        self.done = ""
        if not any(a.id == int(administrator_id) for a in self.administrators):
            return None
        self.confirm_remove = int(administrator_id)
        return focus_when_drawn("#remove-confirmation")

    @rx.event
    def cancel_remove(self) -> None:
        self.confirm_remove = 0

    @rx.event
    async def remove(self, administrator_id: int) -> EventSpec | None:
        """ "Supprimer" in the confirmation: only the GAP (the service's check)."""
        chosen, self.confirm_remove = int(administrator_id), 0
        self._clear()
        listed = await self._ask(lambda s: administrator_visits.remove(s, chosen, now=utc_now()))
        if not isinstance(listed, tuple):
            return listed
        self.administrators = list(listed)
        self.done = "removed"
        return focus_when_drawn("#administrators-done")
