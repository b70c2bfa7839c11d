"""How every unit of work of the companies' pages opens: the visit's check (a live session of an
active account) and, for the pages that act on roles, the eID level, in the unit of work that
acts, so nothing slips between the check and the change."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime

from sqlalchemy.engine import Engine

from foundation.models.account import AccountStatus
from portal import visits
from portal.companies.access import require_high_assurance
from portal.levels import Gate

ACTIVE = (AccountStatus.ACTIVE,)


@contextmanager
def entered(
    session_id: str | None,
    *,
    now: datetime,
    high_assurance: bool = False,
    needs: Gate | None = None,
    bind: Engine | None = None,
) -> Iterator[visits.Entered]:
    """``high_assurance``: ``HighAssuranceRequiredError`` below the level of role management
    (``portal.levels``), at once (the page sends the person to the eID login); the services
    check it again for what they do. ``needs``: a page of another row of that table."""
    with visits.entered(session_id, now=now, accepted=ACTIVE, needs=needs, bind=bind) as inside:
        if high_assurance:
            require_high_assurance(inside.session_row, now)
        yield inside
