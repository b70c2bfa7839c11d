"""What each virtual person does on the portal, with think times between the actions.

- ``public``: the home page, then a click on a public page's link every think time (the
  measured baseline of issue #16).
- ``login``: the home page, "S'identifier", the authenticator app key's page, username and
  password, the TOTP code, the ticket's page load (the session cookie), the dashboard, "Mes
  clés", more pages of the space, then "Se déconnecter"; again, as long as the run lasts.
- ``logins``: the same login and logout without think time or pages between: the login rate.

An error (a refused step, a timeout, a lost websocket) is counted, and the person starts again
from the home page after a think time, as someone would reload."""

from __future__ import annotations

import asyncio
import contextlib
import random
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from bench.load import protocol
from bench.load.accounts import LoadAccount
from bench.load.browser import JourneyError, Tab
from bench.load.think import ThinkTime
from foundation import routes

PUBLIC_PAGES = (
    routes.HOME,
    routes.HELP,
    routes.PRIVACY,
    routes.WITHOUT_EID,
    routes.REGISTRATION_OFFICES,
    routes.KEY_CHOOSER,
    routes.CATALOGUE,
)
SPACE = "citoyen"
SPACE_PAGES = (
    routes.dashboard(SPACE),
    routes.space_page(SPACE, "documents"),
    routes.space_page(SPACE, "notifications"),
    routes.space_page(SPACE, "communications"),
    routes.space_page(SPACE, "profil"),
    routes.MY_KEYS,
    routes.MY_SPACES,
)
TOTP_STEP_SECONDS = 30


def _stop_if_cancelled() -> None:
    """Ends the person whose task was cancelled even when a library turned the cancellation into
    an error of its own (a websocket connect cut short): once, a run's level never ended, its
    people logging in again and again after the window closed."""
    task = asyncio.current_task()
    if task is not None and task.cancelling():
        raise asyncio.CancelledError


class AccountPool:
    """Lends each login an account whose TOTP code of the current 30-second step has not been
    used yet (the portal refuses a step twice: replay protection); waits for the next step when
    every free account has used this one."""

    def __init__(self, accounts: list[LoadAccount], clock: Callable[[], float] = time.time) -> None:
        if not accounts:
            raise ValueError("the login journeys need accounts: python -m bench.load seed")
        self._free: deque[LoadAccount] = deque(accounts)
        self._last_step: dict[str, int] = {}
        self._returned = asyncio.Event()
        self._clock = clock

    @staticmethod
    def step(moment: float) -> int:
        return int(moment // TOTP_STEP_SECONDS)

    async def borrow(self) -> LoadAccount:
        while True:
            now = self._clock()
            now_step = self.step(now)
            for _ in range(len(self._free)):
                account = self._free.popleft()
                if self._last_step.get(account.username, -1) < now_step:
                    return account
                self._free.append(account)
            # None usable now: the next step, or an account coming back, whichever first.
            wait = TOTP_STEP_SECONDS - now % TOTP_STEP_SECONDS + 0.05
            self._returned.clear()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._returned.wait(), wait)

    def give_back(self, account: LoadAccount, used_step: int | None) -> None:
        if used_step is not None:
            self._last_step[account.username] = used_step
        self._free.append(account)
        self._returned.set()


@dataclass(frozen=True, slots=True)
class JourneyPlan:
    kind: str  # public, login, logins
    think: ThinkTime
    pages_per_visit: int = 4  # pages of the space after the dashboard and Mes clés


class Person:
    """One virtual person and their browser tab."""

    def __init__(
        self, tab: Tab, plan: JourneyPlan, rng: random.Random, pool: AccountPool | None
    ) -> None:
        self.tab, self.plan, self.rng, self.pool = tab, plan, rng, pool
        self.started = asyncio.Event()  # set once the first page is loaded (or failed)

    async def think(self) -> None:
        pause = self.plan.think.draw(self.rng)
        if pause > 0:
            await asyncio.sleep(pause)

    async def live(self) -> None:
        """Runs until cancelled."""
        while True:
            _stop_if_cancelled()
            try:
                await self.tab.load(routes.HOME)
                self.started.set()
                if self.plan.kind == "public":
                    await self._browse_public()
                else:
                    while True:
                        await self._visit_logged_in()
            except JourneyError as error:
                _stop_if_cancelled()
                self.tab.recorder.error(error.kind)
                self.started.set()
                await self.tab.close_page()
                await self.think()

    async def _browse_public(self) -> None:
        while True:
            await self.think()
            here = self.tab.path.split("?")[0].rstrip("/") or "/"
            choices = [page for page in PUBLIC_PAGES if page != here]
            await self.tab.navigate(self.rng.choice(choices))
            await self.tab.follow()

    async def _visit_logged_in(self) -> None:
        """From the home page, logged out, back to the home page, logged out."""
        tab = self.tab
        if tab.path.rstrip("/") != routes.key_login("totp"):
            await self.think()
            await tab.navigate(routes.KEY_CHOOSER)  # "S'identifier"
            await self.think()
            await tab.navigate(routes.key_login("totp"))  # the app's key
        await self.think()  # typing the username and password
        await self._log_in()
        if self.plan.kind == "login":
            for path in (routes.dashboard(SPACE), routes.MY_KEYS):
                await self.think()
                await tab.navigate(path)
                await tab.follow()
            for _ in range(self.plan.pages_per_visit):
                await self.think()
                await tab.navigate(self.rng.choice(SPACE_PAGES))
                await tab.follow()
        await self.think()
        await self._log_out()

    async def _log_in(self) -> None:
        assert self.pool is not None
        tab, names = self.tab, self.tab.names
        account = await self.pool.borrow()
        used_step = None
        try:
            started = time.monotonic()
            await tab.request(
                protocol.event(
                    names.submit_credentials,
                    tab.path,
                    protocol.credentials_payload(account.username, account.password),
                ),
                "login_password",
                lambda u: _login_answer(u, names.code_login_state, "step", "code"),
            )
            self._refused_if_told()
            moment = time.time()
            used_step = AccountPool.step(moment)
            code = account.code_at(datetime.fromtimestamp(moment, UTC))
            await tab.request(
                protocol.event(names.submit_code, tab.path, protocol.code_payload(code)),
                "login_code",
                lambda u: _login_answer(u, names.code_login_state, None, None),
            )
            self._refused_if_told()
            if not tab.follow_ups:
                raise JourneyError("login: no ticket")
            await tab.follow()  # the ticket: the session cookie, then the first page
            if tab.var(names.session_state, "logged_in") is not True:
                raise JourneyError("login: not logged in after the ticket")
            tab.recorder.round_trip("login", time.monotonic() - started)
            tab.recorder.login()
        finally:
            self.pool.give_back(account, used_step)

    def _refused_if_told(self) -> None:
        error = self.tab.var(self.tab.names.code_login_state, "error_text")
        if error:
            raise JourneyError(f"login refused: {str(error)[:50]}")

    async def _log_out(self) -> None:
        tab, names = self.tab, self.tab.names
        await tab.request(
            protocol.event(names.logout, tab.path), "logout", lambda u: _loads_page(u)
        )
        await tab.follow()  # the logout endpoint clears the cookie, then the home page
        if tab.var(names.session_state, "logged_in") is not False:
            raise JourneyError("logout: still logged in")


def _loads_page(update: protocol.Update) -> bool:
    return any(protocol.assigned_location(e) for e in protocol.frontend_events(update))


def _login_answer(update: protocol.Update, substate: str, field: str | None, value: Any) -> bool:
    """A login step's answer: an error shown, the next step shown (``field`` == ``value``), or
    the page load of the ticket."""
    values = protocol.delta_of(update).get(substate, {})
    if values.get("error_text_rx_state_"):
        return True
    if field is not None and values.get(field + protocol.VAR_SUFFIX) == value:
        return True
    return _loads_page(update)
