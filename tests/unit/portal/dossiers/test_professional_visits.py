"""The units of work of the professional spaces and of Mes dossiers: the visit first, then the
person's roles in the company at that moment; nothing of company A in company B's pages."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from foundation import routes
from foundation.models.companies import AssignmentStatus, RoleAssignment
from foundation.models.dossiers import CompanySpace, DossierStatus
from identity.assurance import LevelOfAssurance
from identity.sessions import LoginIdentity
from portal import space_visits, spaces
from portal.dossiers import professional_visits as visits
from portal.dossiers.downloads import receipt_link
from portal.dossiers.errors import (
    RoleRequiredError,
    SpaceNotAllowedError,
    SpaceSettingsError,
)
from portal.levels import LevelTooLowError
from portal.visits import NotHereError, NotLoggedInError
from tests.unit.portal.companies.conftest import Person
from tests.unit.portal.dossiers.two_companies import (
    A_DOSSIERS,
    B_TITLES,
    COMPANY_A,
    COMPANY_B,
    EDITH,
    GILLES,
    NAIMA,
    NAME_A,
    NAME_B,
    World,
    build,
)
from tests.unit.portal.visitors import NOW, log_in


@pytest.fixture
def world(engine: Engine) -> World:
    with Session(engine) as db:
        found = build(db, NOW)
        db.commit()
    return found


def login(engine: Engine, person: Person, level: LevelOfAssurance = LevelOfAssurance.HIGH) -> str:
    identity = LoginIdentity(
        person.national_number, person.surname, person.first_names, date(1980, 1, 1)
    )
    return log_in(engine, level, identity=identity)


def test_mes_espaces_lists_a_card_per_company(engine: Engine, world: World) -> None:
    naima = login(engine, NAIMA)
    cards = visits.my_company_spaces(naima, now=NOW, bind=engine)
    assert [(c.company_number, c.name) for c in cards] == [(COMPANY_B, NAME_B), (COMPANY_A, NAME_A)]
    assert visits.my_company_spaces(login(engine, EDITH), now=NOW, bind=engine)[0].name == NAME_A


def test_nothing_of_company_a_appears_in_company_bs_pages(engine: Engine, world: World) -> None:
    naima = login(engine, NAIMA)
    board = visits.company_dashboard(naima, COMPANY_B, now=NOW, bind=engine).board
    assert board.place.company_name == NAME_B
    assert [line.title for line in board.dossiers] == list(B_TITLES)
    listed = visits.company_dossiers(naima, COMPANY_B, now=NOW, bind=engine).page
    assert (listed.total, [line.title for line in listed.lines]) == (2, list(B_TITLES))
    # Searching B for A's dossiers finds none, by title or by reference.
    for search in ("exportation", "ME-2026-000001"):
        found = visits.company_dossiers(naima, COMPANY_B, search=search, now=NOW, bind=engine)
        assert found.page.total == 0
    shown = {
        (item.title, item.href)
        for kind in ("document", "notification")
        for item in visits.company_items(naima, COMPANY_B, kind, now=NOW, bind=engine).items
    }
    assert shown == {
        ("Accusé de réception BLA", receipt_link(world.b_first)),
        ("Complément demandé BLA", ""),
        ("Dossier clôturé BLA", ""),
    }
    members = visits.company_settings(naima, COMPANY_B, now=NOW, bind=engine).members
    assert [m.name for m in members] == ["Gilles Gestion", "Naïma Fatima Mremi"]
    assert EDITH.surname not in str(members)


def test_the_companys_dossiers_are_searched_filtered_and_paged(
    engine: Engine, world: World
) -> None:
    naima = login(engine, NAIMA)
    first = visits.company_dossiers(naima, COMPANY_A, now=NOW, bind=engine).page
    assert (first.total, first.pages, len(first.lines)) == (A_DOSSIERS, 2, 10)
    second = visits.company_dossiers(naima, COMPANY_A, page=2, now=NOW, bind=engine).page
    assert [line.reference for line in second.lines] == ["ME-2026-000011", "ME-2026-000012"]
    closed = visits.company_dossiers(
        naima, COMPANY_A, status=DossierStatus.CLOSED, now=NOW, bind=engine
    ).page
    assert [line.status for line in closed.lines] == ["closed", "closed"]
    one = visits.company_dossiers(naima, COMPANY_A, search="me-2026-000007", now=NOW, bind=engine)
    assert [line.title for line in one.page.lines] == ["Aide à l'exportation n° 07"]


def test_a_forged_company_number_is_refused_on_every_page(engine: Engine, world: World) -> None:
    edith = login(engine, EDITH)
    calls = (
        lambda: visits.open_company(edith, COMPANY_B, now=NOW, bind=engine),
        lambda: visits.company_dashboard(edith, COMPANY_B, now=NOW, bind=engine),
        lambda: visits.company_dossiers(edith, COMPANY_B, now=NOW, bind=engine),
        lambda: visits.company_items(edith, COMPANY_B, "document", now=NOW, bind=engine),
        lambda: visits.company_settings(edith, COMPANY_B, now=NOW, bind=engine),
        lambda: visits.company_dashboard(edith, "0000000000", now=NOW, bind=engine),
    )
    for call in calls:
        with pytest.raises(SpaceNotAllowedError):
            call()


def test_a_stopped_role_is_refused_at_the_next_load(engine: Engine, world: World) -> None:
    gilles = login(engine, GILLES)
    assert visits.open_company(gilles, COMPANY_B, now=NOW, bind=engine).place.roles
    with Session(engine) as db:
        for row in db.exec(
            select(RoleAssignment).where(RoleAssignment.national_number == GILLES.national_number)
        ):
            row.status = AssignmentStatus.STOPPED
            db.add(row)
        db.commit()
    with pytest.raises(SpaceNotAllowedError):
        visits.company_dashboard(gilles, COMPANY_B, now=NOW, bind=engine)
    assert visits.my_company_spaces(gilles, now=NOW, bind=engine) == []


def test_managing_the_space_needs_a_role_that_allows_it(engine: Engine, world: World) -> None:
    naima = login(engine, NAIMA)
    with pytest.raises(RoleRequiredError) as refused:
        visits.company_settings(naima, COMPANY_A, now=NOW, bind=engine)
    assert refused.value.field == "manage_space"
    assert refused.value.roles == "Gestionnaire de l'espace ou Propriétaire de l'espace"
    with pytest.raises(RoleRequiredError):
        visits.save_company_settings(
            naima,
            COMPANY_A,
            contact_email="pirate@example.be",
            notify_submitted=False,
            notify_complement=False,
            notify_closed=False,
            now=NOW,
            bind=engine,
        )
    with Session(engine) as db:
        assert db.get(CompanySpace, COMPANY_A) is None


def test_the_manager_saves_the_spaces_settings(engine: Engine, world: World) -> None:
    gilles = login(engine, GILLES)
    saved = visits.save_company_settings(
        gilles,
        COMPANY_B,
        contact_email=" dossiers@bla.test ",
        notify_submitted=True,
        notify_complement=False,
        notify_closed=True,
        now=NOW,
        bind=engine,
    )
    assert (saved.contact_email, saved.notify_complement, saved.notify_closed) == (
        "dossiers@bla.test",
        False,
        True,
    )
    again = visits.company_settings(login(engine, NAIMA), COMPANY_B, now=NOW, bind=engine)
    assert again.contact_email == "dossiers@bla.test"
    with pytest.raises(SpaceSettingsError):
        visits.save_company_settings(
            gilles,
            COMPANY_B,
            contact_email="not an address",
            notify_submitted=True,
            notify_complement=True,
            notify_closed=True,
            now=NOW,
            bind=engine,
        )
    assert visits.company_settings(gilles, COMPANY_B, now=NOW, bind=engine).contact_email == (
        "dossiers@bla.test"
    )


def test_the_spaces_need_a_live_session(engine: Engine, world: World) -> None:
    with pytest.raises(NotLoggedInError):
        visits.company_dashboard("forged", COMPANY_A, now=NOW, bind=engine)
    with pytest.raises(NotLoggedInError):
        visits.my_company_spaces(None, now=NOW, bind=engine)


def test_mes_dossiers_of_a_personal_space(engine: Engine, world: World) -> None:
    naima = login(engine, NAIMA)
    opened, found = space_visits.space_dossiers(naima, spaces.CITIZEN, now=NOW, bind=engine)
    assert opened.space == spaces.CITIZEN
    assert [(line.reference, line.status) for line in found.lines] == [(world.naima_own, "closed")]
    with pytest.raises(NotHereError) as refused:
        space_visits.space_dossiers(naima, spaces.TEACHING, now=NOW, bind=engine)
    assert refused.value.home == routes.MY_SPACES
    low = login(engine, NAIMA, LevelOfAssurance.LOW)
    with pytest.raises(LevelTooLowError) as too_low:  # the space's own level, before the list's
        space_visits.space_dossiers(low, spaces.CITIZEN, now=NOW, bind=engine)
    assert too_low.value.required is LevelOfAssurance.SUBSTANTIAL
