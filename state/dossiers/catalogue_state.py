"""Catalogue des démarches (seed 003): by audience, searchable, each with its summary. Public:
informing comes before logging in."""

import dataclasses

import reflex as rx

from foundation import routes
from portal.dossiers.catalogue import AUDIENCES, load_catalogue
from state.i18n_state import I18nState


@dataclasses.dataclass
class ProcedureRow:
    key: str
    title: str
    summary: str
    audience_key: str  # catalogue.audience.<audience>
    href: str


class CatalogueState(rx.State):
    search: str = ""
    audience: str = ""  # "" for every audience
    rows: list[ProcedureRow] = []  # noqa: RUF012 - a Reflex var

    async def _refresh(self) -> None:
        language = (await self.get_state(I18nState)).lang
        audience = self.audience if self.audience in AUDIENCES else None
        self.rows = [
            ProcedureRow(
                key=p.key,
                title=p.title_in(language),
                summary=p.summary_in(language),
                audience_key=f"catalogue.audience.{p.audience}",
                href=routes.procedure(p.key),
            )
            for p in load_catalogue().search(self.search, audience=audience)
        ]

    @rx.event
    async def load(self) -> None:
        asked = self.router.url.query_parameters.get("public", "")
        self.audience = asked if asked in AUDIENCES else ""
        await self._refresh()

    @rx.event
    async def find(self, form: dict[str, str]) -> None:
        self.search = str(form.get("search", ""))[:200]
        audience = str(form.get("audience", ""))
        self.audience = audience if audience in AUDIENCES else ""
        await self._refresh()

    @rx.event
    async def choose_audience(self, audience: str) -> None:
        self.audience = audience if audience in AUDIENCES else ""
        await self._refresh()
