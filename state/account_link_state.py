"""Pages opened from a link in an e-mail: activate, cancel, confirm an address."""

import reflex as rx

from foundation.clock import utc_now
from foundation.i18n.error_messages import error_key as catalogue_key
from portal.accounts import actions
from portal.accounts.errors import AccountError
from state.account_form_state import link_context
from state.session_state import SessionMixin


class AccountLinkState(SessionMixin, rx.State):
    """No session needed; the browser's own, if any, stays open when it confirms a new address
    (every other session of the person ends)."""

    done: bool = False
    checked: bool = False
    error_key: str = ""
    _followed: str = ""  # the action and token this tab has already followed successfully

    @rx.event
    def follow(self, action: str) -> None:
        """Runs the action the link stands for, with the token from the URL (?jeton=...)."""
        token = self.router.url.query_parameters.get("jeton", "")
        # The page's on_load may run twice for one visit: the second run of a single-use link
        # would otherwise replace "activated" by "this link was already used".
        if self.done and self._followed == f"{action}:{token}":
            return
        self.done = False
        self.checked = False
        self.error_key = ""
        try:
            actions.follow_link(
                action, link_context(), token=token, now=utc_now(), session_id=self._session_id()
            )
        except AccountError as error:
            self.error_key = catalogue_key(error)
        else:
            self.done = True
            self._followed = f"{action}:{token}"
        self.checked = True
