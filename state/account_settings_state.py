"""Compte: "Information du compte" (change the e-mail) and "Suppression du compte"."""

from collections.abc import Callable

import reflex as rx
from reflex_base.event import EventSpec
from sqlmodel import Session

from foundation import routes
from foundation.clock import utc_now
from foundation.db import session_scope
from foundation.i18n.error_messages import error_key as catalogue_key
from foundation.models.account import Account, AccountStatus
from foundation.models.session import UserSession
from identity.sessions import is_recent_strong_login
from portal.accounts import service as accounts
from portal.accounts.errors import AccountError
from state.account_form_state import link_context
from state.session_state import SessionState

AccountAction = Callable[[Session, UserSession, Account], object]


class AccountSettingsState(SessionState):
    surname: str = ""
    first_names: str = ""
    email: str = ""
    pending_email: str = ""
    strong_login: bool = False
    error_key: str = ""
    change_sent: bool = False
    withdraw_until: str = ""
    confirm_definitive: bool = False
    restored: bool = False

    def _refresh(self, *accepted: AccountStatus) -> EventSpec | None:
        with session_scope() as db:
            entered = self._enter(db, *accepted)
            if isinstance(entered, EventSpec):
                return entered
            row, account = entered
            assert account is not None
            self.surname = account.surname
            self.first_names = account.first_names
            self.email = account.email
            self.pending_email = account.pending_email or ""
            self.strong_login = is_recent_strong_login(row, now=utc_now())
            if account.deletion_requested_at is not None:
                until = account.deletion_requested_at + accounts.WITHDRAWAL_PERIOD
                self.withdraw_until = until.strftime("%d/%m/%Y")
        return None

    @rx.event
    def load(self) -> EventSpec | None:
        self.error_key = ""
        self.change_sent = False
        return self._refresh(AccountStatus.ACTIVE)

    def _act(self, status: AccountStatus, action: AccountAction) -> EventSpec | bool:
        """Runs ``action`` on the live session and account; a refusal becomes the page's message.

        Returns the redirect when the person is not where this page expects, else whether the
        action went through."""
        try:
            with session_scope() as db:
                entered = self._enter(db, status)
                if isinstance(entered, EventSpec):
                    return entered
                row, account = entered
                assert account is not None
                action(db, row, account)
        except AccountError as error:
            self.error_key = catalogue_key(error)
            return False
        self.error_key = ""
        return True

    @rx.event
    def change_email(self, form: dict[str, str]) -> EventSpec | None:
        done = self._act(
            AccountStatus.ACTIVE,
            lambda db, row, account: accounts.request_email_change(
                db,
                link_context(),
                account=account,
                session_row=row,
                email=form.get("email", ""),
                confirmation=form.get("email_confirmation", ""),
                now=utc_now(),
            ),
        )
        if done is not True:
            return done if isinstance(done, EventSpec) else None
        self.change_sent = True
        return self._refresh(AccountStatus.ACTIVE)

    @rx.event
    def delete_account(self) -> EventSpec | None:
        done = self._act(
            AccountStatus.ACTIVE,
            lambda db, row, account: accounts.request_deletion(
                db, account=account, session_row=row, now=utc_now()
            ),
        )
        if done is not True:
            return done if isinstance(done, EventSpec) else None
        return rx.redirect(routes.ACCOUNT_DELETED)

    @rx.event
    def load_deleted(self) -> EventSpec | None:
        self.error_key = ""
        self.confirm_definitive = False
        self.restored = False
        return self._refresh(AccountStatus.DELETION_REQUESTED)

    @rx.event
    def cancel_deletion(self) -> EventSpec | None:
        done = self._act(
            AccountStatus.DELETION_REQUESTED,
            lambda db, _row, account: accounts.cancel_deletion(db, account=account, now=utc_now()),
        )
        if done is not True:
            return done if isinstance(done, EventSpec) else None
        self.restored = True
        return None

    @rx.event
    def ask_definitive(self, ask: bool) -> None:
        self.confirm_definitive = ask

    @rx.event
    def delete_definitively(self) -> EventSpec | None:
        done = self._act(
            AccountStatus.DELETION_REQUESTED,
            lambda db, _row, account: accounts.delete_definitively(
                db, account=account, now=utc_now()
            ),
        )
        if done is not True:
            return done if isinstance(done, EventSpec) else None
        self._forget()
        return rx.redirect(routes.ACCOUNT_GONE)
