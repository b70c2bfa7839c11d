"""The activation wizards of Mes clés numériques (seed 004 §2e: the 5 steps of the mobile app)."""

from collections.abc import Callable
from datetime import datetime

import reflex as rx
from reflex_base.event import EventSpec
from sqlmodel import Session

from foundation import routes
from foundation.clock import utc_now
from foundation.db import session_scope
from foundation.i18n.error_messages import error_text
from foundation.models.account import AccountStatus
from foundation.models.digital_keys import Credential
from foundation.models.session import UserSession
from identity import email_code, sms_code, totp
from identity.keys.errors import DigitalKeyError
from identity.password import set_credentials
from identity.sessions import is_recent_strong_login
from portal.login.providers import sms_sender
from state.i18n_state import I18nState
from state.session_state import SessionState

WIZARD_STEPS: dict[str, list[str]] = {
    "totp": ["contact", "install", "activate", "credentials", "confirmation"],
    "email_code": ["destination", "code", "credentials", "confirmation"],
    "sms_code": ["destination", "code", "credentials", "confirmation"],
    "password": ["credentials", "confirmation"],
}


def _start_email(db: Session, national_number: str, destination: str, now: datetime) -> None:
    email_code.start_enrolment(db, national_number=national_number, email=destination, now=now)


def _start_sms(db: Session, national_number: str, destination: str, now: datetime) -> None:
    sms_code.start_enrolment(
        db, sender=sms_sender(), national_number=national_number, phone=destination, now=now
    )


def _confirm_email(db: Session, national_number: str, code: str, now: datetime) -> object:
    return email_code.confirm_enrolment(db, national_number=national_number, code=code, now=now)


def _confirm_sms(db: Session, national_number: str, code: str, now: datetime) -> object:
    return sms_code.confirm_enrolment(db, national_number=national_number, code=code, now=now)


# The two steps of the keys that send a registration code to an address of the person's.
CODE_ENROLMENTS: dict[str, tuple[Callable[..., None], Callable[..., object]]] = {
    "email_code": (_start_email, _confirm_email),
    "sms_code": (_start_sms, _confirm_sms),
}


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
        self.kind, self.steps = kind, WIZARD_STEPS[kind]
        self.step, self.error_text = self.steps[0], ""
        self.qr_src = self.secret_text = self._secret = ""
        with session_scope() as db:
            entered = self._enter(db, AccountStatus.ACTIVE)
            if isinstance(entered, EventSpec):
                return entered
            row, account = entered
            assert account is not None
            self.allowed = is_recent_strong_login(row, now=utc_now())
            self.email = account.email
            credential = db.get(Credential, row.national_number)
            self.has_credential = credential is not None
            self.username = credential.username if credential else ""
        if kind == "totp":
            self._secret = totp.start_enrolment()
            screen = totp.enrolment_screen(self._secret, account_name=self.email)
            self.qr_src, self.secret_text = screen.qr_src, screen.secret_text
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
        self.error_text = error_text((await self.get_state(I18nState)).lang, error)

    @rx.event
    async def confirm_first_code(self, form: dict[str, str]) -> EventSpec | None:
        try:
            with session_scope() as db:
                row = self._strong_session(db)
                if not isinstance(row, UserSession):
                    return row
                totp.confirm_enrolment(
                    db,
                    national_number=row.national_number,
                    secret=self._secret,
                    first_code=form.get("code", ""),
                    now=utc_now(),
                )
        except DigitalKeyError as error:
            await self._fail(error)
            return None
        self._advance()
        return None

    def _strong_session(self, db: Session) -> UserSession | EventSpec | None:
        entered = self._enter(db, AccountStatus.ACTIVE)
        if isinstance(entered, EventSpec):
            return entered
        row, _ = entered
        if not is_recent_strong_login(row, now=utc_now()):
            self.allowed = False
            return None
        return row

    @rx.event
    async def send_registration_code(self, form: dict[str, str]) -> EventSpec | None:
        start, _ = CODE_ENROLMENTS[self.kind]
        destination = form.get("destination", "").strip()
        try:
            with session_scope() as db:
                row = self._strong_session(db)
                if not isinstance(row, UserSession):
                    return row
                start(db, row.national_number, destination, utc_now())
        except DigitalKeyError as error:
            await self._fail(error)
            return None
        self.destination = destination
        self._advance()
        return None

    @rx.event
    async def confirm_registration_code(self, form: dict[str, str]) -> EventSpec | None:
        _, confirm = CODE_ENROLMENTS[self.kind]
        try:
            with session_scope() as db:
                row = self._strong_session(db)
                if not isinstance(row, UserSession):
                    return row
                confirm(db, row.national_number, form.get("code", ""), utc_now())
        except DigitalKeyError as error:
            await self._fail(error)
            return None
        self._advance()
        return None

    @rx.event
    async def save_credentials(self, form: dict[str, str]) -> EventSpec | None:
        if self.has_credential and self.kind != "password":
            self._advance()
            return None
        if form.get("password", "") != form.get("password_confirmation", ""):
            self.error_text = (await self.get_state(I18nState)).t["credentials.mismatch"]
            return None
        try:
            with session_scope() as db:
                row = self._strong_session(db)
                if not isinstance(row, UserSession):
                    return row
                set_credentials(
                    db,
                    national_number=row.national_number,
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
