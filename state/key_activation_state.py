"""The activation wizards of Mes clés numériques (seed 004 §2e: the 5 steps of the mobile app).

Thin: the steps are the key's wizard in the registry, and every step is one call to
``portal.keys.actions``, whose services refuse without a recent strong login.
"""

from collections.abc import Callable

import reflex as rx
from reflex_base.event import EventSpec

from foundation import routes
from foundation.clock import utc_now
from foundation.i18n.error_messages import error_text
from identity.keys.errors import DigitalKeyError, StrongLoginRequiredError
from portal.accounts import actions as account_actions
from portal.accounts.errors import AccountError
from portal.keys import actions
from portal.keys.wizard import wizard_of
from state.account_form_state import link_context
from state.i18n_state import I18nState
from state.session_state import SessionMixin
from state.shown_once import forget_app_seed, show_app_seed


class KeyActivationState(SessionMixin, rx.State):
    kind: str = ""
    steps: list[str] = []  # noqa: RUF012 - Reflex state vars are declared this way
    step: str = ""
    allowed: bool = False
    email: str = ""
    destination: str = ""
    has_credential: bool = False
    username: str = ""
    error_text: str = ""
    # Where "Retour à l'application" leads: the page whose login sent the person here (?retour=),
    # else Mes espaces; and the eID login that comes back to this very wizard.
    back_to: str = routes.MY_SPACES
    eid_login: str = ""
    # "Modifier" at the first step of the app's wizard (seed 004 §2e): a new address for the
    # account, which replaces the old one only once the link sent to it is followed.
    editing_email: bool = False
    email_sent_to: str = ""
    email_error: str = ""
    # The app's seed, until its first code proves the app holds it; its QR code and text are
    # shown through ``state.shown_once``, never kept here.
    _secret: str = ""

    @rx.event
    def load(self, kind: str) -> EventSpec | list[EventSpec] | None:
        self.kind, self.steps = kind, wizard_of(kind).step_names
        self.step, self.error_text = self.steps[0], ""
        self.editing_email, self.email_sent_to, self.email_error = False, "", ""
        self._secret = ""
        back = self.router.url.query_parameters.get(routes.RETURN_PARAMETER, "")
        self.back_to = back if routes.is_local_path(back) else routes.MY_SPACES
        self.eid_login = routes.login_then(self._here(), key="eid")
        page = self._as_visitor(
            lambda session_id: actions.open_wizard(session_id, kind=kind, now=utc_now())
        )
        if isinstance(page, EventSpec):
            return page
        opening, started = page.opening, page.opening.started
        self.email, self.allowed = page.email, opening.allowed
        self.username, self.has_credential = opening.username, bool(opening.username)
        self._secret = started.secret
        return show_app_seed(started.qr_src, started.secret_text) if started.secret else None

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
    def edit_email(self, editing: bool) -> None:
        self.editing_email, self.email_error = editing, ""

    @rx.event
    async def change_email(self, form: dict[str, str]) -> EventSpec | None:
        """The account's new address, confirmed by the link sent to it (``portal.accounts``:
        a recent strong login, the two fields alike)."""
        email, confirmation = form.get("email", "").strip(), form.get("email_confirmation", "")
        try:
            refused = self._as_visitor(
                lambda session_id: account_actions.change_email(
                    session_id,
                    link_context(),
                    email=email,
                    confirmation=confirmation,
                    now=utc_now(),
                )
            )
        except AccountError as error:
            self.email_error = error_text((await self.get_state(I18nState)).lang, error)
            return None
        if isinstance(refused, EventSpec):
            return refused
        self.editing_email, self.email_error, self.email_sent_to = False, "", email
        return None

    @rx.event
    def cancel(self) -> list[EventSpec]:
        self._secret = ""
        return [*forget_app_seed(), rx.redirect(routes.MY_KEYS)]

    async def _step(self, call: Callable[[str | None], object]) -> EventSpec | bool:
        """Runs one step's service call; True when it went through (the wizard moves on)."""
        try:
            refused = self._as_visitor(call)
        except StrongLoginRequiredError:
            self.allowed = False  # the page shows the way to an eID login instead
            return False
        except DigitalKeyError as error:
            self.error_text = error_text((await self.get_state(I18nState)).lang, error)
            return False
        if isinstance(refused, EventSpec):
            return refused
        self._advance()
        return True

    @rx.event
    async def confirm_code(self, form: dict[str, str]) -> EventSpec | list[EventSpec] | None:
        """The registration code, or the app's first code (with the secret shown)."""
        kind, code, secret = self.kind, form.get("code", ""), self._secret
        done = await self._step(
            lambda session_id: actions.confirm_enrolment(
                session_id, kind=kind, code=code, secret=secret, now=utc_now()
            )
        )
        if isinstance(done, EventSpec):
            return done
        if done and secret:  # the app holds the seed now (the key keeps it, sealed)
            self._secret = ""
            return forget_app_seed()
        return None

    @rx.event
    async def send_registration_code(self, form: dict[str, str]) -> EventSpec | None:
        kind, destination = self.kind, form.get("destination", "").strip()
        done = await self._step(
            lambda session_id: actions.send_registration_code(
                session_id, kind=kind, destination=destination, now=utc_now()
            )
        )
        if done is True:
            self.destination = destination
        return done if isinstance(done, EventSpec) else None

    @rx.event
    async def save_credentials(self, form: dict[str, str]) -> EventSpec | None:
        if self.has_credential and not wizard_of(self.kind).sets_credentials:
            self._advance()  # the username + password the person has serve this key too
            return None
        if form.get("password", "") != form.get("password_confirmation", ""):
            self.error_text = (await self.get_state(I18nState)).t["credentials.mismatch"]
            return None
        username, password = form.get("username", ""), form.get("password", "")
        done = await self._step(
            lambda session_id: actions.save_credentials(
                session_id, username=username, password=password, now=utc_now()
            )
        )
        if done is True:
            self.has_credential, self.username = True, username
        return done if isinstance(done, EventSpec) else None
