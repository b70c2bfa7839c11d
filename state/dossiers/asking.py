"""How the dossier pages ask the services and answer a refusal: a visit refused goes to the
account's own page, or logs in and comes back (the step-up of DESIGN §2: the key chooser of the
substantial level below it, the eID login for an action that needs the eID or with no session);
a rule's refusal is shown in the tab's language."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar

import reflex as rx
from reflex_base.event import EventSpec

from identity.assurance import LevelOfAssurance
from identity.eid.auth.errors import EidAuthenticationError
from identity.eid.errors import EidError
from portal.companies.register import CompanyRegisterUnavailableError
from portal.dossiers.catalogue import UnknownProcedureError
from portal.dossiers.errors import (
    DossierError,
    DossierNotFoundError,
    DossierSessionEndedError,
    EidRequiredError,
    SpaceNotAllowedError,
    SubstantialLevelRequiredError,
)
from portal.dossiers.receipt_signature import ReceiptSignatureInvalidError
from portal.levels import LevelTooLowError
from portal.visits import NotHereError, NotLoggedInError
from state.roles.refusals import away, step_up_to, text_of

T = TypeVar("T")
# Back through a login (the eID's, or the chooser of the substantial level), then here.
TO_EID = (
    NotLoggedInError,
    DossierSessionEndedError,
    EidRequiredError,
    SubstantialLevelRequiredError,
    LevelTooLowError,
)
REFUSED_VISIT: tuple[type[Exception], ...] = (*TO_EID, NotHereError)
SHOWN: tuple[type[Exception], ...] = (
    DossierError,
    UnknownProcedureError,
    EidError,
    EidAuthenticationError,
    ReceiptSignatureInvalidError,
    CompanyRegisterUnavailableError,
)
ANSWERED: tuple[type[Exception], ...] = (*REFUSED_VISIT, *SHOWN)
# The person may no longer see what the page shows (a role stopped since the page opened).
ACCESS_LOST: tuple[type[Exception], ...] = (SpaceNotAllowedError, DossierNotFoundError)


def away_from_dossiers(refusal: Exception, back: str) -> EventSpec:
    """A refused visit's redirect; below the substantial level of reading, the key chooser of
    that level (any key that reaches it will do), not the eID alone."""
    if isinstance(refusal, SubstantialLevelRequiredError):
        return step_up_to(LevelOfAssurance.SUBSTANTIAL, back)
    return away(refusal, back)


class AskingMixin(rx.State, mixin=True):
    error_text: str = ""

    if TYPE_CHECKING:

        def _session_id(self) -> str | None: ...

    def _route(self) -> str:
        """The page's own URL, where the eID login sends the person back."""
        raise NotImplementedError

    def _leave(self) -> None:
        """Wipes what the page shows of a dossier or a space: its access was refused."""

    async def _answer(self, refusal: Exception) -> EventSpec | None:
        """The redirect of a refused visit, or None once a rule's refusal is shown (alone,
        when the person may no longer see what the page showed)."""
        if isinstance(refusal, REFUSED_VISIT):
            return away_from_dossiers(refusal, self._route())
        if isinstance(refusal, ACCESS_LOST):
            self._leave()
        self.error_text = await text_of(self, refusal)
        return None

    async def _ask(self, call: Callable[[str | None], T]) -> T | EventSpec | None:
        """The service's answer; the redirect of a refused visit; None for a refusal shown."""
        try:
            return call(self._session_id())
        except ANSWERED as refusal:
            return await self._answer(refusal)
