""" "Gérer les attributions de rôles - Aperçu" (seed 001 "Consulter le rôle attribué", steps 2–5):
the company picker (skipped when the person manages one company), then the company's table, ten a
page, searched and sorted by column, in a simple or a detailed view.

Every check is the services' (``portal.companies.assignment_visits``): a forged ``?entreprise=``
of a company this person does not manage is refused there, and its text shown here.
"""

import dataclasses
from urllib.parse import quote

import reflex as rx
from reflex_base.event import EventSpec

from foundation import routes
from foundation.clock import utc_now
from portal.companies import assignment_visits
from portal.companies.assignments import AssignmentRow, Sort, SortColumn
from portal.companies.company_number import CompanyNumberError
from portal.companies.company_picker import ManagedCompany
from portal.companies.dates import shown
from portal.companies.errors import CompanyError
from state.paging import page_window
from state.roles.refusals import REFUSED_VISIT, away, text_of
from state.session_state import SessionMixin

COMPANY_PARAMETER = "entreprise"
# Refusals the page shows (a company this person does not manage, a number that is none).
SHOWN = (CompanyError, CompanyNumberError)


@dataclasses.dataclass
class CompanyChoice:
    number: str  # 0712345630
    shown_number: str  # 0712.345.630
    name: str
    assignments: int


NO_COMPANY = CompanyChoice("", "", "", 0)


@dataclasses.dataclass
class OverviewRow:
    id: int
    role: str
    role_description: str
    user: str
    email: str
    starts_on: str
    ends_on: str  # "" reads "Illimité"
    status: str  # a ShownStatus value: roles.status.<value>
    properties: str  # "" reads "-"
    detail_url: str


def choice_of(company: ManagedCompany) -> CompanyChoice:
    return CompanyChoice(company.number, company.shown_number, company.name, company.assignments)


def row_of(row: AssignmentRow) -> OverviewRow:
    return OverviewRow(
        id=row.assignment_id,
        role=row.role,
        role_description=row.role_description,
        user=row.user,
        email=row.email,
        starts_on=shown(row.starts_on),
        ends_on="" if row.ends_on is None else shown(row.ends_on),
        status=row.status.value,
        properties=", ".join(row.properties),
        detail_url=f"{routes.ROLE_ASSIGNMENT_DETAIL}?attribution={row.assignment_id}",
    )


def overview_of(number: str) -> str:
    """The overview of one company: where "Retour à l'aperçu" and a login lead back."""
    return f"{routes.ROLE_ASSIGNMENTS_MANAGEMENT}?{COMPANY_PARAMETER}={quote(number)}"


class AssignmentOverviewState(SessionMixin, rx.State):
    checked: bool = False
    view: str = "pick"  # "overview", or "none": no company to manage
    problem: str = ""  # a refusal of the company asked for
    several: bool = False  # more than one company: the overview offers to choose another
    # The picker.
    companies: list[CompanyChoice] = []  # noqa: RUF012 - Reflex state vars are declared this way
    company_page: int = 1
    company_pages: int = 1
    company_search: str = ""
    chosen: str = ""
    choice_error: bool = False
    # The company's table.
    company: CompanyChoice = NO_COMPANY
    detailed: bool = True  # "Aperçu détaillé"; "Aperçu simplifié" keeps the main columns
    expanded: bool = False  # "Montrer toutes les attributions de rôles" / "Afficher les détails"
    rows: list[OverviewRow] = []  # noqa: RUF012
    total: int = 0
    page: int = 1
    pages: int = 1
    search: str = ""
    sort_column: str = SortColumn.ROLE.value
    descending: bool = False

    @rx.var
    def company_page_numbers(self) -> list[int]:
        return page_window(self.company_page, self.company_pages)

    @rx.var
    def page_numbers(self) -> list[int]:
        return page_window(self.page, self.pages)

    @rx.var
    def export_url(self) -> str:
        number = quote(self.company.number)
        return f"{routes.ROLE_ASSIGNMENTS_EXPORT}?{COMPANY_PARAMETER}={number}"

    def _away(self, refusal: Exception, back: str) -> EventSpec:
        return away(refusal, back)

    async def _text(self, refusal: Exception) -> str:
        return await text_of(self, refusal)

    def _pick(self) -> EventSpec | None:
        try:
            found = assignment_visits.open_picker(
                self._session_id(),
                search=self.company_search,
                page=self.company_page,
                now=utc_now(),
            )
        except REFUSED_VISIT as refusal:
            return self._away(refusal, routes.ROLE_ASSIGNMENTS_MANAGEMENT)
        self.companies = [choice_of(c) for c in found.page.rows]
        self.company_page, self.company_pages = found.page.page, found.page.pages
        if not self.company_search:
            self.several = found.page.total > 1
        self.checked = True
        return None

    async def _open(self, number: str) -> EventSpec | None:
        sort = Sort(SortColumn(self.sort_column), self.descending)
        try:
            found = assignment_visits.open_company(
                self._session_id(),
                number,
                search=self.search,
                sort=sort,
                page=self.page,
                now=utc_now(),
            )
        except REFUSED_VISIT as refusal:
            return self._away(refusal, overview_of(number))
        except SHOWN as refusal:
            self.problem, self.view = await self._text(refusal), "pick"
            return None
        self.company = choice_of(found.company)
        self.rows = [row_of(r) for r in found.page.rows]
        self.total, self.page, self.pages = found.page.total, found.page.page, found.page.pages
        self.view, self.problem, self.checked = "overview", "", True
        return None

    @rx.event
    async def load(self) -> EventSpec | None:
        self.reset()
        asked = self.router.url.query_parameters.get(COMPANY_PARAMETER, "")
        away = self._pick()
        if away is not None:
            return away
        if asked:  # back from a detail or a login: the company's table, open
            self.expanded = True
            return await self._open(asked)
        if self.companies and not self.several:  # one company: no picker
            return await self._open(self.companies[0].number)
        self.view = "pick" if self.companies else "none"
        return None

    # The picker.

    @rx.event
    def find_company(self, form: dict[str, str]) -> EventSpec | None:
        self.company_search, self.company_page = form.get("search", ""), 1
        return self._pick()

    @rx.event
    def go_to_company_page(self, page: int) -> EventSpec | None:
        self.company_page = page
        return self._pick()

    @rx.event
    def choose(self, number: str) -> None:
        self.chosen, self.choice_error = number, False

    @rx.event
    async def go_on(self) -> EventSpec | None:
        """ "Continuer": the chosen company's overview (the service checks it is managed)."""
        if not self.chosen:
            self.choice_error = True
            return None
        self.search, self.page, self.expanded = "", 1, False
        return await self._open(self.chosen)

    @rx.event
    def change_company(self) -> EventSpec | None:
        self.view, self.chosen = "pick", self.company.number
        return self._pick()

    # The company's table.

    @rx.event
    def show_detailed(self, detailed: bool) -> None:
        self.detailed = detailed

    @rx.event
    def show_all(self, expanded: bool) -> None:
        """ "Montrer / Cacher toutes les attributions de rôles" (and each company's details)."""
        self.expanded = expanded

    @rx.event
    async def find(self, form: dict[str, str]) -> EventSpec | None:
        self.search, self.page = form.get("search", ""), 1
        return await self._open(self.company.number)

    @rx.event
    async def go_to(self, page: int) -> EventSpec | None:
        self.page = page
        return await self._open(self.company.number)

    @rx.event
    async def sort_by(self, column: str) -> EventSpec | None:
        """A column's header: sorted by it, ascending; again: descending."""
        if column not in set(SortColumn):
            return None
        self.descending = column == self.sort_column and not self.descending
        self.sort_column, self.page = column, 1
        return await self._open(self.company.number)
