"""The acceptance link (seed 000): "Étape 1: Aperçu" and "S'identifier", then "Étape 2:
Coordonnées" and "Accepter la demande d'attribution de rôle", then "Mes attributions de rôles".

Every check is the services' (``portal.companies.acceptance_visits``); this holds what the page
shows and what was typed. A link that cannot be accepted shows its own page.
"""

import dataclasses

import reflex as rx
from reflex_base.event import EventSpec

from foundation import routes
from foundation.clock import utc_now
from foundation.settings import get_settings
from portal.companies import acceptance_visits, errors
from portal.companies.acceptance import InvitationOverview
from portal.companies.dates import shown
from portal.visits import NotHereError
from state.roles.my_assignments_state import MyAssignmentsState
from state.roles.refusals import REFUSED_VISIT, away, text_of
from state.session_state import SessionMixin

PARAMETER = "invitation"
# A link that cannot be accepted, whoever opens it: a page of its own, titled after the reason.
LINK_PROBLEMS: dict[type[errors.CompanyError], str] = {
    errors.InvitationUnknownError: "unknown",
    errors.InvitationExpiredError: "expired",
    errors.InvitationRevokedError: "revoked",
    errors.InvitationUsedUpError: "used_up",
}


@dataclasses.dataclass
class InvitedRole:
    label: str  # "Rédacteur de dossiers"
    name: str  # "Espace Personnel Wallon - Rédacteur de dossiers"
    description: str
    long_description: str


class AcceptanceState(SessionMixin, rx.State):
    checked: bool = False
    problem: str = ""  # "expired", "revoked", ...: the link's own page
    problem_text: str = ""
    invitation_id: str = ""
    company_name: str = ""
    message: str = ""
    roles: list[InvitedRole] = []  # noqa: RUF012 - Reflex state vars are declared this way
    valid_from: str = ""
    valid_until: str = ""  # "" reads "Illimité"
    expires_on: str = ""
    identified: bool = False
    may_accept: bool = False  # identified with the eID card
    step: str = "overview"  # then "contact"
    email: str = ""
    email_error: str = ""
    form_error: str = ""

    @rx.var
    def link_path(self) -> str:
        return f"{routes.ROLE_INVITATION_ACCEPT}?{PARAMETER}={self.invitation_id}"

    @rx.var
    def login_path(self) -> str:
        """ "S'identifier": any key first (single sign-on), the eID when the login is too weak."""
        key = "eid" if self.identified else None
        return routes.login_then(self.link_path, key=key)

    @rx.var
    def step_index(self) -> int:
        return 1 if self.step == "contact" else 0

    def _show(self, overview: InvitationOverview) -> None:
        self.invitation_id = overview.id
        self.company_name = overview.company_name
        self.message = overview.message
        self.roles = [
            InvitedRole(r.label, r.name, r.short_description, r.long_description)
            for r in overview.roles
        ]
        self.valid_from = shown(overview.valid_from)
        self.valid_until = "" if overview.valid_until is None else shown(overview.valid_until)
        self.expires_on = shown(overview.expires_on)

    async def _text(self, refusal: Exception) -> str:
        return await text_of(self, refusal)

    async def _refuse_link(self, refusal: errors.CompanyError) -> None:
        self.problem = LINK_PROBLEMS.get(type(refusal), "unknown")
        self.problem_text = await self._text(refusal)

    @rx.event
    async def load(self) -> EventSpec | None:
        self.reset()
        asked = self.router.url.query_parameters.get(PARAMETER, "")
        try:
            opened = acceptance_visits.open_link(self._session_id(), asked, now=utc_now())
        except tuple(LINK_PROBLEMS) as refusal:
            await self._refuse_link(refusal)
            self.checked = True
            return None
        except NotHereError as refusal:  # an account to create or validate first
            return rx.redirect(refusal.home)
        self._show(opened.overview)
        self.identified = opened.visit is not None
        self.may_accept = opened.may_accept
        self.email = opened.email
        self.step = "contact" if opened.may_accept else "overview"
        self.checked = True
        return None

    @rx.event
    def next_step(self) -> None:
        if self.may_accept:  # accept() checks the login again
            self.step = "contact"

    @rx.event
    def previous_step(self) -> None:
        self.step = "overview"

    @rx.event
    async def accept(self, form: dict[str, str]) -> EventSpec | None:
        """ "Accepter la demande d'attribution de rôle", then "Mes attributions de rôles"."""
        self.email = form.get("email", "")
        self.email_error = self.form_error = ""
        try:
            acceptance_visits.accept_invitation(
                self._session_id(),
                self.invitation_id,
                self.email,
                now=utc_now(),
                public_origin=get_settings().public_origin,
            )
        except REFUSED_VISIT as refusal:
            return away(refusal, self.link_path)
        except tuple(LINK_PROBLEMS) as refusal:  # expired or withdrawn while the page was open
            await self._refuse_link(refusal)
            return None
        except errors.CompanyError as refusal:  # the address, or already accepted
            text = await self._text(refusal)
            if refusal.field == "email":
                self.email_error = text
            else:
                self.form_error = text
            return None
        (await self.get_state(MyAssignmentsState)).announce_acceptance()
        return rx.redirect(routes.MY_ROLE_ASSIGNMENTS)
