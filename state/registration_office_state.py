"""Back office of a local registration office: an officer registers a person without a Belgian
card and hands over the activation code of their paper token (DESIGN §1.1, seed 004 "TOKEN").

Open to officers logged in with a high level of assurance (eID or itsme); the form keeps what was
typed when something is refused.
"""

from collections.abc import Callable
from datetime import date, datetime

import reflex as rx
from reflex_base.event import EventSpec
from sqlmodel import Session

from foundation import routes
from foundation.clock import utc_now
from foundation.db import session_scope
from foundation.i18n.error_messages import error_text
from foundation.models.session import UserSession
from foundation.settings import get_settings
from identity import paper_token
from identity.keys.errors import DigitalKeyError
from identity.paper_token.errors import RegistrationFieldError
from identity.paper_token.officers import Desk, desk_for
from identity.paper_token.registration import BRUSSELS
from portal.visits import ANY_ACCOUNT
from state.i18n_state import I18nState
from state.session_state import SessionState


def activation_link() -> paper_token.ActivationLink:
    return paper_token.ActivationLink(get_settings().public_origin, routes.TOKEN_ACTIVATION)


class RegistrationOfficeState(SessionState):
    office: str = ""
    strong: bool = False
    error_text: str = ""
    issued: bool = False
    issued_name: str = ""
    issued_bis: str = ""
    issued_email: str = ""
    issued_code: str = ""
    issued_until: str = ""

    @rx.event
    def load(self) -> EventSpec | None:
        self.error_text = ""
        self.issued = False
        with session_scope() as db:
            seat = self._officer(db)
        return rx.redirect(routes.KEY_CHOOSER) if seat is None else None

    def _officer(self, db: Session) -> tuple[UserSession, Desk] | None:
        """The live session and what it may do here; the page shows the desk's state."""
        inside = self._enter(db, *ANY_ACCOUNT)
        if isinstance(inside, EventSpec):
            return None
        row, _ = inside
        desk = desk_for(db, national_number=row.national_number, level=row.level)
        self.office, self.strong = desk.office or "", desk.strong_enough
        return row, desk

    async def _refuse(self, error: Exception) -> None:
        self.error_text = error_text((await self.get_state(I18nState)).lang, error)

    def _show(self, registration: paper_token.Registration) -> None:
        person = registration.person
        self.issued = True
        self.error_text = ""
        self.issued_name = f"{person.first_names} {person.surname}"
        self.issued_bis = person.bis_number
        self.issued_email = person.email
        self.issued_code = registration.activation_code
        self.issued_until = f"{registration.expires_at.astimezone(BRUSSELS):%d/%m/%Y %H:%M}"

    async def _issue(
        self, issue: Callable[[Session, str], paper_token.Registration]
    ) -> EventSpec | None:
        try:
            with session_scope() as db:
                seat = self._officer(db)
                if seat is None:
                    return rx.redirect(routes.KEY_CHOOSER)
                row, desk = seat
                if desk.open:
                    self._show(issue(db, row.national_number))
        except DigitalKeyError as error:
            await self._refuse(error)
        return None

    @rx.event
    async def register(self, form: dict[str, str]) -> EventSpec | None:
        return await self._issue(
            lambda db, officer: paper_token.register_person(
                db,
                officer_id=officer,
                surname=form.get("surname", ""),
                first_names=form.get("first_names", ""),
                birth_date=_birth_date(form.get("birth_date", "")),
                document_type=form.get("document_type", ""),
                document_number=form.get("document_number", ""),
                email=form.get("email", ""),
                link=activation_link(),
                now=utc_now(),
            )
        )

    @rx.event
    async def reissue(self, form: dict[str, str]) -> EventSpec | None:
        """A new code for someone already registered (lost, expired or blocked after 3 tries)."""
        return await self._issue(
            lambda db, officer: paper_token.issue_activation_code(
                db,
                officer_id=officer,
                bis_number="".join(c for c in form.get("bis_number", "") if c.isdigit()),
                link=activation_link(),
                now=utc_now(),
            )
        )

    @rx.event
    def another(self) -> None:
        self.issued = False
        self.issued_code = ""
        self.error_text = ""


def _birth_date(text: str) -> date:
    """The value of an <input type=date> (YYYY-MM-DD)."""
    try:
        return datetime.strptime(text.strip(), "%Y-%m-%d").date()
    except ValueError:
        raise RegistrationFieldError("birth_date") from None
