"""Role requests and grants decided by two backends at once on one PostgreSQL database (two GAP
browsers, a double click, a replayed event): one decision, one assignment, one e-mail.

The company is registered from the company register simulator over HTTP, as the portal does."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from foundation.models.companies import AssignmentStatus, RoleAssignment, RoleAssignmentHistory
from portal.companies import assignment_errors, errors
from portal.companies.acceptance import accept
from portal.companies.direct import DirectDraft, Person, assign_by_national_number
from portal.companies.invitations import InvitationDraft, create_invitation
from portal.companies.register import HttpCompanyRegister
from portal.companies.requests import approve
from portal.companies.self_request import SelfRequest, request_assignment
from simulators.company_register.web import CompanyRegisterSimulator
from tests.integration.postgres.racing import Outcomes, each_backend_at_once, meeting_before
from tests.unit.portal.companies.conftest import (
    CHLOE,
    NAIMA,
    NOW,
    ORIGIN,
    TEST_COMPANY,
    TODAY,
    add_account,
    mails_to,
    make_gap,
    session_of,
)

pytestmark = pytest.mark.integration

WRITER = "monespace.writer"
# Whether the person holds the role already: both backends get there at the same moment.
HELD_CHECK = r"^SELECT company\.number\s+FROM company\b.*FOR UPDATE"
NEWCOMER = Person("85073003328", "Nouveau", "Léa", "lea.nouveau@example.be")


@pytest.fixture(scope="module")
def company_register() -> Iterator[HttpCompanyRegister]:
    simulator = CompanyRegisterSimulator(port=0)
    simulator.start()
    yield HttpCompanyRegister(simulator.url, timeout=5)
    simulator.stop()


@pytest.fixture
def company(postgres_engine: Engine, company_register: HttpCompanyRegister) -> str:
    """ "Entreprise de test", registered by its representative, with Chloé as its GAP."""
    with Session(postgres_engine) as db:
        make_gap(db, company_register, gap=CHLOE)  # type: ignore[arg-type]
        add_account(db, NAIMA)
        db.commit()
    return TEST_COMPANY


def invitation_for_everyone(engine: Engine) -> str:
    with Session(engine) as db:
        created = create_invitation(
            db,
            session_of(CHLOE),
            InvitationDraft(TEST_COMPANY, (WRITER,), valid_from=TODAY),
            NOW,
            public_origin=ORIGIN,
        )
        db.commit()
        return created.id


def in_one_unit(work: Callable[[Session], object]) -> Callable[[Engine], object]:
    """``work`` as a backend's unit of work: committed if it passes, rolled back if refused."""

    def unit(engine: Engine) -> object:
        with Session(engine) as db:
            result = work(db)
            db.commit()
            return result

    return unit


def race(
    backends: list[Engine], statement: str, work: Callable[[Session], object]
) -> Outcomes[object]:
    with meeting_before(backends, statement) as meeting:
        outcomes = each_backend_at_once(backends, in_one_unit(work))
    assert meeting.together == len(backends), "both had checked before either wrote"
    return outcomes


def assignments(engine: Engine) -> list[tuple[str, str]]:
    with Session(engine) as db:
        rows = db.exec(
            select(RoleAssignment.national_number, RoleAssignment.status).order_by(
                col(RoleAssignment.id)
            )
        ).all()
    return [(number, status) for number, status in rows]


@pytest.mark.usefixtures("company")
def test_two_gap_browsers_approving_one_request_at_once_give_one_assignment(
    postgres_engine: Engine, backends: list[Engine]
) -> None:
    invitation = invitation_for_everyone(postgres_engine)
    with Session(postgres_engine) as db:
        [request] = accept(
            db, session_of(NAIMA), invitation, NAIMA.email, NOW, public_origin=ORIGIN
        )
        db.commit()
        request_id = request.id
        assert request_id is not None

    outcomes = race(
        backends,
        r"^UPDATE role_assignment SET",
        lambda db: approve(db, session_of(CHLOE), request_id, NOW, public_origin=ORIGIN),
    )

    assert len(outcomes.results) == 1
    assert [type(e) for e in outcomes.errors] == [errors.RequestAlreadyDecidedError]
    assert assignments(postgres_engine) == [(NAIMA.national_number, AssignmentStatus.ACTIVE)]
    with Session(postgres_engine) as db:
        actions = sorted(db.exec(select(RoleAssignmentHistory.action)).all())
        assert actions == [
            "Attribution de rôle approuvée",
            "Attribution de rôle octroyée",
            "Demandé(e)",
        ]
        assert len(mails_to(db, NAIMA.email)) == 1


@pytest.mark.usefixtures("company")
def test_one_invitation_accepted_in_two_tabs_at_once_files_one_request(
    postgres_engine: Engine, backends: list[Engine]
) -> None:
    invitation = invitation_for_everyone(postgres_engine)

    outcomes = race(
        backends,
        r"^INSERT INTO role_assignment ",
        lambda db: accept(
            db, session_of(NAIMA), invitation, NAIMA.email, NOW, public_origin=ORIGIN
        ),
    )

    assert len(outcomes.results) == 1
    assert [type(e) for e in outcomes.errors] == [errors.InvitationAlreadyAcceptedError]
    assert assignments(postgres_engine) == [(NAIMA.national_number, AssignmentStatus.REQUESTED)]


@pytest.mark.usefixtures("company")
def test_a_direct_grant_sent_twice_at_once_gives_the_role_once(
    postgres_engine: Engine, backends: list[Engine]
) -> None:
    draft = DirectDraft(TEST_COMPANY, (WRITER,), valid_from=TODAY)

    outcomes = race(
        backends,
        HELD_CHECK,
        lambda db: assign_by_national_number(
            db, session_of(CHLOE), NEWCOMER, draft, NOW, public_origin=ORIGIN
        ),
    )

    assert len(outcomes.results) == 1
    assert [type(e) for e in outcomes.errors] == [assignment_errors.RoleAlreadyHeldError]
    assert assignments(postgres_engine) == [(NEWCOMER.national_number, AssignmentStatus.ACTIVE)]
    with Session(postgres_engine) as db:
        assert len(mails_to(db, NEWCOMER.email)) == 1


@pytest.mark.usefixtures("company")
def test_a_role_asked_for_twice_at_once_is_asked_once(
    postgres_engine: Engine, backends: list[Engine]
) -> None:
    asked = SelfRequest(TEST_COMPANY, (WRITER,), valid_from=TODAY)

    outcomes = race(
        backends,
        HELD_CHECK,
        lambda db: request_assignment(db, session_of(NAIMA), asked, NOW, public_origin=ORIGIN),
    )

    assert len(outcomes.results) == 1
    assert [type(e) for e in outcomes.errors] == [assignment_errors.RoleAlreadyHeldError]
    assert assignments(postgres_engine) == [(NAIMA.national_number, AssignmentStatus.REQUESTED)]
