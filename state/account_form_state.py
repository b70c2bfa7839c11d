"""First login: the "MON COMPTE — Informations personnelles" form and the pending page."""

import reflex as rx
from reflex_base.event import EventSpec

from foundation import routes
from foundation.clock import utc_now
from foundation.db import session_scope
from foundation.i18n.error_messages import error_key as catalogue_key
from foundation.models.account import AccountStatus
from foundation.settings import get_settings
from identity.sessions import login_identity
from portal.accounts import service as accounts
from portal.accounts.errors import AccountError
from state.session_state import SessionState


def link_context() -> accounts.LinkContext:
    settings = get_settings()
    return accounts.LinkContext(settings.resolved_secret_key(), settings.public_origin)


class AccountFormState(SessionState):
    surname: str = ""
    first_names: str = ""
    birth_date: str = ""
    error_key: str = ""
    email_value: str = ""

    @rx.event
    def load(self) -> EventSpec | None:
        self.error_key = ""
        with session_scope() as db:
            entered = self._enter(db, None)
            if isinstance(entered, EventSpec):
                return entered
            row, _ = entered
            identity = login_identity(row)
        self.surname = identity.surname
        self.first_names = identity.first_names
        self.birth_date = identity.birth_date.strftime("%d/%m/%Y")
        return None

    @rx.event
    def submit(self, form: dict[str, str]) -> EventSpec | None:
        email = form.get("email", "")
        self.email_value = email
        try:
            with session_scope() as db:
                entered = self._enter(db, None)
                if isinstance(entered, EventSpec):
                    return entered
                row, _ = entered
                accounts.register(
                    db,
                    link_context(),
                    identity=login_identity(row),
                    email=email,
                    confirmation=form.get("email_confirmation", ""),
                    now=utc_now(),
                )
        except AccountError as error:
            self.error_key = catalogue_key(error)
            return None
        self.error_key = ""
        return rx.redirect(routes.ACCOUNT_PENDING)


class AccountPendingState(SessionState):
    show_resend: bool = False
    error_key: str = ""
    resent: bool = False

    @rx.event
    def load(self) -> EventSpec | None:
        self.show_resend = False
        self.resent = False
        self.error_key = ""
        with session_scope() as db:
            entered = self._enter(db, AccountStatus.PENDING)
            if isinstance(entered, EventSpec):
                return entered
        return None

    @rx.event
    def open_resend(self) -> None:
        self.show_resend = True
        self.resent = False

    @rx.event
    def resend(self, form: dict[str, str]) -> EventSpec | None:
        try:
            with session_scope() as db:
                entered = self._enter(db, AccountStatus.PENDING)
                if isinstance(entered, EventSpec):
                    return entered
                row, _ = entered
                accounts.resend_activation(
                    db,
                    link_context(),
                    national_number=row.national_number,
                    email=form.get("email", ""),
                    now=utc_now(),
                )
        except AccountError as error:
            self.error_key = catalogue_key(error)
            return None
        self.error_key = ""
        self.resent = True
        self.show_resend = False
        return None
