""" "Mes tâches ouvertes" (seed 001 sub-step 3, seed 002 §3.2.2): the table of requests, ten a
page with a search; the ticked ones evaluated one at a time ("Passer (demande suivante)",
"Rejeter" with its reason on the next screen, "Approuver"), a confirmation after each decision.

Every check is the services' (``portal.companies.task_visits``): a forged "approve" for a request
of a company this person does not manage is refused there, and its text shown here.
"""

import dataclasses

import reflex as rx
from reflex_base.event import EventSpec

from foundation import routes
from foundation.clock import aware, utc_now
from foundation.settings import get_settings
from portal.companies import errors, task_visits
from portal.companies.company_number import format_company_number
from portal.companies.dates import shown, today
from portal.companies.requests import OpenRequest
from state.paging import page_window
from state.roles.refusals import REFUSED_VISIT, away, text_of
from state.session_state import SessionMixin


@dataclasses.dataclass
class TaskRow:
    id: int
    user: str
    email: str
    role: str  # "Attribuer : Rédacteur de dossiers"
    role_label: str
    role_description: str
    company: str
    company_number: str  # 0712.345.630
    starts_on: str
    ends_on: str  # "" reads "Illimité"
    requested_on: str
    message: str = ""  # the requester's, shown under "Détails de la demande" when there is one


def row_of(request: OpenRequest) -> TaskRow:
    return TaskRow(
        id=request.assignment_id,
        user=request.user,
        email=request.email,
        role=request.role,
        role_label=request.role_label,
        role_description=request.role_description.rstrip("."),  # shown in brackets
        company=request.company,
        company_number=format_company_number(request.company_number),
        starts_on=shown(request.starts_on),
        ends_on="" if request.ends_on is None else shown(request.ends_on),
        requested_on=shown(today(aware(request.requested_at))),
        message=request.message,
    )


EMPTY = TaskRow(0, "", "", "", "", "", "", "", "", "", "")


class OpenTasksState(SessionMixin, rx.State):
    checked: bool = False
    view: str = "list"  # "evaluate", "reject", "decided"
    rows: list[TaskRow] = []  # noqa: RUF012 - Reflex state vars are declared this way
    total: int = 0
    page: int = 1
    pages: int = 1
    search: str = ""
    selection: list[TaskRow] = []  # noqa: RUF012 - ticked, in the order ticked
    selection_error: bool = False
    position: int = 0  # in the selection, the request under evaluation
    current: TaskRow = EMPTY
    problem: str = ""  # a refusal of the request under evaluation
    reason: str = ""
    reason_error: str = ""
    decision: str = ""  # "approved" or "rejected"

    @rx.var
    def page_numbers(self) -> list[int]:
        return page_window(self.page, self.pages)

    @rx.var
    def selected_ids(self) -> list[int]:
        return [row.id for row in self.selection]

    @rx.var
    def page_selected(self) -> bool:
        ids = {row.id for row in self.selection}
        return bool(self.rows) and all(row.id in ids for row in self.rows)

    @rx.var
    def has_next(self) -> bool:
        return self.position + 1 < len(self.selection)

    def _read(self) -> EventSpec | None:
        try:
            found = task_visits.open_tasks(
                self._session_id(), search=self.search, page=self.page, now=utc_now()
            )
        except REFUSED_VISIT as refusal:
            return away(refusal, routes.ROLE_OPEN_TASKS)
        self.rows = [row_of(r) for r in found.page.rows]
        self.total, self.page, self.pages = found.page.total, found.page.page, found.page.pages
        self.checked = True
        return None

    async def _text(self, refusal: Exception) -> str:
        return await text_of(self, refusal)

    @rx.event
    def load(self) -> EventSpec | None:
        self.reset()
        return self._read()

    @rx.event
    def find(self, form: dict[str, str]) -> EventSpec | None:
        self.search, self.page = form.get("search", ""), 1
        return self._read()

    @rx.event
    def go_to(self, page: int) -> EventSpec | None:
        self.page = page
        return self._read()

    @rx.event
    def toggle(self, request_id: int) -> None:
        self.selection_error = False
        if request_id in self.selected_ids:
            self.selection = [row for row in self.selection if row.id != request_id]
            return
        self.selection = self.selection + [row for row in self.rows if row.id == request_id]

    @rx.event
    def toggle_page(self) -> None:
        """The header's box: the whole page ticked, or none of it."""
        self.selection_error = False
        on_page = {row.id for row in self.rows}
        kept = [row for row in self.selection if row.id not in on_page]
        self.selection = kept if self.page_selected else kept + list(self.rows)

    @rx.event
    async def evaluate(self) -> EventSpec | None:
        """ "Visualiser et évaluer les demandes sélectionnées"."""
        if not self.selection:
            self.selection_error = True
            return None
        self.position = 0
        return await self._open_current()

    async def _open_current(self) -> EventSpec | None:
        self.problem = self.reason = self.reason_error = self.decision = ""
        self.view = "evaluate"
        chosen = self.selection[self.position]
        try:
            self.current = row_of(
                task_visits.evaluate(self._session_id(), chosen.id, now=utc_now())
            )
        except REFUSED_VISIT as refusal:
            return away(refusal, routes.ROLE_OPEN_TASKS)
        except errors.CompanyError as refusal:  # decided meanwhile, or not this person's
            self.current = chosen
            self.problem = await self._text(refusal)
        return None

    @rx.event
    async def next_request(self) -> EventSpec | None:
        """ "Passer (demande suivante)", or after a decision: the next one, else the list."""
        if not self.has_next:
            return self._list()
        self.position += 1
        return await self._open_current()

    def _list(self) -> EventSpec | None:
        self.view, self.selection, self.problem = "list", [], ""
        return self._read()

    @rx.event
    def back_to_list(self) -> EventSpec | None:
        """ "Retour à la liste des tâches"."""
        return self._list()

    @rx.event
    async def approve(self) -> EventSpec | None:
        try:
            task_visits.approve(
                self._session_id(),
                self.current.id,
                now=utc_now(),
                public_origin=get_settings().public_origin,
            )
        except REFUSED_VISIT as refusal:
            return away(refusal, routes.ROLE_OPEN_TASKS)
        except errors.CompanyError as refusal:
            self.problem = await self._text(refusal)
            return None
        self.decision, self.view = "approved", "decided"
        return None

    @rx.event
    def ask_reason(self) -> None:
        """ "Rejeter": the reason is asked on the next screen."""
        self.reason_error = ""
        self.view = "reject"

    @rx.event
    def back_to_request(self) -> None:
        self.view = "evaluate"

    @rx.event
    async def reject(self, form: dict[str, str]) -> EventSpec | None:
        self.reason, self.reason_error = form.get("reason", ""), ""
        try:
            task_visits.reject(
                self._session_id(),
                self.current.id,
                self.reason,
                now=utc_now(),
                public_origin=get_settings().public_origin,
            )
        except REFUSED_VISIT as refusal:
            return away(refusal, routes.ROLE_OPEN_TASKS)
        except errors.CompanyError as refusal:
            if refusal.field == "reason":
                self.reason_error = await self._text(refusal)
            else:  # decided meanwhile, or not this person's: shown with the request
                self.problem, self.view = await self._text(refusal), "evaluate"
            return None
        self.decision, self.view = "rejected", "decided"
        return None
