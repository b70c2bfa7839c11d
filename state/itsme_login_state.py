"""Login via itsme (seed 004 §2d): the phone number, itsme's page and the phone, then the return.

What the login keeps between "envoyer" and the return (the state, the nonce, the PKCE verifier
and the browser's binding) stays in a backend-only var: it never reaches the browser, and only
this tab's state holds it.

"Se souvenir de mon numéro?" keeps the number in a cookie of the browser only
(``portal.login.itsme_phone_cookie`` says why a plain one): the page's load reads it from the
websocket's request and fills the field by a script, so no state var ever holds the number.
"""

import asyncio

import reflex as rx
from reflex_base.event import EventSpec

from foundation.clock import utc_now
from foundation.i18n.error_messages import error_text
from foundation.settings import get_settings
from identity.keys.errors import DigitalKeyError
from portal.login.itsme_login import finish_itsme_login, start_itsme_login
from portal.login.itsme_phone_cookie import (
    cookie_after_send,
    kept_in_cookie,
    phone_cookie,
    remembered_number,
    script_offering,
    script_setting,
)
from state.browser import binding_of, cookie_header, user_agent_of
from state.i18n_state import I18nState
from state.kept_when_used import KeptWhenUsed
from state.session_state import load_page


class ItsmeLoginState(KeptWhenUsed, rx.State):
    step: str = "phone"  # phone, leaving (on the way to itsme), checking (back from itsme)
    error_text: str = ""
    _kept: dict[str, str] = {}  # noqa: RUF012 - a Reflex var's default, copied per state

    @rx.event
    def load(self) -> EventSpec | None:
        self.step, self.error_text = "phone", ""
        return self._offer_remembered_number()

    def _offer_remembered_number(self) -> EventSpec | None:
        """The number this browser keeps, in the field with the box ticked; a cookie that holds
        no mobile number is forgotten."""
        header, origin = cookie_header(self), get_settings().public_origin
        number = remembered_number(header, origin)
        if number is not None:
            return rx.call_script(script_offering(number))
        if kept_in_cookie(header, origin):
            return rx.call_script(script_setting(phone_cookie(origin).forget()))
        return None

    async def _fail(self, error: Exception) -> None:
        self.error_text = error_text((await self.get_state(I18nState)).lang, error)
        self.step = "phone"

    @rx.event(background=True)
    async def send(self, form: dict[str, str]) -> list[EventSpec] | None:
        async with self:
            self.error_text = ""
            binding = binding_of(self)
            language = (await self.get_state(I18nState)).lang
        phone = form.get("phone", "")
        try:
            started = await asyncio.to_thread(
                start_itsme_login,
                phone,
                now=utc_now(),
                language=language,
                browser_binding=binding,
            )
        except DigitalKeyError as error:
            async with self:
                await self._fail(error)
            return None
        async with self:
            self._kept = started.kept
            self.step = "leaving"
        # The number went to itsme: kept in this browser if the box is ticked, forgotten if not.
        remember = form.get("remember") == "on"
        cookie = cookie_after_send(
            phone, remember=remember, public_origin=get_settings().public_origin
        )
        return [rx.call_script(script_setting(cookie)), load_page(started.url)]

    @rx.event(background=True)
    async def come_back(self) -> EventSpec | None:
        """The return page's load: itsme's answer is in its query (code and state, or error)."""
        async with self:
            answer = dict(self.router.url.query_parameters)
            kept, self._kept = self._kept, {}  # one answer per login, whatever it says
            self.step, self.error_text = "checking", ""
            binding, user_agent = binding_of(self), user_agent_of(self)
        try:
            url = await asyncio.to_thread(
                finish_itsme_login,
                kept,
                answer,
                now=utc_now(),
                browser_binding=binding,
                user_agent=user_agent,
            )
        except DigitalKeyError as error:
            async with self:
                await self._fail(error)
                return self._offer_remembered_number()
        return load_page(url)
