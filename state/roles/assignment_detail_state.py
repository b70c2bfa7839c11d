""" "Gestion des attributions de rôles - Détail" (seed 001 "Suspendre l'ancien rôle", steps 5–7):
the assignment, the actions its status allows ("Modifier la date d'expiration", "Arrêter" once
confirmed, "Désactiver temporairement", "Recommencer"), the banner of the one done, and
"Historique de l'attribution de rôle".

Every check is the services' (``portal.companies.assignment_visits``): an action its status does
not allow, or on an assignment of a company this person does not manage, is refused there and its
text shown here.
"""

import dataclasses

import reflex as rx
from reflex_base.event import EventSpec

from foundation import routes
from foundation.clock import BRUSSELS, aware, utc_now
from foundation.settings import get_settings
from portal.companies import assignment_visits
from portal.companies.assignments import AssignmentDetail
from portal.companies.dates import shown
from portal.companies.errors import CompanyError
from portal.companies.transitions import Action
from state.focus import focus_when_drawn
from state.roles.assignment_overview_state import overview_of
from state.roles.refusals import REFUSED_VISIT, away, text_of
from state.session_state import SessionMixin

ASSIGNMENT_PARAMETER = "attribution"
RECENT_HISTORY = 5  # lines shown before "Afficher la ligne du temps complète"
DONE_BANNER = "#assignment-done"


@dataclasses.dataclass
class DetailView:
    role: str
    short_description: str
    long_description: str
    user: str
    email: str
    company: str
    company_number: str  # 0712.345.630
    starts_on: str
    ends_on: str  # "" reads "Illimité"
    status: str  # a ShownStatus value: roles.status.<value>
    overview_url: str


NO_DETAIL = DetailView("", "", "", "", "", "", "", "", "", "", routes.ROLE_ASSIGNMENTS_MANAGEMENT)


@dataclasses.dataclass
class HistoryRow:
    at: str  # 04/07/2017 - 12:34:28, in Brussels
    actor: str
    action: str
    details: str


def view_of(detail: AssignmentDetail) -> DetailView:
    row = detail.row
    return DetailView(
        role=row.role,
        short_description=row.role_description,
        long_description=detail.long_description,
        user=row.user,
        email=row.email,
        company=detail.company,
        company_number=detail.shown_company_number,
        starts_on=shown(row.starts_on),
        ends_on="" if row.ends_on is None else shown(row.ends_on),
        status=row.status.value,
        overview_url=overview_of(detail.company_number),
    )


def history_of(detail: AssignmentDetail) -> list[HistoryRow]:
    return [
        HistoryRow(
            aware(h.at).astimezone(BRUSSELS).strftime("%d/%m/%Y - %H:%M:%S"),
            h.actor,
            h.action,
            h.details,
        )
        for h in detail.history
    ]


class AssignmentDetailState(SessionMixin, rx.State):
    checked: bool = False
    assignment_id: int = 0
    detail: DetailView = NO_DETAIL
    actions: list[str] = []  # noqa: RUF012 - Action values, in the seed's order
    history: list[HistoryRow] = []  # noqa: RUF012
    full_history: bool = False
    problem: str = ""  # a refusal of the assignment or of an action
    done: str = ""  # the Action just done: its banner
    editing_end: bool = False
    end_typed: str = ""
    end_unlimited: bool = False
    end_error: str = ""
    confirming_stop: bool = False

    @rx.var
    def shown_history(self) -> list[HistoryRow]:
        return self.history if self.full_history else self.history[:RECENT_HISTORY]

    @rx.var
    def more_history(self) -> bool:
        return not self.full_history and len(self.history) > RECENT_HISTORY

    def _here(self) -> str:
        return f"{routes.ROLE_ASSIGNMENT_DETAIL}?{ASSIGNMENT_PARAMETER}={self.assignment_id}"

    def _away(self, refusal: Exception) -> EventSpec:
        return away(refusal, self._here())

    async def _text(self, refusal: Exception) -> str:
        return await text_of(self, refusal)

    def _show(self, detail: AssignmentDetail) -> None:
        self.detail = view_of(detail)
        self.actions = [a.value for a in detail.actions]
        self.history = history_of(detail)
        self.checked = True

    @rx.event
    async def load(self) -> EventSpec | None:
        self.reset()
        asked = self.router.url.query_parameters.get(ASSIGNMENT_PARAMETER, "")
        self.assignment_id = int(asked) if asked.isdigit() else 0
        try:
            opened = assignment_visits.open_detail(
                self._session_id(), self.assignment_id, now=utc_now()
            )
        except REFUSED_VISIT as refusal:
            return self._away(refusal)
        except CompanyError as refusal:  # unknown, or of a company this person does not manage
            self.problem, self.checked = await self._text(refusal), True
            return None
        self._show(opened.detail)
        return None

    def _start(self) -> None:
        self.problem = self.done = self.end_error = ""
        self.confirming_stop = False

    async def _act(self, action: Action) -> EventSpec | None:
        self._start()
        try:
            detail = assignment_visits.act(
                self._session_id(),
                self.assignment_id,
                action,
                now=utc_now(),
                public_origin=get_settings().public_origin,
            )
        except REFUSED_VISIT as refusal:
            return self._away(refusal)
        except CompanyError as refusal:  # its status changed meanwhile, or not this person's
            self.problem = await self._text(refusal)
            return await self._reread()
        self.editing_end = False
        self._show(detail)
        self.done = action.value
        return focus_when_drawn(DONE_BANNER)

    async def _reread(self) -> EventSpec | None:
        """The assignment as it now is, under a refusal (its actions may have changed)."""
        try:
            self._show(
                assignment_visits.open_detail(
                    self._session_id(), self.assignment_id, now=utc_now()
                ).detail
            )
        except REFUSED_VISIT as refusal:
            return self._away(refusal)
        except CompanyError:
            self.actions, self.history = [], []
        return focus_when_drawn("#assignment-problem")

    @rx.event
    def ask_stop(self) -> EventSpec:
        """ "Arrêter" asks first."""
        self._start()
        self.editing_end, self.confirming_stop = False, True
        return focus_when_drawn("#confirm-stop")

    @rx.event
    def cancel_stop(self) -> EventSpec:
        self.confirming_stop = False
        return focus_when_drawn("#action-stop")

    @rx.event
    async def stop(self) -> EventSpec | None:
        return await self._act(Action.STOP)

    @rx.event
    async def deactivate(self) -> EventSpec | None:
        return await self._act(Action.DEACTIVATE)

    @rx.event
    async def restart(self) -> EventSpec | None:
        return await self._act(Action.RESTART)

    @rx.event
    def open_end_form(self) -> EventSpec:
        """ "Modifier la date d'expiration": the field, with the end date as it is."""
        self._start()
        self.editing_end = True
        self.end_unlimited = self.detail.ends_on == ""
        self.end_typed = self.detail.ends_on
        return focus_when_drawn("#field-ends_on")

    @rx.event
    def cancel_end(self) -> EventSpec:
        self.editing_end, self.end_error = False, ""
        return focus_when_drawn("#action-modify_end")

    @rx.event
    def set_end_unlimited(self, unlimited: bool) -> None:
        self.end_unlimited = bool(unlimited)

    @rx.event
    async def save_end(self, form: dict[str, str]) -> EventSpec | None:
        self._start()
        self.end_typed = form.get("ends_on", "")
        try:
            detail = assignment_visits.modify_end(
                self._session_id(),
                self.assignment_id,
                self.end_typed,
                unlimited=self.end_unlimited,
                now=utc_now(),
                public_origin=get_settings().public_origin,
            )
        except REFUSED_VISIT as refusal:
            return self._away(refusal)
        except CompanyError as refusal:
            if refusal.field == assignment_visits.END_FIELD:
                self.end_error = await self._text(refusal)
                return focus_when_drawn("#field-ends_on")
            self.problem, self.editing_end = await self._text(refusal), False
            return await self._reread()
        self.editing_end = False
        self._show(detail)
        self.done = Action.MODIFY_END.value
        return focus_when_drawn(DONE_BANNER)

    @rx.event
    def show_full_history(self) -> None:
        """ "Afficher la ligne du temps complète"."""
        self.full_history = True
