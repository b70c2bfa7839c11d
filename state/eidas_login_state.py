"""European login (eIDAS, seed 004 §1b): the country page, then the node, then the return page.

Thin: the country chosen goes to ``start_eidas_login`` (which keeps the login server-side,
bound to this browser's pre-login cookie), and the return page's ticket to
``finish_eidas_login``; every rule is there, since any handler here can be forged.
"""

import asyncio

import reflex as rx
from reflex_base.event import EventSpec

from foundation import routes
from foundation.clock import utc_now
from foundation.i18n.error_messages import error_text
from identity.assurance import LevelOfAssurance
from identity.keys.errors import DigitalKeyError
from portal.levels import level_named
from portal.login.eidas_login import finish_eidas_login, start_eidas_login
from state.browser import binding_of, user_agent_of
from state.i18n_state import I18nState
from state.kept_when_used import KeptWhenUsed
from state.session_state import load_page


class EidasLoginState(KeptWhenUsed, rx.State):
    step: str = "country"  # country, leaving (on the way to the node), checking (back from it)
    error_text: str = ""

    @rx.event
    def load(self) -> None:
        self.step, self.error_text = "country", ""

    async def _fail(self, error: Exception) -> None:
        self.error_text = error_text((await self.get_state(I18nState)).lang, error)
        self.step = "country"

    def _level_asked(self) -> LevelOfAssurance:
        """At least substantial (a European means below it opens no personal space); high when
        the page that sent the person here needs it."""
        asked = level_named(self.router.url.query_parameters.get(routes.LEVEL_PARAMETER, ""))
        return (
            LevelOfAssurance.HIGH
            if asked is LevelOfAssurance.HIGH
            else (LevelOfAssurance.SUBSTANTIAL)
        )

    @rx.event(background=True)
    async def choose(self, form: dict[str, str]) -> EventSpec | None:
        async with self:
            self.error_text = ""
            binding, level = binding_of(self), self._level_asked()
        try:
            url = await asyncio.to_thread(
                start_eidas_login,
                form.get("country", ""),
                now=utc_now(),
                browser_binding=binding,
                level=level,
            )
        except DigitalKeyError as error:
            async with self:
                await self._fail(error)
            return None
        async with self:
            self.step = "leaving"
        return load_page(url)

    @rx.event(background=True)
    async def come_back(self) -> EventSpec | None:
        """The return page's load: the ticket the ACS gave for the node's answer."""
        async with self:
            ticket = self.router.url.query_parameters.get("ticket", "")
            self.step, self.error_text = "checking", ""
            binding, user_agent = binding_of(self), user_agent_of(self)
        try:
            url = await asyncio.to_thread(
                finish_eidas_login,
                ticket,
                now=utc_now(),
                browser_binding=binding,
                user_agent=user_agent,
            )
        except DigitalKeyError as error:
            async with self:
                await self._fail(error)
            return None
        return load_page(url)
