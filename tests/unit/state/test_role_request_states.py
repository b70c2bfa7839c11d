"""The acceptance link, Mes attributions de rôles and Mes tâches ouvertes as a tab runs them:
a forged "approve" from someone who is not the company's GAP is refused by the service, and the
journey of the seeds (accept, see the request, approve) goes through."""

from __future__ import annotations

import re
from datetime import datetime

import pytest
from reflex_base.event import EventSpec
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
from portal.companies.invitations import InvitationDraft, create_invitation
from state.roles.acceptance_state import AcceptanceState
from state.roles.my_assignments_state import MyAssignmentsState
from state.roles.open_tasks_state import EMPTY, OpenTasksState
from tests.unit.portal.companies.conftest import (
    CHLOE,
    JEAN_PIERRE,
    NAIMA,
    ORIGIN,
    TEST_COMPANY,
    FakeRegister,
    Person,
    company,
    make_gap,
    session_of,
)
from tests.unit.portal.companies.page_sessions import log_in
from tests.unit.state.conftest import Tab, fire, redirect_path

FRENCH = catalog("fr")


@pytest.fixture
def register() -> FakeRegister:
    return FakeRegister(
        {TEST_COMPANY: company(TEST_COMPANY, "Entreprise de test", representative=JEAN_PIERRE)}
    )


@pytest.fixture
def link(engine: Engine, register: FakeRegister) -> str:
    """Chloé, GAP of "Entreprise de test", invited whoever has the link as Rédacteur."""
    now = utc_now()
    with Session(engine) as db:
        make_gap(db, register, gap=CHLOE, now=now)
        created = create_invitation(
            db,
            session_of(CHLOE, at=now),
            InvitationDraft(TEST_COMPANY, ("monespace.writer",), valid_from=today(now)),
            now,
            public_origin=ORIGIN,
        )
        db.commit()
    return created.id


def tab_of(engine: Engine, person: Person, level: LevelOfAssurance = LevelOfAssurance.HIGH) -> Tab:
    return Tab(log_in(engine, person, level, at=utc_now()))


def on_link(tab: Tab, link: str) -> AcceptanceState:
    tab.open(routes.ROLE_INVITATION_ACCEPT, invitation=link)
    page = tab.page(AcceptanceState)
    assert fire(page, "load") is None
    return page


def loaded(outcome: object) -> str:
    """Where a full page load (``load_page``) a handler returned leads ("" for anything else)."""
    if not isinstance(outcome, EventSpec) or outcome.handler.fn.__qualname__ != "_call_script":
        return ""
    found = re.search(r'window\.location\.assign\("([^"]*)"\)', str(outcome.args))
    return found.group(1) if found else ""


def requests(engine: Engine) -> list[RoleAssignment]:
    with Session(engine) as db:
        return list(db.exec(select(RoleAssignment)).all())


def mail_count(engine: Engine) -> int:
    with Session(engine) as db:
        return len(db.exec(select(OutboxMessage)).all())


def accepted_by_naima(engine: Engine, link: str) -> int:
    page = on_link(tab_of(engine, NAIMA), link)
    assert redirect_path(fire(page, "accept", {"email": NAIMA.email})) == routes.MY_ROLE_ASSIGNMENTS
    [request] = requests(engine)
    assert request.id is not None
    return request.id


def test_before_logging_in_the_link_shows_the_overview_and_s_identifier(
    engine: Engine, link: str
) -> None:
    page = on_link(Tab(), link)
    assert (page.company_name, page.step, page.identified) == (
        "Entreprise de test",
        "overview",
        False,
    )
    assert [r.label for r in page.roles] == ["Rédacteur de dossiers"]
    assert page.login_path == routes.login_then(
        f"{routes.ROLE_INVITATION_ACCEPT}?invitation={link}"
    )


def test_a_login_below_the_eid_is_asked_for_the_eid_and_a_forged_accept_files_nothing(
    engine: Engine, link: str
) -> None:
    page = on_link(tab_of(engine, NAIMA, LevelOfAssurance.SUBSTANTIAL), link)
    back = routes.login_then(f"{routes.ROLE_INVITATION_ACCEPT}?invitation={link}", key="eid")
    assert (page.step, page.may_accept, page.login_path) == ("overview", False, back)
    assert loaded(fire(page, "accept", {"email": NAIMA.email})) == back
    assert requests(engine) == []


def test_an_unknown_link_has_its_own_page(engine: Engine) -> None:
    page = on_link(Tab(), "5b0c6f8e-0000-4000-8000-000000000000")
    assert page.problem == "unknown"
    assert page.problem_text == FRENCH["error.InvitationUnknownError"]


def test_accepting_leads_to_my_assignments_with_the_seeds_message(
    engine: Engine, link: str
) -> None:
    tab = tab_of(engine, NAIMA)
    page = on_link(tab, link)
    assert (page.step, page.email) == ("contact", NAIMA.email)
    fire(page, "accept", {"email": "pas-une-adresse"})
    assert page.email_error == FRENCH["error.ContactEmailInvalidError"]
    assert requests(engine) == []
    assert redirect_path(fire(page, "accept", {"email": NAIMA.email})) == routes.MY_ROLE_ASSIGNMENTS
    tab.open(routes.MY_ROLE_ASSIGNMENTS)
    mine = tab.page(MyAssignmentsState)
    fire(mine, "load")
    assert mine.accepted
    assert [(r.role, r.status) for r in mine.rows] == [("Rédacteur de dossiers", "requested")]
    fire(mine, "load")  # said once only
    assert not mine.accepted


def test_a_forged_approve_from_someone_who_is_not_the_gap_is_refused(
    engine: Engine, link: str
) -> None:
    request_id = accepted_by_naima(engine, link)
    before = mail_count(engine)
    page = tab_of(engine, JEAN_PIERRE).page(OpenTasksState)  # the representative, not the GAP
    fire(page, "load")
    assert page.rows == []
    page.current = EMPTY.__class__(**{**EMPTY.__dict__, "id": request_id})  # never offered
    fire(page, "approve")
    assert page.problem == error_text("fr", NotRoleManagerError(TEST_COMPANY))
    assert page.decision == ""
    assert [r.status for r in requests(engine)] == [AssignmentStatus.REQUESTED]
    assert mail_count(engine) == before


def test_the_gap_ticks_evaluates_and_approves(engine: Engine, link: str) -> None:
    request_id = accepted_by_naima(engine, link)
    page = tab_of(engine, CHLOE).page(OpenTasksState)
    fire(page, "load")
    assert page.total == 1
    assert page.rows[0].role == "Attribuer : Rédacteur de dossiers"
    fire(page, "evaluate")  # nothing ticked yet
    assert page.selection_error
    fire(page, "toggle", request_id)
    fire(page, "evaluate")
    assert (page.view, page.current.user) == ("evaluate", "Naïma Samira Mremi")
    fire(page, "approve")
    assert (page.view, page.decision) == ("decided", "approved")
    assert [r.status for r in requests(engine)] == [AssignmentStatus.ACTIVE]
    fire(page, "approve")  # a replayed event
    assert page.problem == FRENCH["error.RequestAlreadyDecidedError"]
    fire(page, "next_request")  # none left: the list, now empty
    assert (page.view, page.total) == ("list", 0)


def test_a_rejection_needs_its_reason(engine: Engine, link: str) -> None:
    request_id = accepted_by_naima(engine, link)
    page = tab_of(engine, CHLOE).page(OpenTasksState)
    fire(page, "load")
    fire(page, "toggle_page")
    assert page.selected_ids == [request_id]
    fire(page, "evaluate")
    fire(page, "ask_reason")
    fire(page, "reject", {"reason": " "})
    assert (page.view, page.reason_error) == (
        "reject",
        FRENCH["error.RequiredFieldMissingError.reason"],
    )
    fire(page, "reject", {"reason": "Pas dans notre service"})
    assert page.decision == "rejected"
    [request] = requests(engine)
    assert (request.status, request.reject_reason) == ("rejected", "Pas dans notre service")


def test_the_table_pages_by_ten(engine: Engine, link: str) -> None:
    accepted_by_naima(engine, link)
    now: datetime = utc_now()
    with Session(engine) as db:  # eleven more requests of other people
        for n in range(11):
            db.add(
                RoleAssignment(
                    company_number=TEST_COMPANY, role_code="monespace.reader",
                    national_number=f"900101{n:03d}00", surname=f"Personne{n:02d}",
                    first_names="Test", email=f"p{n}@example.be", starts_on=today(now),
                    status=AssignmentStatus.REQUESTED, requested_at=now,
                )
            )  # fmt: skip
        db.commit()
    page = tab_of(engine, CHLOE).page(OpenTasksState)
    fire(page, "load")
    assert (len(page.rows), page.total, page.pages, page.page_numbers) == (10, 12, 2, [1, 2])
    fire(page, "go_to", 2)
    assert len(page.rows) == 2
    fire(page, "find", {"search": "personne07"})
    assert ([r.user for r in page.rows], page.page) == (["Test Personne07"], 1)


def test_the_open_tasks_without_a_login_go_to_the_eid_and_back(engine: Engine) -> None:
    page = Tab().page(OpenTasksState)
    assert loaded(fire(page, "load")) == routes.login_then(routes.ROLE_OPEN_TASKS, key="eid")
    lower = tab_of(engine, CHLOE, LevelOfAssurance.SUBSTANTIAL).page(OpenTasksState)
    assert loaded(fire(lower, "load")) == routes.login_then(routes.ROLE_OPEN_TASKS, key="eid")
