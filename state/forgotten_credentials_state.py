"""'Nom d'utilisateur et/ou mot de passe oublié(s)?' (#18): the page's state, thin. Every rule
(the recent eID or itsme login, the password rules, the other sessions ended) is
``portal.keys.recovery``'s; a forged event meets the same refusals as a click."""

import reflex as rx
from reflex_base.event import EventSpec

from foundation.clock import utc_now
from foundation.i18n.error_messages import error_text
from identity.keys.errors import DigitalKeyError, StrongLoginRequiredError
from portal.keys import recovery
from state.i18n_state import I18nState
from state.session_state import SessionMixin


class ForgottenCredentialsState(SessionMixin, rx.State):
    checked: bool = False
    # Logged in, but not with the eID or itsme a few minutes ago: the way there is shown.
    weak_login: bool = False
    strong: bool = False
    username: str = ""  # shown after a recent eID or itsme login only
    done: bool = False
    error_text: str = ""

    @rx.event
    def load(self) -> EventSpec | None:
        self.reset()
        page = self._as_visitor(
            lambda session_id: recovery.open_recovery(session_id, now=utc_now())
        )
        if isinstance(page, EventSpec):
            return page
        self.weak_login = page.logged_in and not page.strong
        self.strong, self.username = page.strong, page.username
        self.checked = True
        return None

    @rx.event
    async def save(self, form: dict[str, str]) -> EventSpec | None:
        self.error_text = ""
        language = (await self.get_state(I18nState)).lang
        password = form.get("password", "")
        if password != form.get("password_confirmation", ""):
            self.error_text = (await self.get_state(I18nState)).t["credentials.mismatch"]
            return None
        try:
            done = self._as_visitor(
                lambda session_id: recovery.set_new_password(
                    session_id, password=password, now=utc_now()
                )
            )
        except StrongLoginRequiredError:
            # Its 15 minutes ran out while the page was open: the eID or itsme login again.
            self.strong, self.weak_login, self.username = False, True, ""
            return None
        except DigitalKeyError as refusal:  # the password rules, none to recover, busy
            self.error_text = error_text(language, refusal)
            return None
        if isinstance(done, EventSpec):
            return done
        self.done = True
        return None
