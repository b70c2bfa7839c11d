"""Two GAP sessions approving the same request at the same moment, each in its own database
session on a real SQLite file (WAL, the portal's pragmas): one assignment, one refusal."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, SQLModel, select

from foundation.db import make_engine
from foundation.models.companies import AssignmentStatus, RoleAssignment, RoleAssignmentHistory
from foundation.models.outbox import OutboxMessage
from portal.companies import errors
from portal.companies.acceptance import accept
from portal.companies.invitations import InvitationDraft, create_invitation
from portal.companies.requests import approve, reject
from tests.unit.portal.companies.conftest import (
    CHLOE,
    NAIMA,
    NOW,
    ORIGIN,
    TEST_COMPANY,
    TODAY,
    FakeRegister,
    make_gap,
    session_of,
)

ATTEMPTS = 6


@pytest.fixture
def engine(tmp_path: Path) -> Iterator[Engine]:
    engine = make_engine(f"sqlite:///{tmp_path / 'race.db'}")
    SQLModel.metadata.create_all(engine)
    yield engine
    engine.dispose()


@pytest.fixture
def request_id(engine: Engine, register: FakeRegister) -> int:
    with Session(engine) as db:
        make_gap(db, register, gap=CHLOE)
        created = create_invitation(
            db,
            session_of(CHLOE),
            InvitationDraft(TEST_COMPANY, ("monespace.writer",), valid_from=TODAY),
            NOW,
            public_origin=ORIGIN,
        )
        [request] = accept(
            db, session_of(NAIMA), created.id, NAIMA.email, NOW, public_origin=ORIGIN
        )
        db.commit()
        assert request.id is not None
        return request.id


def race(engine: Engine, request_id: int, *, with_a_rejection: bool = False) -> list[str]:
    """Each thread is one browser of the GAP: its own session row and database session."""
    outcomes: list[str] = []
    start = threading.Barrier(ATTEMPTS)

    def attempt(n: int) -> None:
        with Session(engine) as db:
            start.wait()
            try:
                if with_a_rejection and n % 2:
                    reject(db, session_of(CHLOE), request_id, "Non", NOW, public_origin=ORIGIN)
                    outcomes.append("rejected")
                else:
                    approve(db, session_of(CHLOE), request_id, NOW, public_origin=ORIGIN)
                    outcomes.append("approved")
                db.commit()
            except errors.RequestAlreadyDecidedError:
                db.rollback()
                outcomes.append("already decided")

    threads = [threading.Thread(target=attempt, args=(n,)) for n in range(ATTEMPTS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return outcomes


def test_simultaneous_approvals_give_one_assignment_and_refuse_the_others(
    engine: Engine, request_id: int
) -> None:
    outcomes = race(engine, request_id)
    assert sorted(outcomes) == ["already decided"] * (ATTEMPTS - 1) + ["approved"]
    with Session(engine) as db:
        assert db.exec(select(RoleAssignment.status)).all() == [AssignmentStatus.ACTIVE]
        actions = db.exec(select(RoleAssignmentHistory.action)).all()
        assert sorted(actions) == [
            "Attribution de rôle approuvée",
            "Attribution de rôle octroyée",
            "Demandé(e)",
        ]
        granted_mails = db.exec(
            select(OutboxMessage).where(OutboxMessage.recipient == NAIMA.email)
        ).all()
        assert len(granted_mails) == 1


def test_simultaneous_approvals_and_rejections_decide_once(engine: Engine, request_id: int) -> None:
    outcomes = race(engine, request_id, with_a_rejection=True)
    assert outcomes.count("already decided") == ATTEMPTS - 1
    with Session(engine) as db:
        [status] = db.exec(select(RoleAssignment.status)).all()
        decided = "approved" if status == AssignmentStatus.ACTIVE else "rejected"
        assert decided in outcomes
        assert len(db.exec(select(RoleAssignmentHistory)).all()) in (2, 3)
