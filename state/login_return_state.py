"""The page that sent the person to log in, remembered while they choose a key and log in.

A section's "S'identifier" opens the key chooser with ``?suite=<path>``; the chooser keeps the path
in a cookie, which the session endpoint reads once the login is done (``return_after_login``), so
no key page has to carry it along. A path of another site is never kept.
"""

import reflex as rx

from foundation import routes
from portal.login.completion import RETURN_COOKIE, RETURN_COOKIE_MAX_AGE
from state.kept_when_used import KeptWhenUsed

PARAMETER = "suite"


class LoginReturnState(KeptWhenUsed, rx.State):
    came_from: str = rx.Cookie(
        "", name=RETURN_COOKIE, path="/", max_age=RETURN_COOKIE_MAX_AGE, same_site="lax"
    )

    def _asked(self) -> str:
        value = self.router.url.query_parameters.get(PARAMETER, "")
        return value if routes.is_local_path(value) else ""

    @rx.event
    def remember(self) -> None:
        """The key chooser: come back where ``?suite=`` says, or to the usual home without it."""
        self.came_from = self._asked()

    @rx.event
    def remember_if_asked(self) -> None:
        """A key's own login page, opened by a page that needs that key (the eID for a high
        level): its ``?suite=`` counts; without one, what the chooser remembered stays."""
        asked = self._asked()
        if asked:
            self.came_from = asked

    @rx.var
    def resume_path(self) -> str:
        """The page that asked for a login the account's creation interrupted ("" if none): the
        activation of the account leads there (``keeps_return_for_later``)."""
        return self.came_from if routes.is_local_path(self.came_from) else ""
