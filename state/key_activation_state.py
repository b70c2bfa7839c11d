"""The activation wizards of Mes clés numériques (seed 004 §2e: the 5 steps of the mobile app).

Thin: the steps are the key's wizard in the registry, and every step goes through
``portal.keys.wizard``, whose services refuse without a recent strong login.
"""

import reflex as rx
from reflex_base.event import EventSpec

from foundation import routes
from foundation.clock import utc_now
from foundation.db import session_scope
from foundation.i18n.error_messages import error_text
from foundation.models.account import AccountStatus
from identity.keys.errors import DigitalKeyError, StrongLoginRequiredError
from portal.keys import wizard
from state.i18n_state import I18nState
from state.session_state import SessionState


class KeyActivationState(SessionState):
    kind: str = ""
    steps: list[str] = []  # noqa: RUF012 - Reflex state vars are declared this way
    step: str = ""
    allowed: bool = False
    email: str = ""
    destination: str = ""
    has_credential: bool = False
    username: str = ""
    qr_src: str = ""
    secret_text: str = ""
    error_text: str = ""
    _secret: str = ""

    @rx.event
    def load(self, kind: str) -> EventSpec | None:
        self.kind, self.steps = kind, wizard.wizard_of(kind).step_names
        self.step, self.error_text = self.steps[0], ""
        self.qr_src = self.secret_text = self._secret = ""
        with session_scope() as db:
            entered = self._enter(db, AccountStatus.ACTIVE)
            if isinstance(entered, EventSpec):
                return entered
            row, account = entered
            assert account is not None
            opening = wizard.open_wizard(
                db, kind=kind, session=row, account_email=account.email, now=utc_now()
            )
        self.email = account.email
        self.allowed = opening.allowed
        self.username, self.has_credential = opening.username, bool(opening.username)
        self._secret = opening.started.secret
        self.qr_src, self.secret_text = opening.started.qr_src, opening.started.secret_text
        return None

    @rx.var
    def step_index(self) -> int:
        return self.steps.index(self.step) if self.step in self.steps else 0

    def _advance(self) -> None:
        index = self.steps.index(self.step)
        self.step = self.steps[min(index + 1, len(self.steps) - 1)]
        self.error_text = ""

    @rx.event
    def next_step(self) -> None:
        self._advance()

    @rx.event
    def cancel(self) -> EventSpec:
        return rx.redirect(routes.MY_KEYS)

    async def _fail(self, error: Exception) -> None:
        if isinstance(error, StrongLoginRequiredError):
            self.allowed = False  # the page shows the way to an eID login instead
            return
        self.error_text = error_text((await self.get_state(I18nState)).lang, error)

    @rx.event
    async def confirm_code(self, form: dict[str, str]) -> EventSpec | None:
        """The registration code, or the app's first code (with the secret shown)."""
        try:
            with session_scope() as db:
                entered = self._enter(db, AccountStatus.ACTIVE)
                if isinstance(entered, EventSpec):
                    return entered
                wizard.confirm_enrolment(
                    db,
                    kind=self.kind,
                    session=entered[0],
                    code=form.get("code", ""),
                    secret=self._secret,
                    now=utc_now(),
                )
        except DigitalKeyError as error:
            await self._fail(error)
            return None
        self._advance()
        return None

    @rx.event
    async def send_registration_code(self, form: dict[str, str]) -> EventSpec | None:
        destination = form.get("destination", "").strip()
        try:
            with session_scope() as db:
                entered = self._enter(db, AccountStatus.ACTIVE)
                if isinstance(entered, EventSpec):
                    return entered
                wizard.send_registration_code(
                    db, kind=self.kind, session=entered[0], destination=destination, now=utc_now()
                )
        except DigitalKeyError as error:
            await self._fail(error)
            return None
        self.destination = destination
        self._advance()
        return None

    @rx.event
    async def save_credentials(self, form: dict[str, str]) -> EventSpec | None:
        if self.has_credential and not wizard.wizard_of(self.kind).sets_credentials:
            self._advance()  # the username + password the person has serve this key too
            return None
        if form.get("password", "") != form.get("password_confirmation", ""):
            self.error_text = (await self.get_state(I18nState)).t["credentials.mismatch"]
            return None
        try:
            with session_scope() as db:
                entered = self._enter(db, AccountStatus.ACTIVE)
                if isinstance(entered, EventSpec):
                    return entered
                wizard.save_credentials(
                    db,
                    session=entered[0],
                    username=form.get("username", ""),
                    password=form.get("password", ""),
                    now=utc_now(),
                )
        except DigitalKeyError as error:
            await self._fail(error)
            return None
        self.has_credential = True
        self.username = form.get("username", "")
        self._advance()
        return None
