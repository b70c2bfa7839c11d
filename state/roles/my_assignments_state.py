""" "Mes attributions de rôles": the person's own assignments, current ones or all of them, and
"Opération réussie! L'invitation est acceptée." right after an acceptance."""

import dataclasses

import reflex as rx
from reflex_base.event import EventSpec

from foundation import routes
from foundation.clock import utc_now
from portal.companies.company_number import format_company_number
from portal.companies.dates import shown
from portal.companies.errors import HighAssuranceRequiredError
from portal.companies.my_assignments import MyAssignment, open_my_assignments
from portal.visits import NotHereError, NotLoggedInError
from state.roles.refusals import to_eid
from state.session_state import SessionMixin, load_page

CURRENT_VIEW = "actuelles"  # ?vue=actuelles opens on the current ones


@dataclasses.dataclass
class AssignmentRow:
    role: str
    role_description: str
    company: str
    company_number: str  # 0712.345.630
    starts_on: str
    ends_on: str  # "" reads "Illimité"
    status: str  # a ShownStatus value: roles.status.<value>


def row_of(assignment: MyAssignment) -> AssignmentRow:
    return AssignmentRow(
        role=assignment.role,
        role_description=assignment.role_description,
        company=assignment.company,
        company_number=format_company_number(assignment.company_number),
        starts_on=shown(assignment.starts_on),
        ends_on="" if assignment.ends_on is None else shown(assignment.ends_on),
        status=assignment.status.value,
    )


class MyAssignmentsState(SessionMixin, rx.State):
    checked: bool = False
    current_only: bool = False
    rows: list[AssignmentRow] = []  # noqa: RUF012 - Reflex state vars are declared this way
    accepted: bool = False  # "Opération réussie! L'invitation est acceptée."
    _acceptance_to_announce: bool = False

    def announce_acceptance(self) -> None:
        """Called by the acceptance page before it sends the browser here."""
        self._acceptance_to_announce = True

    def _read(self) -> EventSpec | None:
        try:
            mine = open_my_assignments(
                self._session_id(), now=utc_now(), current_only=self.current_only
            )
        except NotLoggedInError:
            return load_page(routes.login_then(routes.MY_ROLE_ASSIGNMENTS))
        except HighAssuranceRequiredError:  # role management needs the eID: log in, come back
            return to_eid(routes.MY_ROLE_ASSIGNMENTS)
        except NotHereError as refusal:
            return rx.redirect(refusal.home)
        self.rows = [row_of(a) for a in mine.rows]
        self.checked = True
        return None

    @rx.event
    def load(self) -> EventSpec | None:
        announce = self._acceptance_to_announce
        self.reset()
        self.accepted = announce
        self.current_only = self.router.url.query_parameters.get("vue", "") == CURRENT_VIEW
        return self._read()

    @rx.event
    def show_current(self, current_only: bool) -> EventSpec | None:
        self.current_only = current_only
        self.accepted = False
        return self._read()
