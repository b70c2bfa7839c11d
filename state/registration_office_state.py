"""Back office of a local registration office: an officer registers a person without a Belgian
card and hands over the activation code of their paper token (DESIGN §1.1, seed 004 "TOKEN").

Open to officers logged in with a high level of assurance (eID or itsme): the page shows the
desk's state, and ``portal.registration_office`` refuses anyone else whatever the page showed.
The form keeps what was typed when something is refused.
"""

from collections.abc import Callable

import reflex as rx
from reflex_base.event import EventSpec

from foundation.clock import BRUSSELS, utc_now
from foundation.i18n.error_messages import error_text
from identity.keys.errors import DigitalKeyError
from portal import registration_office
from state.i18n_state import I18nState
from state.session_state import SessionMixin
from state.shown_once import ACTIVATION_CODE


class RegistrationOfficeState(SessionMixin, rx.State):
    office: str = ""
    strong: bool = False
    error_text: str = ""
    issued: bool = False
    issued_name: str = ""
    issued_bis: str = ""
    issued_email: str = ""
    issued_until: str = ""
    # The activation code is another person's secret: shown once on the slip through
    # ``state.shown_once``, never kept here.

    @rx.event
    def load(self) -> EventSpec | None:
        self.error_text = ""
        self._clear_slip()
        desk = self._as_visitor(
            lambda session_id: registration_office.desk(session_id, now=utc_now())
        )
        if isinstance(desk, EventSpec):
            return desk
        self.office, self.strong = desk.office or "", desk.strong_enough
        return None

    def _clear_slip(self) -> None:
        self.issued = False
        self.issued_name = self.issued_bis = self.issued_email = self.issued_until = ""

    async def _issue(
        self, issue: Callable[[str | None], registration_office.IssuedCode]
    ) -> EventSpec | None:
        try:
            issued = self._as_visitor(issue)
        except DigitalKeyError as error:
            self.error_text = error_text((await self.get_state(I18nState)).lang, error)
            return None
        if isinstance(issued, EventSpec):
            return issued
        self.issued, self.error_text = True, ""
        self.issued_name, self.issued_bis = issued.name, issued.bis_number
        self.issued_email = issued.email
        self.issued_until = f"{issued.expires_at.astimezone(BRUSSELS):%d/%m/%Y %H:%M}"
        return ACTIVATION_CODE.push(issued.activation_code)

    @rx.event
    async def register(self, form: dict[str, str]) -> EventSpec | None:
        typed = registration_office.PersonForm(
            surname=form.get("surname", ""),
            first_names=form.get("first_names", ""),
            birth_date=form.get("birth_date", ""),
            document_type=form.get("document_type", ""),
            document_number=form.get("document_number", ""),
            email=form.get("email", ""),
        )
        # The activation e-mail is in this page's language, until the person chooses theirs.
        language = (await self.get_state(I18nState)).lang
        return await self._issue(
            lambda session_id: registration_office.register(
                session_id, typed, now=utc_now(), language=language
            )
        )

    @rx.event
    async def reissue(self, form: dict[str, str]) -> EventSpec | None:
        """A new code for someone already registered (lost, expired or blocked after 3 tries)."""
        bis_number = form.get("bis_number", "")
        return await self._issue(
            lambda session_id: registration_office.reissue(session_id, bis_number, now=utc_now())
        )

    @rx.event
    def another(self) -> EventSpec:
        """The slip is done with: the next person's form, and the code gone from the browser."""
        self._clear_slip()
        self.error_text = ""
        return ACTIVATION_CODE.push("")
