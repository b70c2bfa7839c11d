"""Catalogue des démarches (seed 003): by audience, searchable, each with its summary. Public:
informing comes before logging in."""

import dataclasses

import reflex as rx

from foundation import routes
from portal.dossiers.catalogue import AUDIENCES, load_catalogue
from state.i18n_state import I18nState
from state.kept_when_used import KeptWhenUsed


@dataclasses.dataclass
class ProcedureRow:
    key: str
    title: str
    summary: str
    audience_key: str  # catalogue.audience.<audience>
    href: str


class CatalogueState(KeptWhenUsed, rx.State):
    search: str = ""
    audience: str = ""  # "" for every audience
    language: str = ""  # the page's, when it last searched

    @rx.var(cache=False)
    def rows(self) -> list[ProcedureRow]:
        """The démarches found, computed for each change rather than kept with the tab: the
        state manager keeps a digest of what was sent instead of the list (4.5 KB)."""
        if not self.language:
            return []
        audience = self.audience if self.audience in AUDIENCES else None
        return [
            ProcedureRow(
                key=p.key,
                title=p.title_in(self.language),
                summary=p.summary_in(self.language),
                audience_key=f"catalogue.audience.{p.audience}",
                href=routes.procedure(p.key),
            )
            for p in load_catalogue().search(self.search, audience=audience)
        ]

    async def _refresh(self) -> None:
        self.language = (await self.get_state(I18nState)).lang

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
