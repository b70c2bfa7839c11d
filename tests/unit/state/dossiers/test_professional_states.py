"""The professional spaces' pages without a browser: Mes espaces' cards, a company's dashboard,
Mes dossiers, Mes documents and Gérer l'espace, as their handlers answer (a forged websocket
message calls them the same way). Naïma holds roles in two companies: one tab opens both, and
nothing of company A stays on company B's pages."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from foundation import routes
from foundation.clock import utc_now
from foundation.i18n.catalog import catalog
from foundation.models.companies import AssignmentStatus, RoleAssignment
from identity.assurance import LevelOfAssurance
from identity.sessions import LoginIdentity
from state.dossiers.dossier_list_state import DossierListState
from state.dossiers.professional_state import ProfessionalSpaceState
from state.dossiers.space_settings_state import SpaceSettingsState
from state.space_state import SpacesState
from tests.unit.portal.companies.conftest import Person
from tests.unit.portal.dossiers.two_companies import (
    A_DOSSIERS,
    B_TITLES,
    CHLOE,
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
from tests.unit.portal.visitors import log_in
from tests.unit.state.conftest import Tab, fire

FRENCH = catalog("fr")
NOT_ALLOWED = FRENCH["error.SpaceNotAllowedError"]


@pytest.fixture
def world(engine: Engine) -> World:
    with Session(engine) as db:
        found = build(db, utc_now())
        db.commit()
    return found


def tab_of(engine: Engine, person: Person, level: LevelOfAssurance = LevelOfAssurance.HIGH) -> Tab:
    identity = LoginIdentity(
        person.national_number, person.surname, person.first_names, date(1980, 1, 1)
    )
    return Tab(log_in(engine, level, at=utc_now(), identity=identity))


def open_company(tab: Tab, route: str, number: str) -> None:
    tab.open(route, entreprise=number)


def test_mes_espaces_shows_a_card_per_company_with_a_role(engine: Engine, world: World) -> None:
    spaces = tab_of(engine, NAIMA).page(SpacesState)
    assert fire(spaces, "load") is None
    assert [(card.name, card.href) for card in spaces.companies] == [
        (NAME_B, routes.professional(routes.PROFESSIONAL_SPACE, COMPANY_B)),
        (NAME_A, routes.professional(routes.PROFESSIONAL_SPACE, COMPANY_A)),
    ]
    # A role of another application (a GAP's kind of user) opens no professional space.
    chloe = tab_of(engine, CHLOE).page(SpacesState)
    fire(chloe, "load")
    assert chloe.companies == []
    assert [link.href for link in chloe.spaces] == [routes.dashboard("citoyen")]


def test_one_tab_opens_both_companies_and_keeps_nothing_of_the_first(
    engine: Engine, world: World
) -> None:
    tab = tab_of(engine, NAIMA)
    page = tab.page(ProfessionalSpaceState)
    open_company(tab, routes.PROFESSIONAL_SPACE, COMPANY_B)
    assert fire(page, "load_dashboard") is None
    assert (page.ready, page.company_name, page.roles) == (
        True,
        NAME_B,
        ["Propriétaire de l'espace"],
    )
    assert (page.can_manage, page.can_create) == (True, True)
    assert [row.title for row in page.dossiers] == list(B_TITLES)
    assert (page.documents, page.notifications) == (1, 2)
    assert page.suggested
    assert page.suggested[0].href == routes.procedure(page.suggested[0].key)
    assert page.space_query == f"?entreprise={COMPANY_B}"

    open_company(tab, routes.PROFESSIONAL_SPACE, COMPANY_A)
    fire(page, "load_dashboard")
    assert (page.company_name, page.roles, page.can_manage) == (
        NAME_A,
        ["Rédacteur de dossiers"],
        False,
    )
    assert len(page.dossiers) == 5
    assert not any("BLA" in row.title for row in page.dossiers)
    assert page.dossiers[0].status_key.startswith("dossier.status.")
    assert page.dossiers[0].href == routes.dossier("ME-2026-000001")

    open_company(tab, routes.PROFESSIONAL_DOCUMENTS, COMPANY_B)
    fire(page, "load_items", "document")
    assert [(row.title, row.href) for row in page.items] == [
        (
            "Accusé de réception BLA",
            f"{routes.DOSSIER_DOWNLOAD}?reference={world.b_first}&document=accuse",
        )
    ]
    assert page.company_name == NAME_B


def test_a_company_typed_by_hand_shows_the_refusal_and_nothing_of_it(
    engine: Engine, world: World
) -> None:
    tab = tab_of(engine, EDITH)
    page = tab.page(ProfessionalSpaceState)
    open_company(tab, routes.PROFESSIONAL_SPACE, COMPANY_A)
    fire(page, "load_dashboard")
    assert page.company_name == NAME_A
    open_company(tab, routes.PROFESSIONAL_SPACE, COMPANY_B)
    assert fire(page, "load_dashboard") is None
    assert (page.ready, page.refusal) == (False, NOT_ALLOWED)
    assert (page.company_name, page.roles, page.dossiers, page.suggested) == ("", [], [], [])
    listing = tab.page(DossierListState)
    open_company(tab, routes.PROFESSIONAL_DOSSIERS, COMPANY_B)
    fire(listing, "load_company")
    assert (listing.refusal, listing.lines, listing.total) == (NOT_ALLOWED, [], 0)
    # A forged event asks for a kind of item the space does not list: nothing happens.
    assert fire(page, "load_items", "communication") is None


def test_a_role_stopped_is_refused_at_the_next_load(engine: Engine, world: World) -> None:
    tab = tab_of(engine, GILLES)
    page = tab.page(ProfessionalSpaceState)
    open_company(tab, routes.PROFESSIONAL_SPACE, COMPANY_B)
    fire(page, "load_dashboard")
    assert page.ready
    assert page.suggested == []  # "Gestionnaire de l'espace" may not create a dossier
    with Session(engine) as db:
        for row in db.exec(
            select(RoleAssignment).where(RoleAssignment.national_number == GILLES.national_number)
        ):
            row.status = AssignmentStatus.STOPPED
            db.add(row)
        db.commit()
    fire(page, "load_dashboard")
    assert (page.ready, page.refusal, page.company_name) == (False, NOT_ALLOWED, "")


def test_a_session_below_the_substantial_level_goes_to_the_eid_login(
    engine: Engine, world: World
) -> None:
    tab = tab_of(engine, NAIMA, LevelOfAssurance.LOW)
    page = tab.page(ProfessionalSpaceState)
    open_company(tab, routes.PROFESSIONAL_SPACE, COMPANY_A)
    outcome = fire(page, "load_dashboard")
    assert routes.LOGIN_THEN in str(outcome.args)
    assert not page.ready
    nobody = Tab(cookie="").page(ProfessionalSpaceState)
    assert routes.LOGIN_THEN in str(fire(nobody, "load_dashboard").args)


def test_the_companys_dossiers_are_searched_filtered_and_paged(
    engine: Engine, world: World
) -> None:
    tab = tab_of(engine, NAIMA)
    listing = tab.page(DossierListState)
    open_company(tab, routes.PROFESSIONAL_DOSSIERS, COMPANY_A)
    assert fire(listing, "load_company") is None
    assert (listing.company_name, listing.total, listing.pages) == (NAME_A, A_DOSSIERS, 2)
    assert (len(listing.lines), listing.page_numbers) == (10, [1, 2])
    fire(listing, "go_to", 2)
    assert [row.reference for row in listing.lines] == ["ME-2026-000011", "ME-2026-000012"]
    fire(listing, "find", {"search": "ME-2026-000007", "status": "forged"})
    assert (listing.status, listing.total, listing.page) == ("", 1, 1)
    assert listing.lines[0].href == routes.dossier("ME-2026-000007")
    fire(listing, "find", {"search": "", "status": "closed"})
    assert {row.status_key for row in listing.lines} == {"dossier.status.closed"}
    fire(listing, "find", {"search": "BLA", "status": ""})
    assert listing.total == 0


def test_mes_dossiers_of_the_citizen_space(engine: Engine, world: World) -> None:
    listing = tab_of(engine, NAIMA).page(DossierListState)
    assert fire(listing, "load_personal", "citoyen") is None
    assert [(row.reference, row.href) for row in listing.lines] == [
        (world.naima_own, routes.dossier(world.naima_own))
    ]
    assert listing.company_name == ""


def test_managing_the_space_is_refused_with_the_roles_that_allow_it(
    engine: Engine, world: World
) -> None:
    tab = tab_of(engine, NAIMA)
    settings = tab.page(SpaceSettingsState)
    open_company(tab, routes.PROFESSIONAL_SETTINGS, COMPANY_A)
    assert fire(settings, "load") is None
    assert (settings.ready, settings.shown, settings.members) == (True, False, [])
    assert settings.refusal == FRENCH["error.RoleRequiredError.manage_space"].replace(
        "{roles}", "Gestionnaire de l'espace ou Propriétaire de l'espace"
    )
    # A forged "Enregistrer" is refused by the service as well.
    fire(settings, "save", {"contact_email": "pirate@example.be", "notify_closed": "on"})
    assert (settings.saved, settings.shown) == (False, False)


def test_the_owner_manages_the_space(engine: Engine, world: World) -> None:
    tab = tab_of(engine, NAIMA)
    settings = tab.page(SpaceSettingsState)
    open_company(tab, routes.PROFESSIONAL_SETTINGS, COMPANY_B)
    fire(settings, "load")
    assert (settings.shown, settings.refusal, settings.contact_email) == (True, "", "")
    assert [(m.name, m.role, m.until) for m in settings.members] == [
        ("Gilles Gestion", "Gestionnaire de l'espace", ""),
        ("Naïma Fatima Mremi", "Propriétaire de l'espace", ""),
    ]
    fire(settings, "save", {"contact_email": "pas une adresse", "notify_submitted": "on"})
    assert settings.contact_error == FRENCH["error.SpaceSettingsError"]
    assert (settings.saved, settings.contact_email) == (False, "pas une adresse")
    fire(settings, "save", {"contact_email": "dossiers@bla.test", "notify_closed": "on"})
    assert (settings.saved, settings.contact_error, settings.contact_email) == (
        True,
        "",
        "dossiers@bla.test",
    )
    assert (settings.notify_submitted, settings.notify_complement, settings.notify_closed) == (
        False,
        False,
        True,
    )
    fire(settings, "load")
    assert (settings.contact_email, settings.notify_closed, settings.saved) == (
        "dossiers@bla.test",
        True,
        False,
    )
