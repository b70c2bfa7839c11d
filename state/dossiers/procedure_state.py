"""A démarche's page: what it is for, who may use it, what is needed, and "Commencer" in one of
the spaces this person may start it from (seed 003 "Comment initier un dossier ?": with the eID).

Starting reads the card in the reader (identity and address) and the company register; the
service checks the eID level and the role, and the page goes to the new dossier's form.
"""

import asyncio
import dataclasses

import reflex as rx
from reflex_base.event import EventSpec

from foundation import routes
from foundation.clock import utc_now
from portal.dossiers import dossier_visits
from portal.dossiers.catalogue import UnknownProcedureError
from portal.dossiers.dossier_setup import authentic_sources
from state.dossiers.asking import ANSWERED, AskingMixin
from state.i18n_state import I18nState
from state.roles.refusals import to_eid
from state.session_state import SessionMixin

PARAMETER = "cle"


@dataclasses.dataclass
class PlaceRow:
    key: str
    label: str


class ProcedureState(AskingMixin, SessionMixin, rx.State):
    key: str = ""
    found: bool = True
    title: str = ""
    summary: str = ""
    who: str = ""
    needed: list[str] = []  # noqa: RUF012 - a Reflex var
    administration: str = ""
    audience: str = ""
    places: list[PlaceRow] = []  # noqa: RUF012 - a Reflex var
    starting: bool = False

    def _route(self) -> str:
        return routes.procedure(self.key)

    @rx.var
    def audience_key(self) -> str:
        return f"catalogue.audience.{self.audience or 'citoyens'}"

    @rx.var
    def login_url(self) -> str:
        return routes.login_then(routes.procedure(self.key), key="eid")

    @rx.event
    async def load(self) -> None:
        self.error_text = ""
        self.starting = False
        self.key = self.router.url.query_parameters.get(PARAMETER, "")
        language = (await self.get_state(I18nState)).lang
        try:
            procedure, visit = dossier_visits.open_procedure(
                self._session_id(), self.key, language=language, now=utc_now()
            )
        except UnknownProcedureError:
            self.found = False
            return
        self.found = True
        self.title = procedure.title_in(language)
        self.summary = procedure.summary_in(language)
        self.who = procedure.who_in(language)
        self.needed = list(procedure.needed_in(language))
        self.administration = procedure.administration_in(language)
        self.audience = procedure.audience
        self.places = [PlaceRow(p.key, p.label) for p in visit.places]

    @rx.event(background=True)
    async def start(self, form: dict[str, str]) -> EventSpec | None:
        async with self:
            if self.starting:
                return None
            self.starting = True
            self.error_text = ""
            session_id, key = self._session_id(), self.key
            place = str(form.get("place", "")) or (self.places[0].key if self.places else "")
        if not place:
            async with self:
                self.starting = False
            return to_eid(routes.procedure(key))
        try:
            reference = await asyncio.to_thread(
                dossier_visits.start,
                session_id,
                key,
                place,
                sources=authentic_sources(),
                now=utc_now(),
            )
        except ValueError:  # a forged place
            reference = None
        except ANSWERED as refusal:
            async with self:
                self.starting = False
                return await self._answer(refusal)
        async with self:
            self.starting = False
            if reference is None:
                return None
        return rx.redirect(routes.dossier_form(reference))
