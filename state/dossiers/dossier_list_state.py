"""Mes dossiers of any space: a person's own (``/citoyen/dossiers``) or a company's
(``/espace-professionnel/dossiers?entreprise=…``), searched by reference or title, filtered by
status, ten a page; each row with a reference opens the dossier's page.

The search and the page asked are the state's; what is found is the service's
(``portal.space_visits.space_dossiers``, ``portal.dossiers.professional_visits``), which checks
the session and the person's right to read that space at each call.
"""

from __future__ import annotations

import dataclasses

import reflex as rx
from reflex_base.event import EventSpec

from foundation import routes
from foundation.clock import utc_now
from foundation.models.dossiers import DossierStatus
from portal import space_visits
from portal.dossiers import professional_visits
from portal.dossiers.listing import DossierLine, DossierPage
from portal.dossiers.places import COMPANY, PERSONAL_SPACES
from portal.dossiers.professional_visits import DossiersVisit
from state.dossiers.professional_state import ProfessionalSpaceState
from state.paging import page_window

STATUSES = tuple(status.value for status in DossierStatus)


@dataclasses.dataclass
class DossierListRow:
    reference: str  # "" for a record the administration held before the portal
    title: str
    status_key: str  # dossier.status.<code>
    updated: str
    href: str  # the dossier's page; "" without a reference


def row_of(line: DossierLine) -> DossierListRow:
    return DossierListRow(
        reference=line.reference,
        title=line.title,
        status_key=f"dossier.status.{line.status}",
        updated=line.updated,
        href=routes.dossier(line.reference) if line.reference else "",
    )


class DossierListState(ProfessionalSpaceState):
    space: str = ""  # citoyen, enseignement, or entreprise (the company of the parent state)
    listed: bool = False  # the search was answered
    lines: list[DossierListRow] = []  # noqa: RUF012 - Reflex state vars are declared this way
    total: int = 0
    page: int = 1
    pages: int = 1
    search: str = ""
    status: str = ""  # "" for every status

    @rx.var
    def page_numbers(self) -> list[int]:
        return page_window(self.page, self.pages)

    def _back(self) -> str:
        if self.space == COMPANY:
            return routes.professional(routes.PROFESSIONAL_DOSSIERS, self.company_number)
        return routes.space_page(self.space, "dossiers")

    def _show(self, found: DossierPage) -> None:
        self.lines = [row_of(line) for line in found.lines]
        self.total, self.page, self.pages = found.total, found.page, found.pages
        self.listed = True

    async def _fetch(self) -> EventSpec | None:
        self.refusal, self.listed = "", False
        self.lines = []
        if self.space == COMPANY:
            return await self._fetch_company(self.company_number)
        if self.space not in PERSONAL_SPACES:
            return None
        search, status, page, space = self.search, self.status, self.page, self.space
        found = await self._ask(
            lambda session_id: space_visits.space_dossiers(
                session_id, space, search=search, status=status, page=page, now=utc_now()
            ),
            back=self._back(),
        )
        if not isinstance(found, tuple):
            return found
        _opened, listed = found
        self._show(listed)
        return None

    async def _fetch_company(self, number: str) -> EventSpec | None:
        search, status, page = self.search, self.status, self.page
        found = await self._ask(
            lambda session_id: professional_visits.company_dossiers(
                session_id, number, search=search, status=status, page=page, now=utc_now()
            ),
            back=routes.professional(routes.PROFESSIONAL_DOSSIERS, number),
        )
        if not isinstance(found, DossiersVisit):
            return found
        self._enter(found.visit, found.place)
        self._show(found.page)
        return None

    def _start(self, space: str) -> None:
        self._leave_place()
        self.space, self.search, self.status, self.page = space, "", "", 1
        self.refusal, self.listed, self.lines = "", False, []

    @rx.event
    async def load_personal(self, space: str) -> EventSpec | None:
        self._start(space)
        return await self._fetch()

    @rx.event
    async def load_company(self) -> EventSpec | None:
        asked = self._asked()
        self._start(COMPANY)
        return await self._fetch_company(asked)

    @rx.event
    async def find(self, form: dict[str, str]) -> EventSpec | None:
        """ "Rechercher": the reference or title typed, and the status chosen ("" for all)."""
        status = form.get("status", "")
        self.search = form.get("search", "").strip()[:100]
        self.status = status if status in STATUSES else ""
        self.page = 1
        return await self._fetch()

    @rx.event
    async def go_to(self, page: int) -> EventSpec | None:
        self.page = page
        return await self._fetch()
