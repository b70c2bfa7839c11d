""" "Gérer l'espace" of a company's professional space: its contact address, the three e-mails
it wants (dossier introduit, complément demandé, dossier clôturé), and who has access with which
role (read only: changes go through Ma gestion des rôles eGov).

Only "Gestionnaire de l'espace" and "Propriétaire de l'espace" may read and save it: the service
refuses anyone else (``RoleRequiredError``), and the page shows its text, which names those
roles, under the space's menu.
"""

from __future__ import annotations

import dataclasses
from typing import Any

import reflex as rx
from reflex_base.event import EventSpec

from foundation import routes
from foundation.clock import utc_now
from portal.dossiers import professional_visits
from portal.dossiers.errors import SpaceSettingsError
from portal.dossiers.professional_spaces import SpaceSettings
from portal.dossiers.professional_visits import CompanyVisit
from state.dossiers.professional_state import ProfessionalSpaceState
from state.roles.refusals import text_of

CONTACT_FIELD = "contact_email"
CHOICES = ("notify_submitted", "notify_complement", "notify_closed")


@dataclasses.dataclass
class MemberRow:
    name: str
    role: str
    until: str  # DD/MM/YYYY; "" reads "Illimité"


class SpaceSettingsState(ProfessionalSpaceState):
    shown: bool = False  # the settings are on the page (the person may manage the space)
    contact_email: str = ""
    notify_submitted: bool = True
    notify_complement: bool = True
    notify_closed: bool = True
    members: list[MemberRow] = []  # noqa: RUF012 - Reflex state vars are declared this way
    saved: bool = False
    contact_error: str = ""  # the address refused, beside its field

    def _back(self) -> str:
        return routes.professional(routes.PROFESSIONAL_SETTINGS, self.company_number)

    def _show(self, settings: SpaceSettings) -> None:
        self.contact_email = settings.contact_email
        self.notify_submitted = settings.notify_submitted
        self.notify_complement = settings.notify_complement
        self.notify_closed = settings.notify_closed
        self.members = [MemberRow(m.name, m.role, m.until) for m in settings.members]
        self.shown = True

    def _hide(self) -> None:
        self.shown, self.saved, self.contact_error = False, False, ""
        self.contact_email, self.members = "", []

    @rx.event
    async def load(self) -> EventSpec | None:
        asked = self._asked()
        self._leave_place()
        self._hide()
        self.refusal = ""
        back = routes.professional(routes.PROFESSIONAL_SETTINGS, asked)
        opened = await self._ask(
            lambda session_id: professional_visits.open_company(session_id, asked, now=utc_now()),
            back=back,
        )
        if not isinstance(opened, CompanyVisit):
            return opened
        self._enter(opened.visit, opened.place)
        number = opened.place.company_number
        # The space's menu stays: what is refused is this page's content.
        settings = await self._ask(
            lambda session_id: professional_visits.company_settings(
                session_id, number, now=utc_now()
            ),
            back=back,
            keep_place=True,
        )
        if not isinstance(settings, SpaceSettings):
            return settings
        self._show(settings)
        return None

    @rx.event
    async def save(self, form: dict[str, Any]) -> EventSpec | None:
        """ "Enregistrer": a ticked box is in the form, an unticked one is not."""
        number, self.saved, self.contact_error = self.company_number, False, ""
        typed = str(form.get(CONTACT_FIELD, ""))
        try:
            settings = await self._ask(
                lambda session_id: professional_visits.save_company_settings(
                    session_id,
                    number,
                    contact_email=typed,
                    notify_submitted=bool(form.get("notify_submitted")),
                    notify_complement=bool(form.get("notify_complement")),
                    notify_closed=bool(form.get("notify_closed")),
                    now=utc_now(),
                ),
                back=self._back(),
                shown_apart=(SpaceSettingsError,),
            )
        except SpaceSettingsError as refusal:
            self.contact_email, self.contact_error = typed, await text_of(self, refusal)
            return None
        if not isinstance(settings, SpaceSettings):
            self._hide()
            return settings
        self._show(settings)
        self.saved = True
        return None
