"""How the pages of "Ma gestion des rôles eGov" answer a refusal. A visit the service refuses
goes to the account's own page, or (no session, or one below the eID level) to the eID login and
then back; a rule's refusal is read in the tab's language, beside the field it is about.

``RefusalsMixin`` holds the refusal shown and asks the services through ``_ask``; the functions
serve the states that show their refusals their own way."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar

import reflex as rx
from reflex_base.event import EventSpec

from foundation import routes
from foundation.i18n.error_messages import error_text
from identity.assurance import LevelOfAssurance
from portal.companies.company_number import CompanyNumberError
from portal.companies.errors import CompanyError, HighAssuranceRequiredError, SessionEndedError
from portal.companies.national_number import NationalNumberError
from portal.levels import LevelTooLowError, step_up
from portal.visits import NotHereError, NotLoggedInError
from state.i18n_state import I18nState
from state.session_state import load_page

T = TypeVar("T")
# Back to the eID login, and then here: no session, or one below the high level; or to the
# key chooser of the level a page's row of ``portal.levels`` needs.
TO_EID = (NotLoggedInError, HighAssuranceRequiredError, SessionEndedError, LevelTooLowError)
REFUSED_VISIT = (*TO_EID, NotHereError)
# Refusals a page shows beside their field (the others send the browser elsewhere).
SHOWN: tuple[type[Exception], ...] = (CompanyError, CompanyNumberError, NationalNumberError)


def to_eid(back: str) -> EventSpec:
    # A full page load: the login's entry is an HTTP endpoint, not a page of the app.
    return load_page(routes.login_then(back, key="eid"))


def step_up_to(required: LevelOfAssurance, back: str) -> EventSpec:
    """The key chooser showing the keys that reach ``required``, and then ``back``."""
    return load_page(step_up(back, required))


def away(refusal: Exception, back: str) -> EventSpec:
    """Where a refused visit goes: the account's own page, the step-up of a page's level, or the
    eID login, and then ``back``."""
    if isinstance(refusal, NotHereError):
        return rx.redirect(refusal.home)
    if isinstance(refusal, LevelTooLowError):
        return step_up_to(refusal.required, back)
    return to_eid(back)


async def text_of(state: rx.State, refusal: Exception) -> str:
    """The refusal's text in the tab's language."""
    return error_text((await state.get_state(I18nState)).lang, refusal)


class RefusalsMixin(rx.State, mixin=True):
    error_field: str = ""  # the field the refusal is about, "" for the whole page or step
    error_text: str = ""

    if TYPE_CHECKING:  # SessionMixin's, which every page state built on this also takes

        def _session_id(self) -> str | None: ...

    def _route(self) -> str:
        """The page's own route, where the eID login sends the person back."""
        raise NotImplementedError

    def _field_of(self, refusal: Exception) -> str:
        return getattr(refusal, "field", None) or ""

    def _away(self, refusal: Exception) -> EventSpec:
        return away(refusal, self._route())

    async def _refuse(self, refusal: Exception, field: str | None = None) -> None:
        self.error_field = field or self._field_of(refusal)
        self.error_text = await text_of(self, refusal)

    async def _ask(
        self,
        call: Callable[[str | None], T],
        *,
        field: str | None = None,
        shown: tuple[type[Exception], ...] = SHOWN,
    ) -> T | EventSpec | None:
        """The service's answer; the redirect of a refused visit; None for a refusal shown."""
        try:
            return call(self._session_id())
        except REFUSED_VISIT as refusal:
            return self._away(refusal)
        except shown as refusal:
            await self._refuse(refusal, field)
            return None

    def _clear(self) -> None:
        self.error_field = self.error_text = ""
