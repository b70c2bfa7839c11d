"""Compte: "Information du compte" (change the e-mail) and "Suppression du compte"."""

import reflex as rx
from reflex_base.event import EventSpec

from foundation import routes
from foundation.clock import utc_now
from foundation.models.account import AccountStatus
from portal.accounts import actions
from portal.levels import Gate
from state.account_form_state import AccountPageState, link_context

# Compte holds personal data; the page a pending deletion lands on shows only its date.
PAGE_GATES = {
    AccountStatus.ACTIVE: Gate.ACCOUNT,
    AccountStatus.DELETION_REQUESTED: Gate.ACCOUNT_DELETION_PENDING,
}


class AccountSettingsState(AccountPageState):
    surname: str = ""
    first_names: str = ""
    email: str = ""
    pending_email: str = ""
    strong_login: bool = False
    change_sent: bool = False
    withdraw_until: str = ""
    confirm_definitive: bool = False
    restored: bool = False

    def _refresh(self, status: AccountStatus) -> EventSpec | None:
        visit = self._visit(status, needs=PAGE_GATES[status])
        if isinstance(visit, EventSpec):
            return visit
        account = visit.account
        assert account is not None  # the page serves no first login
        self.surname, self.first_names = account.surname, account.first_names
        self.email, self.pending_email = account.email, account.pending_email
        self.strong_login = visit.strong_login
        if account.withdraw_until is not None:
            self.withdraw_until = account.withdraw_until.strftime("%d/%m/%Y")
        return None

    @rx.event
    def load(self) -> EventSpec | None:
        self.error_key = ""
        self.change_sent = False
        return self._refresh(AccountStatus.ACTIVE)

    @rx.event
    def change_email(self, form: dict[str, str]) -> EventSpec | None:
        return self._act(
            lambda session_id: actions.change_email(
                session_id,
                link_context(),
                email=form.get("email", ""),
                confirmation=form.get("email_confirmation", ""),
                now=utc_now(),
            ),
            then=self._change_sent,
        )

    def _change_sent(self) -> EventSpec | None:
        self.change_sent = True
        return self._refresh(AccountStatus.ACTIVE)

    @rx.event
    def delete_account(self) -> EventSpec | None:
        return self._act(
            lambda session_id: actions.request_deletion(session_id, now=utc_now()),
            then=lambda: rx.redirect(routes.ACCOUNT_DELETED),
        )

    @rx.event
    def load_deleted(self) -> EventSpec | None:
        self.error_key = ""
        self.confirm_definitive = False
        self.restored = False
        return self._refresh(AccountStatus.DELETION_REQUESTED)

    @rx.event
    def cancel_deletion(self) -> EventSpec | None:
        return self._act(
            lambda session_id: actions.cancel_deletion(session_id, now=utc_now()),
            then=self._restored,
        )

    def _restored(self) -> None:
        self.restored = True

    @rx.event
    def ask_definitive(self, ask: bool) -> None:
        self.confirm_definitive = ask

    @rx.event
    def delete_definitively(self) -> EventSpec | None:
        return self._act(
            lambda session_id: actions.delete_definitively(session_id, now=utc_now()),
            then=self._gone,
        )

    def _gone(self) -> EventSpec:
        return rx.redirect(routes.ACCOUNT_GONE)
