"""The units of work of "Mes tâches ouvertes" (seed 001 sub-step 3, seed 002 §3.2.2): the list,
one request under evaluation, "Approuver" and "Rejeter".

Each starts with the visit's check (a live session of an active account), then runs the rule of
``requests.py``, which checks the caller's level and that they are the company's current GAP:
a forged event for another company's request is refused there.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.engine import Engine

from portal.companies import requests
from portal.companies.entry import entered
from portal.companies.requests import OpenRequest, RequestPage
from portal.visits import Visit


@dataclass(frozen=True, slots=True)
class TaskList:
    visit: Visit
    page: RequestPage


def open_tasks(
    session_id: str | None,
    *,
    search: str = "",
    page: int = 1,
    now: datetime,
    bind: Engine | None = None,
) -> TaskList:
    """One page of the requests the caller may decide (``HighAssuranceRequiredError`` below the
    eID: the page sends the person to log in with it)."""
    with entered(session_id, now=now, bind=bind) as inside:
        found = requests.open_requests(inside.db, inside.session_row, search, page, now=now)
        return TaskList(inside.visit, found)


def evaluate(
    session_id: str | None, assignment_id: int, *, now: datetime, bind: Engine | None = None
) -> OpenRequest:
    """ "Visualiser et évaluer": one request, for its company's GAP only."""
    with entered(session_id, now=now, bind=bind) as inside:
        return requests.request_detail(inside.db, inside.session_row, assignment_id, now)


def approve(
    session_id: str | None,
    assignment_id: int,
    *,
    now: datetime,
    public_origin: str,
    bind: Engine | None = None,
) -> None:
    with entered(session_id, now=now, bind=bind) as inside:
        requests.approve(
            inside.db, inside.session_row, assignment_id, now, public_origin=public_origin
        )


def reject(
    session_id: str | None,
    assignment_id: int,
    reason: str,
    *,
    now: datetime,
    public_origin: str,
    bind: Engine | None = None,
) -> None:
    """ "Rejeter" with the reason typed on the next screen; the person gets it by e-mail."""
    with entered(session_id, now=now, bind=bind) as inside:
        requests.reject(
            inside.db, inside.session_row, assignment_id, reason, now, public_origin=public_origin
        )
