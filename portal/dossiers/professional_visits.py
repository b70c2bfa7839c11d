"""The units of work of the companies' professional spaces: the cards of Mes espaces, the
dashboard, Mes dossiers, Mes documents, Mes notifications and "Gérer l'espace".

Each starts with the visit's check (a live session of an active account, ``portal.visits``),
then runs the rules of ``space_board``, ``listing`` and ``professional_spaces``, which check the
person's roles in the company at that moment: a company number typed by hand or a role stopped
since the last page is refused with a ``DossierError`` the page shows.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.engine import Engine

from foundation.models.account import AccountStatus
from portal.dossiers import space_board
from portal.dossiers.listing import DossierPage, dossiers_in
from portal.dossiers.places import Place
from portal.dossiers.professional_spaces import (
    CompanySpaceLink,
    SpaceSettings,
    professional_spaces,
    save_space_settings,
    space_settings,
)
from portal.dossiers.space_board import CompanyBoard, CompanyPlace
from portal.levels import Gate
from portal.spaces import Item
from portal.visits import Visit, entered

ACTIVE = (AccountStatus.ACTIVE,)


@dataclass(frozen=True, slots=True)
class CompanyVisit:
    visit: Visit
    place: CompanyPlace


@dataclass(frozen=True, slots=True)
class BoardVisit:
    visit: Visit
    board: CompanyBoard


@dataclass(frozen=True, slots=True)
class DossiersVisit:
    visit: Visit
    place: CompanyPlace
    page: DossierPage


@dataclass(frozen=True, slots=True)
class ItemsVisit:
    visit: Visit
    place: CompanyPlace
    items: list[Item]


def my_company_spaces(
    session_id: str | None, *, now: datetime, bind: Engine | None = None
) -> list[CompanySpaceLink]:
    """The companies whose space Mes espaces shows this person (an active Mon Espace role in
    force today), by name."""
    with entered(session_id, now=now, accepted=ACTIVE, needs=Gate.MY_SPACES, bind=bind) as inside:
        return professional_spaces(inside.db, inside.visit.national_number, now)


def open_company(
    session_id: str | None, company_number: str, *, now: datetime, bind: Engine | None = None
) -> CompanyVisit:
    """The person's place in the company's space, for a page that shows nothing else yet."""
    with entered(session_id, now=now, accepted=ACTIVE, bind=bind) as inside:
        place = space_board.company_place(inside.db, inside.session_row, company_number, now)
        return CompanyVisit(inside.visit, place)


def company_dashboard(
    session_id: str | None, company_number: str, *, now: datetime, bind: Engine | None = None
) -> BoardVisit:
    with entered(session_id, now=now, accepted=ACTIVE, bind=bind) as inside:
        board = space_board.company_board(inside.db, inside.session_row, company_number, now)
        return BoardVisit(inside.visit, board)


def company_dossiers(
    session_id: str | None,
    company_number: str,
    *,
    search: str = "",
    status: str = "",
    page: int = 1,
    now: datetime,
    bind: Engine | None = None,
) -> DossiersVisit:
    """Mes dossiers of the company: one page of the search."""
    with entered(session_id, now=now, accepted=ACTIVE, bind=bind) as inside:
        place = space_board.company_place(inside.db, inside.session_row, company_number, now)
        found = dossiers_in(
            inside.db,
            inside.session_row,
            Place.company(place.company_number),
            search=search,
            status=status,
            page=page,
            now=now,
        )
        return DossiersVisit(inside.visit, place, found)


def company_items(
    session_id: str | None,
    company_number: str,
    kind: str,
    *,
    now: datetime,
    bind: Engine | None = None,
) -> ItemsVisit:
    """Mes documents or Mes notifications of the company (``kind``: document, notification)."""
    with entered(session_id, now=now, accepted=ACTIVE, bind=bind) as inside:
        place, items = space_board.company_items(
            inside.db, inside.session_row, company_number, kind, now
        )
        return ItemsVisit(inside.visit, place, items)


def company_settings(
    session_id: str | None, company_number: str, *, now: datetime, bind: Engine | None = None
) -> SpaceSettings:
    """ "Gérer l'espace", for the roles that manage the space only (``RoleRequiredError``)."""
    with entered(session_id, now=now, accepted=ACTIVE, bind=bind) as inside:
        number = space_board.company_number_of(company_number)
        return space_settings(inside.db, inside.session_row, number, now)


def save_company_settings(
    session_id: str | None,
    company_number: str,
    *,
    contact_email: str,
    notify_submitted: bool,
    notify_complement: bool,
    notify_closed: bool,
    now: datetime,
    bind: Engine | None = None,
) -> SpaceSettings:
    """ "Enregistrer": the settings saved, as they now are."""
    with entered(session_id, now=now, accepted=ACTIVE, bind=bind) as inside:
        number = space_board.company_number_of(company_number)
        save_space_settings(
            inside.db,
            inside.session_row,
            number,
            contact_email=contact_email,
            notify_submitted=notify_submitted,
            notify_complement=notify_complement,
            notify_closed=notify_closed,
            now=now,
        )
        inside.db.flush()
        return space_settings(inside.db, inside.session_row, number, now)
