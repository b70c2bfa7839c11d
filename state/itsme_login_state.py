"""Login via itsme (seed 004 §2d): the phone number, then the approval on the phone."""

import asyncio

import reflex as rx
from reflex_base.event import EventSpec

from foundation.clock import utc_now
from foundation.i18n.error_messages import error_text
from identity.keys.errors import DigitalKeyError
from portal.login.itsme_login import check_itsme_request, send_itsme_request
from state.browser import binding_of, user_agent_of
from state.i18n_state import I18nState
from state.session_state import load_page

POLL_SECONDS = 1.0


class ItsmeLoginState(rx.State):
    step: str = "phone"  # phone, waiting
    seconds_left: int = 0
    error_text: str = ""

    @rx.event
    def load(self) -> None:
        self.step, self.error_text = "phone", ""

    async def _fail(self, error: Exception) -> None:
        self.error_text = error_text((await self.get_state(I18nState)).lang, error)
        self.step = "phone"

    @rx.event(background=True)
    async def send(self, form: dict[str, str]) -> EventSpec | None:
        async with self:
            self.error_text = ""
            binding, user_agent = binding_of(self), user_agent_of(self)
        try:
            request = await asyncio.to_thread(
                send_itsme_request, form.get("phone", ""), now=utc_now()
            )
            async with self:
                self.step = "waiting"
            while True:
                outcome = await asyncio.to_thread(
                    check_itsme_request,
                    request,
                    now=utc_now(),
                    browser_binding=binding,
                    user_agent=user_agent,
                )
                if isinstance(outcome, str):
                    return load_page(outcome)
                async with self:
                    if self.step != "waiting":  # the person cancelled
                        return None
                    self.seconds_left = outcome.seconds_left
                await asyncio.sleep(POLL_SECONDS)
        except DigitalKeyError as error:
            async with self:
                await self._fail(error)
            return None

    @rx.event
    def cancel(self) -> None:
        self.step = "phone"
