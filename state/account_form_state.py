"""First login: the "MON COMPTE — Informations personnelles" form and the pending page."""

from collections.abc import Callable

import reflex as rx
from reflex_base.event import EventSpec

from foundation import routes
from foundation.clock import utc_now
from foundation.i18n.error_messages import error_key as catalogue_key
from foundation.models.account import AccountStatus
from foundation.settings import get_settings
from identity.keys.kinds import KeyKind
from portal.accounts import actions
from portal.accounts.errors import AccountError
from portal.accounts.service import LinkContext
from portal.levels import Gate
from state.i18n_state import I18nState
from state.session_state import SessionMixin


def link_context() -> LinkContext:
    settings = get_settings()
    return LinkContext(settings.resolved_secret_key(), settings.public_origin)


class AccountPageState(SessionMixin, rx.State):
    """The account pages: a refused action shows its message, a refused visit redirects."""

    error_key: str = ""

    def _act(
        self,
        call: Callable[[str | None], object],
        then: Callable[[], EventSpec | None] = lambda: None,
    ) -> EventSpec | None:
        """Runs a service call of ``portal.accounts.actions``, then ``then`` if it went through."""
        try:
            outcome = self._as_visitor(call)
        except AccountError as error:
            self.error_key = catalogue_key(error)
            return None
        if isinstance(outcome, EventSpec):
            return outcome
        self.error_key = ""
        return then()


# Where prefilled data that is wrong gets corrected: a Belgian's commune (seed 004 §4), a
# European's own country's identification service (the portal only copies what it asserted).
PREFILLED_NOTE = "account.prefilled_note"
PREFILLED_NOTE_EIDAS = "eidas.prefilled_note"


class AccountFormState(AccountPageState):
    surname: str = ""
    first_names: str = ""
    birth_date: str = ""
    email_value: str = ""
    prefilled_note_key: str = PREFILLED_NOTE

    @rx.event
    def load(self) -> EventSpec | None:
        self.error_key = ""
        visit = self._visit(None, needs=Gate.ACCOUNT_CREATION)
        if isinstance(visit, EventSpec):
            return visit
        self.surname = visit.identity.surname
        self.first_names = visit.identity.first_names
        self.birth_date = visit.identity.birth_date.strftime("%d/%m/%Y")
        european = visit.key_kind == KeyKind.EIDAS
        self.prefilled_note_key = PREFILLED_NOTE_EIDAS if european else PREFILLED_NOTE
        return None

    @rx.event
    async def submit(self, form: dict[str, str]) -> EventSpec | None:
        email = form.get("email", "")
        self.email_value = email
        # The account's language, for its e-mails: the page's.
        language = (await self.get_state(I18nState)).lang
        return self._act(
            lambda session_id: actions.open_account(
                session_id,
                link_context(),
                email=email,
                confirmation=form.get("email_confirmation", ""),
                language=language,
                now=utc_now(),
            ),
            then=lambda: rx.redirect(routes.ACCOUNT_PENDING),
        )


class AccountPendingState(AccountPageState):
    show_resend: bool = False
    resent: bool = False

    @rx.event
    def load(self) -> EventSpec | None:
        self.show_resend = False
        self.resent = False
        self.error_key = ""
        visit = self._visit(AccountStatus.PENDING, needs=Gate.ACCOUNT_CREATION)
        return visit if isinstance(visit, EventSpec) else None

    @rx.event
    def open_resend(self) -> None:
        self.show_resend = True
        self.resent = False

    @rx.event
    def resend(self, form: dict[str, str]) -> EventSpec | None:
        return self._act(
            lambda session_id: actions.resend_activation(
                session_id, link_context(), email=form.get("email", ""), now=utc_now()
            ),
            then=self._resent,
        )

    def _resent(self) -> None:
        self.resent = True
        self.show_resend = False
