"""Gérer les attributions de rôles as a tab runs it: the picker skipped for one company, shown for
two; the table searched, sorted and paged; the detail's actions with their banners, the stop
asked first, the expiry refused beside its field; forged events refused by the services."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from foundation import routes
from foundation.clock import utc_now
from foundation.i18n.catalog import catalog
from foundation.i18n.error_messages import error_text
from foundation.models.companies import AssignmentStatus, RoleAssignment
from foundation.models.outbox import OutboxMessage
from identity.assurance import LevelOfAssurance
from portal.companies.assignment_errors import NotRoleManagerError
from portal.companies.dates import today
from state.roles.assignment_detail_state import AssignmentDetailState
from state.roles.assignment_overview_state import AssignmentOverviewState
from tests.unit.portal.companies.conftest import (
    BLA,
    CHLOE,
    JEAN_PIERRE,
    MARC,
    NAIMA,
    TEST_COMPANY,
    FakeRegister,
    Person,
    company,
    make_gap,
)
from tests.unit.portal.companies.factories import READER, add_assignment
from tests.unit.portal.companies.page_sessions import log_in
from tests.unit.state.conftest import Tab, fire
from tests.unit.state.test_role_request_states import loaded

FRENCH = catalog("fr")


@pytest.fixture
def register() -> FakeRegister:
    return FakeRegister(
        {
            TEST_COMPANY: company(TEST_COMPANY, "Entreprise de test", representative=JEAN_PIERRE),
            BLA: company(BLA, "BLA", representative=MARC),
        }
    )


@pytest.fixture
def naimas(engine: Engine, register: FakeRegister) -> int:
    """Chloé is the GAP of "Entreprise de test", where Naïma is Rédacteur de dossiers."""
    now = utc_now()
    with Session(engine) as db:
        make_gap(db, register, gap=CHLOE, now=now)
        row = add_assignment(db, starts_on=today(now))
        assert row.id is not None
        return row.id


def tab_of(engine: Engine, person: Person, level: LevelOfAssurance = LevelOfAssurance.HIGH) -> Tab:
    return Tab(log_in(engine, person, level, at=utc_now()))


def overview(tab: Tab, **query: str) -> AssignmentOverviewState:
    tab.open(routes.ROLE_ASSIGNMENTS_MANAGEMENT, **query)
    page = tab.page(AssignmentOverviewState)
    assert fire(page, "load") is None
    return page


def detail(tab: Tab, assignment_id: int) -> AssignmentDetailState:
    tab.open(routes.ROLE_ASSIGNMENT_DETAIL, attribution=str(assignment_id))
    page = tab.page(AssignmentDetailState)
    assert fire(page, "load") is None
    return page


def status_of(engine: Engine, assignment_id: int) -> str:
    with Session(engine) as db:
        row = db.get(RoleAssignment, assignment_id)
        assert row is not None
        return row.status


def mails(engine: Engine) -> int:
    with Session(engine) as db:
        return len(db.exec(select(OutboxMessage)).all())


# The overview


def test_one_company_skips_the_picker(engine: Engine, naimas: int) -> None:
    page = overview(tab_of(engine, CHLOE))
    assert (page.view, page.several, page.expanded) == ("overview", False, False)
    assert (page.company.name, page.company.shown_number, page.company.assignments) == (
        "Entreprise de test",
        "0712.345.630",
        1,
    )
    [row] = page.rows
    assert (row.role, row.user, row.ends_on, row.status) == (
        "Rédacteur de dossiers",
        "Naïma Samira Mremi",
        "",
        "active",
    )
    assert row.role_description == "Créer, lire, modifier et supprimer les dossiers."
    assert row.detail_url == f"{routes.ROLE_ASSIGNMENT_DETAIL}?attribution={naimas}"
    assert page.export_url == f"{routes.ROLE_ASSIGNMENTS_EXPORT}?entreprise={TEST_COMPANY}"
    fire(page, "show_all", True)
    assert page.expanded


def test_two_companies_show_the_picker_and_continuer_needs_a_choice(
    engine: Engine, register: FakeRegister, naimas: int
) -> None:
    with Session(engine) as db:
        make_gap(db, register, number=BLA, representative=MARC, gap=CHLOE, now=utc_now())
    page = overview(tab_of(engine, CHLOE))
    assert (page.view, page.several) == ("pick", True)
    assert [c.name for c in page.companies] == ["BLA", "Entreprise de test"]
    fire(page, "go_on")
    assert (page.view, page.choice_error) == ("pick", True)
    fire(page, "find_company", {"search": "0712"})
    assert [c.name for c in page.companies] == ["Entreprise de test"]
    fire(page, "choose", TEST_COMPANY)
    fire(page, "go_on")
    assert (page.view, page.company.name, page.total) == ("overview", "Entreprise de test", 1)
    fire(page, "change_company")  # the picker as it was left, the company chosen
    assert (page.view, page.chosen, page.company_search) == ("pick", TEST_COMPANY, "0712")


def test_the_table_is_searched_sorted_and_paged(engine: Engine, naimas: int) -> None:
    first = today(utc_now()) - timedelta(days=100)
    with Session(engine) as db:
        for n in range(11):
            add_assignment(db, role=READER, person=CHLOE, starts_on=first + timedelta(days=n))
    page = overview(tab_of(engine, CHLOE))
    assert (page.total, page.pages, len(page.rows)) == (12, 2, 10)
    assert page.rows[0].role == "Rédacteur de dossiers"  # by role: R-é-d before R-e-l folded
    fire(page, "sort_by", "starts_on")
    assert (page.sort_column, page.descending) == ("starts_on", False)
    assert page.rows[0].starts_on == first.strftime("%d/%m/%Y")
    fire(page, "sort_by", "starts_on")
    assert page.descending
    assert page.rows[0].role == "Rédacteur de dossiers"  # today, the latest start
    fire(page, "go_to", 2)
    assert (page.page, len(page.rows)) == (2, 2)
    fire(page, "sort_by", "not-a-column")  # forged: nothing changes
    assert (page.sort_column, page.page) == ("starts_on", 2)
    fire(page, "find", {"search": "mremi"})
    assert (page.total, page.page, [r.user for r in page.rows]) == (1, 1, ["Naïma Samira Mremi"])


def test_a_forged_company_is_refused_by_the_service(engine: Engine, naimas: int) -> None:
    page = overview(tab_of(engine, NAIMA), entreprise=TEST_COMPANY)
    assert page.view != "overview"
    assert page.rows == []
    assert page.problem == error_text("fr", NotRoleManagerError(TEST_COMPANY))


def test_below_the_eid_the_eid_login_then_back(engine: Engine, naimas: int) -> None:
    tab = tab_of(engine, CHLOE, LevelOfAssurance.SUBSTANTIAL)
    tab.open(routes.ROLE_ASSIGNMENTS_MANAGEMENT)
    page = tab.page(AssignmentOverviewState)
    assert loaded(fire(page, "load")) == routes.login_then(
        routes.ROLE_ASSIGNMENTS_MANAGEMENT, key="eid"
    )
    assert page.rows == []


# The detail


def test_the_detail_shows_the_seeds_fields_and_actions(engine: Engine, naimas: int) -> None:
    page = detail(tab_of(engine, CHLOE), naimas)
    assert (page.detail.role, page.detail.company, page.detail.company_number) == (
        "Rédacteur de dossiers",
        "Entreprise de test",
        "0712.345.630",
    )
    assert page.detail.long_description.startswith("Créer, lire, modifier et supprimer des")
    assert (
        page.detail.overview_url
        == f"{routes.ROLE_ASSIGNMENTS_MANAGEMENT}?entreprise={TEST_COMPANY}"
    )
    assert page.actions == ["modify_end", "stop", "deactivate"]


def test_stop_is_asked_first_then_done_with_its_banner(engine: Engine, naimas: int) -> None:
    page = detail(tab_of(engine, CHLOE), naimas)
    fire(page, "ask_stop")
    assert page.confirming_stop
    fire(page, "cancel_stop")
    assert not page.confirming_stop
    assert status_of(engine, naimas) == AssignmentStatus.ACTIVE
    fire(page, "ask_stop")
    fire(page, "stop")
    assert (page.done, page.confirming_stop, page.detail.status) == ("stop", False, "suspended")
    assert page.actions == ["restart"]
    assert [h.action for h in page.shown_history][:2] == ["Archivé(e)", "Suspension approuvée"]
    fire(page, "stop")  # a replayed event
    assert page.problem == FRENCH["error.AssignmentSuspendedError"]
    assert page.done == ""


def test_deactivate_then_restart(engine: Engine, naimas: int) -> None:
    page = detail(tab_of(engine, CHLOE), naimas)
    fire(page, "deactivate")
    assert (page.done, page.detail.status, page.actions) == (
        "deactivate",
        "deactivated",
        ["modify_end", "stop", "restart"],
    )
    fire(page, "restart")
    assert (page.done, page.detail.status) == ("restart", "active")
    assert status_of(engine, naimas) == AssignmentStatus.ACTIVE


def test_the_expiry_is_refused_beside_its_field_then_changed(engine: Engine, naimas: int) -> None:
    page = detail(tab_of(engine, CHLOE), naimas)
    fire(page, "open_end_form")
    assert (page.editing_end, page.end_unlimited) == (True, True)
    fire(page, "set_end_unlimited", False)
    fire(page, "save_end", {"ends_on": "31/02/2027"})
    assert page.end_error == FRENCH["error.DateInvalidError.ends_on"]
    assert (page.editing_end, page.end_typed, page.done) == (True, "31/02/2027", "")
    yesterday = (today(utc_now()) - timedelta(days=1)).strftime("%d/%m/%Y")
    fire(page, "save_end", {"ends_on": yesterday})
    assert page.end_error == FRENCH["error.EndDateInPastError"]
    later = today(utc_now()) + timedelta(days=60)
    fire(page, "save_end", {"ends_on": later.strftime("%d/%m/%Y")})
    assert (page.done, page.editing_end, page.end_error) == ("modify_end", False, "")
    assert page.detail.ends_on == later.strftime("%d/%m/%Y")


def test_a_forged_action_from_someone_who_does_not_manage_the_company(
    engine: Engine, naimas: int
) -> None:
    before = mails(engine)
    page = detail(tab_of(engine, NAIMA), naimas)
    assert page.problem == error_text("fr", NotRoleManagerError(TEST_COMPANY))
    assert (page.detail.role, page.actions) == ("", [])
    page.assignment_id = naimas
    fire(page, "stop")
    assert page.problem == error_text("fr", NotRoleManagerError(TEST_COMPANY))
    assert page.done == ""
    assert status_of(engine, naimas) == AssignmentStatus.ACTIVE
    assert mails(engine) == before


def test_the_history_shows_five_lines_then_the_whole_timeline(engine: Engine, naimas: int) -> None:
    page = detail(tab_of(engine, CHLOE), naimas)
    fire(page, "deactivate")
    fire(page, "restart")
    fire(page, "stop")
    assert (len(page.history), len(page.shown_history), page.more_history) == (7, 5, True)
    fire(page, "show_full_history")
    assert (len(page.shown_history), page.more_history) == (7, False)


def test_an_unknown_assignment(engine: Engine, naimas: int) -> None:
    page = detail(tab_of(engine, CHLOE), naimas + 100)
    assert page.problem == FRENCH["error.AssignmentNotFoundError"]
