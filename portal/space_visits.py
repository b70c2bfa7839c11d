"""What the pages of Mes espaces read, each in one unit of work that starts with the visit's
check (``portal.visits``): the space's level of assurance (``portal.levels``: a space with
personal data needs the substantial level), then the space itself (one the person may not enter
sends them back to Mes espaces)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.engine import Engine

from foundation import routes
from foundation.models.account import AccountStatus
from portal import spaces
from portal.dossiers.listing import DossierPage, dossiers_in
from portal.dossiers.places import Place
from portal.levels import Gate, space_gate
from portal.visits import Entered, NotHereError, Visit, entered

ACTIVE = (AccountStatus.ACTIVE,)


@dataclass(frozen=True, slots=True)
class SpaceVisit:
    visit: Visit
    space: str
    needs_teaching_email: bool  # the teaching space asks once which address it writes to


def my_spaces(session_id: str | None, *, now: datetime, bind: Engine | None = None) -> list[str]:
    with entered(session_id, now=now, accepted=ACTIVE, needs=Gate.MY_SPACES, bind=bind) as inside:
        return spaces.spaces_for(inside.db, inside.visit.national_number)


def open_space(
    session_id: str | None, space: str, *, now: datetime, bind: Engine | None = None
) -> SpaceVisit:
    with _in_space(session_id, space, now=now, bind=bind) as inside:
        return _opened(inside, space)


def space_dashboard(
    session_id: str | None, space: str, *, now: datetime, bind: Engine | None = None
) -> tuple[SpaceVisit, spaces.Dashboard]:
    with _in_space(session_id, space, now=now, bind=bind) as inside:
        opened = _opened(inside, space)
        return opened, spaces.dashboard(inside.db, inside.visit.national_number, space)


def space_items(
    session_id: str | None, space: str, kind: str, *, now: datetime, bind: Engine | None = None
) -> tuple[SpaceVisit, list[spaces.Item]]:
    """The documents, notifications or communications of a space, newest first, with links."""
    with _in_space(session_id, space, now=now, bind=bind) as inside:
        opened = _opened(inside, space)
        return opened, spaces.items(inside.db, inside.visit.national_number, space, kind)


def space_dossiers(
    session_id: str | None,
    space: str,
    *,
    search: str = "",
    status: str = "",
    page: int = 1,
    now: datetime,
    bind: Engine | None = None,
) -> tuple[SpaceVisit, DossierPage]:
    """Mes dossiers of a person's own space: one page of the search (the space's level, then the
    dossiers' own READ check)."""
    with _in_space(session_id, space, now=now, bind=bind) as inside:
        opened = _opened(inside, space)
        found = dossiers_in(
            inside.db,
            inside.session_row,
            Place.personal(space),
            search=search,
            status=status,
            page=page,
            now=now,
        )
        return opened, found


@contextmanager
def _in_space(
    session_id: str | None, space: str, *, now: datetime, bind: Engine | None
) -> Iterator[Entered]:
    """The unit of work of a page of one's own space, at the space's level."""
    with entered(
        session_id, now=now, accepted=ACTIVE, needs=space_gate(space), bind=bind
    ) as inside:
        yield inside


def _opened(inside: Entered, space: str) -> SpaceVisit:
    if space not in spaces.spaces_for(inside.db, inside.visit.national_number):
        raise NotHereError(routes.MY_SPACES)
    account = inside.visit.account
    assert account is not None  # ACTIVE only
    return SpaceVisit(
        visit=inside.visit,
        space=space,
        needs_teaching_email=space == spaces.TEACHING
        and not account.teaching_email
        and not account.teaching_email_pending,
    )
