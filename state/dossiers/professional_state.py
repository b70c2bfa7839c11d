"""A company's professional space ("Espace professionnel — <company>"): who the person is there
(the company, their roles, the menu their roles open), its dashboard, Mes documents and Mes
notifications. The company comes from the page's URL (``?entreprise=0712345630``).

Every page load asks ``portal.dossiers.professional_visits``, which checks the session and the
person's roles in that company at that moment: a number typed by hand, or a role stopped since
the last page, is refused there, and the page shows the refusal's text with nothing of the
company. Pages of the space that need more (Mes dossiers, Gérer l'espace) are substates, which
share the company shown here.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar
from urllib.parse import quote

import reflex as rx
from reflex_base.event import EventSpec

from foundation import routes
from foundation.clock import utc_now
from portal.companies.roles import Permission
from portal.dossiers import professional_visits
from portal.dossiers.errors import (
    DossierError,
    DossierSessionEndedError,
    SubstantialLevelRequiredError,
)
from portal.dossiers.professional_visits import BoardVisit, ItemsVisit
from portal.dossiers.space_board import CompanyPlace
from portal.levels import LevelTooLowError
from portal.visits import NotHereError, NotLoggedInError, Visit
from state.dossiers.asking import away_from_dossiers
from state.dossiers.suggested import SuggestedProcedure, suggested_of
from state.roles.refusals import text_of
from state.session_state import SessionMixin
from state.space_state import DossierRow, ItemRow, dossier_row, item_row

T = TypeVar("T")
COMPANY_PARAMETER = "entreprise"
# Back through a login, then to the page: no session (the eID), or one below the level of
# reading (the key chooser of the substantial level).
TO_LOGIN = (
    NotLoggedInError,
    DossierSessionEndedError,
    SubstantialLevelRequiredError,
    LevelTooLowError,  # a page of one's own space (``portal.space_visits``)
)
# The pages of the space and the catalogue key of the items each lists.
ITEM_PAGES = {
    "document": routes.PROFESSIONAL_DOCUMENTS,
    "notification": routes.PROFESSIONAL_NOTIFICATIONS,
}


class ProfessionalSpaceState(SessionMixin, rx.State):
    # The company's place: set once the service let the person in, wiped by any refusal.
    ready: bool = False
    company_number: str = ""
    company_name: str = ""
    roles: list[str] = []  # noqa: RUF012 - Reflex state vars are declared this way
    can_create: bool = False
    can_manage: bool = False
    # Why the page, or what it was asked for, is refused; in the tab's language.
    refusal: str = ""
    # The dashboard.
    dossiers: list[DossierRow] = []  # noqa: RUF012
    documents: int = 0
    notifications: int = 0
    suggested: list[SuggestedProcedure] = []  # noqa: RUF012
    # Mes documents, Mes notifications.
    items: list[ItemRow] = []  # noqa: RUF012

    @rx.var
    def space_query(self) -> str:
        """What every link of the space adds to its page's route: ``?entreprise=<number>``."""
        return f"?{COMPANY_PARAMETER}={quote(self.company_number, safe='')}"

    def _asked(self) -> str:
        return self.router.url.query_parameters.get(COMPANY_PARAMETER, "")

    def _leave_place(self) -> None:
        self.ready, self.can_create, self.can_manage = False, False, False
        self.company_number = self.company_name = ""
        self.roles = []
        self.dossiers, self.suggested, self.items = [], [], []
        self.documents = self.notifications = 0

    def _enter(self, visit: Visit, place: CompanyPlace) -> None:
        self.company_number, self.company_name = place.company_number, place.company_name
        self.roles = list(place.roles)
        self.can_create = Permission.CREATE in place.permissions
        self.can_manage = Permission.MANAGE_SPACE in place.permissions
        self.ready = True

    async def _ask(
        self,
        call: Callable[[str | None], T],
        *,
        back: str,
        keep_place: bool = False,
        shown_apart: tuple[type[DossierError], ...] = (),
    ) -> T | EventSpec | None:
        """The service's answer; the redirect of a refused visit (the eID login, then ``back``);
        None once a rule's refusal is shown. A refusal wipes the company's place unless
        ``keep_place`` (the place was just shown, and what is refused is a part of the page);
        the refusals ``shown_apart`` (beside a field) are raised again for the caller."""
        try:
            return call(self._session_id())
        except (*TO_LOGIN, NotHereError) as refusal:
            self._leave_place()
            return away_from_dossiers(refusal, back)
        except DossierError as refusal:
            if isinstance(refusal, shown_apart):
                raise
            if not keep_place:
                self._leave_place()
            self.refusal = await text_of(self, refusal)
            return None

    @rx.event
    async def load_dashboard(self) -> EventSpec | None:
        asked = self._asked()
        self._leave_place()
        self.refusal = ""
        found = await self._ask(
            lambda session_id: professional_visits.company_dashboard(
                session_id, asked, now=utc_now()
            ),
            back=routes.professional(routes.PROFESSIONAL_SPACE, asked),
        )
        if not isinstance(found, BoardVisit):
            return found
        board = found.board
        self._enter(found.visit, board.place)
        self.dossiers = [
            dossier_row(d.title, d.status, d.updated, d.reference) for d in board.dossiers
        ]
        self.documents, self.notifications = board.documents, board.notifications
        self.suggested = [suggested_of(p) for p in board.suggested]
        return None

    @rx.event
    async def load_items(self, kind: str) -> EventSpec | None:
        """Mes documents (``document``) or Mes notifications (``notification``)."""
        if kind not in ITEM_PAGES:  # a forged event: the space lists nothing else
            return None
        asked = self._asked()
        self._leave_place()
        self.refusal = ""
        found = await self._ask(
            lambda session_id: professional_visits.company_items(
                session_id, asked, kind, now=utc_now()
            ),
            back=routes.professional(ITEM_PAGES[kind], asked),
        )
        if not isinstance(found, ItemsVisit):
            return found
        self._enter(found.visit, found.place)
        self.items = [item_row(item) for item in found.items]
        return None
