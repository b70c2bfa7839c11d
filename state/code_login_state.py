"""Login with username + password, then the code of the chosen key (seed 004 §2d–2f)."""

import asyncio
import json

import reflex as rx
from reflex_base.event import EventSpec

from foundation import routes
from foundation.clock import utc_now
from foundation.i18n.error_messages import error_text
from identity.keys.errors import DigitalKeyError
from identity.registry import UnknownKeyError, or_default
from portal.login.code_login import (
    NoIdentityError,
    PasswordPassed,
    finish_password_login,
    send_code_again,
    submit_code,
    submit_password,
)
from state.browser import binding_of, user_agent_of
from state.client_address import client_address
from state.i18n_state import I18nState
from state.kept_when_used import KeptWhenUsed
from state.login_return_state import LoginReturnState

LOGIN_ERRORS = (DigitalKeyError, NoIdentityError)


def activation_login(kind: str, came_from: str) -> str:
    """The eID login that opens the key's activation wizard (a key activated elsewhere, the paper
    token, has none: the eID login alone)."""
    try:
        wizard = or_default(None).get(kind).wizard
    except UnknownKeyError:
        wizard = None
    if wizard is None:
        return routes.key_login("eid")
    return routes.login_then(routes.key_activation(kind, back=came_from), key="eid")


def _password_step(
    kind: str, username: str, password: str, binding: str | None, address: str | None
) -> PasswordPassed:
    return submit_password(
        kind=kind,
        username=username,
        password=password,
        now=utc_now(),
        browser_binding=binding,
        address=address,
    )


def _finish(kind: str, national_number: str, binding: str | None, user_agent: str) -> str:
    return finish_password_login(
        kind=kind,
        national_number=national_number,
        now=utc_now(),
        browser_binding=binding,
        user_agent=user_agent,
    )


def _code_step(
    kind: str,
    attempt_id: str,
    code: str,
    binding: str | None,
    address: str | None,
    user_agent: str,
) -> str:
    return submit_code(
        kind=kind,
        attempt_id=attempt_id,
        code=code,
        now=utc_now(),
        browser_binding=binding,
        address=address,
        user_agent=user_agent,
    )


class CodeLoginState(KeptWhenUsed, rx.State):
    kind: str = ""
    step: str = "credentials"  # credentials, checking, code
    prompt_key: str = ""
    prompt_detail: str = ""
    can_resend: bool = False
    resent: bool = False
    error_text: str = ""
    # "IDENTIFICATION avec un lecteur de cartes eID" for a key not activated yet: the eID login,
    # then straight to this key's activation wizard (seed 004 §2e/§2f, option A), whose "Retour à
    # l'application" leads where this login was asked from.
    activation_login: str = routes.key_login("eid")
    _attempt_id: str = ""

    @rx.event
    async def load(self, kind: str) -> None:
        self.kind = kind
        self.step = "credentials"
        self.error_text = ""
        self.resent = False
        self._attempt_id = ""
        came_from = (await self.get_state(LoginReturnState)).came_from
        self.activation_login = activation_login(kind, came_from)

    async def _fail(self, error: Exception) -> None:
        language = (await self.get_state(I18nState)).lang
        self.error_text = error_text(language, error)

    @rx.event(background=True)
    async def submit_credentials(self, form: dict[str, str]) -> EventSpec | None:
        async with self:
            kind, self.step, self.error_text = self.kind, "checking", ""
            binding, address = binding_of(self), client_address(self)
            user_agent = user_agent_of(self)
        try:
            passed = await asyncio.to_thread(
                _password_step,
                kind,
                form.get("username", ""),
                form.get("password", ""),
                binding,
                address,
            )
            url = (
                ""
                if passed.prompt is not None
                else await asyncio.to_thread(
                    _finish, kind, passed.national_number, binding, user_agent
                )
            )
        except LOGIN_ERRORS as error:
            async with self:
                await self._fail(error)
                self.step = "credentials"
            return None
        if url:
            return rx.call_script(f"window.location.assign({json.dumps(url)})")
        assert passed.prompt is not None
        async with self:
            self._attempt_id = passed.attempt_id
            self.prompt_key = passed.prompt.prompt_key
            self.prompt_detail = passed.prompt.detail
            self.can_resend = passed.prompt.can_resend
            self.step = "code"
        return None

    @rx.event(background=True)
    async def submit_code(self, form: dict[str, str]) -> EventSpec | None:
        async with self:
            kind, attempt_id, self.error_text = self.kind, self._attempt_id, ""
            self.resent = False
            binding, address = binding_of(self), client_address(self)
            user_agent = user_agent_of(self)
        try:
            url = await asyncio.to_thread(
                _code_step, kind, attempt_id, form.get("code", ""), binding, address, user_agent
            )
        except LOGIN_ERRORS as error:
            async with self:
                await self._fail(error)
            return None
        return rx.call_script(f"window.location.assign({json.dumps(url)})")

    @rx.event
    async def resend(self) -> None:
        try:
            prompt = send_code_again(kind=self.kind, attempt_id=self._attempt_id, now=utc_now())
        except LOGIN_ERRORS as error:
            await self._fail(error)
            return
        self.prompt_detail = prompt.detail
        self.error_text = ""
        self.resent = True
