"""Pages opened from a link in an e-mail: activate, cancel, confirm an address."""

from collections.abc import Callable
from datetime import datetime

import reflex as rx
from sqlmodel import Session

from foundation.clock import utc_now
from foundation.db import session_scope
from foundation.i18n.error_messages import error_key as catalogue_key
from portal.accounts import service as accounts
from portal.accounts.errors import AccountError
from state.account_form_state import link_context

LinkAction = Callable[[Session, accounts.LinkContext, str, datetime], object]

ACTIONS: dict[str, LinkAction] = {
    "activate": lambda db, links, token, now: accounts.activate(db, links, token=token, now=now),
    "cancel": lambda db, links, token, now: accounts.cancel_activation(
        db, links, token=token, now=now
    ),
    "confirm-email": lambda db, links, token, now: accounts.confirm_email_change(
        db, links, token=token, now=now
    ),
    "teaching-email": lambda db, links, token, now: accounts.confirm_teaching_email(
        db, links, token=token, now=now
    ),
}


class AccountLinkState(rx.State):
    done: bool = False
    checked: bool = False
    error_key: str = ""

    @rx.event
    def follow(self, action: str) -> None:
        """Runs the action the link stands for, with the token from the URL (?jeton=...)."""
        self.done = False
        self.checked = False
        self.error_key = ""
        token = self.router.url.query_parameters.get("jeton", "")
        try:
            with session_scope() as db:
                ACTIONS[action](db, link_context(), token, utc_now())
        except AccountError as error:
            self.error_key = catalogue_key(error)
        else:
            self.done = True
        self.checked = True
