"""The units of work of the acceptance link's page (seed 000): "Étape 1: Aperçu", readable before
logging in, then "Accepter la demande d'attribution de rôle" for a person logged in with the eID.

The overview is the invitation's (``acceptance.invitation_overview``: unknown, withdrawn, expired
or used-up links are refused there, whoever asks); the visit only says who is looking and whether
their login is strong enough to accept, which ``acceptance.accept`` checks again on its own.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.engine import Engine

from foundation.db import session_scope
from portal import visits
from portal.companies.acceptance import InvitationOverview, accept, invitation_overview
from portal.companies.entry import ACTIVE, entered
from portal.levels import Gate, reaches
from portal.visits import NotLoggedInError, Visit


@dataclass(frozen=True, slots=True)
class LinkVisit:
    overview: InvitationOverview
    visit: Visit | None  # None: nobody logged in yet ("S'identifier")
    email: str  # the account's address, "Étape 2: Coordonnées" starts from it

    @property
    def may_accept(self) -> bool:
        """Logged in with the eID card; a lower login is asked to log in again with it."""
        return self.visit is not None and reaches(self.visit.level, Gate.ROLE_MANAGEMENT)


def open_link(
    session_id: str | None, invitation_id: str, *, now: datetime, bind: Engine | None = None
) -> LinkVisit:
    """The invitation's errors for a link that cannot be accepted; ``NotHereError`` for a person
    whose account is not active yet (the account's own page comes first)."""
    with session_scope(bind) as db:
        overview = invitation_overview(db, invitation_id, now)
        try:
            inside = visits.enter(db, session_id, now=now, accepted=ACTIVE)
        except NotLoggedInError:
            return LinkVisit(overview, None, "")
        account = inside.visit.account
        return LinkVisit(overview, inside.visit, account.email if account is not None else "")


def accept_invitation(
    session_id: str | None,
    invitation_id: str,
    email: str,
    *,
    now: datetime,
    public_origin: str,
    bind: Engine | None = None,
) -> int:
    """ "Accepter la demande d'attribution de rôle": the number of requests filed (one per role)."""
    with entered(session_id, now=now, bind=bind) as inside:
        requests = accept(
            inside.db, inside.session_row, invitation_id, email, now, public_origin=public_origin
        )
        return len(requests)
