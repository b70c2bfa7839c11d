"""The transitions of an assignment's status, cell by cell, and what each success writes: the
history lines and the e-mail of the seed."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlmodel import Session, select

from foundation.models.companies import AssignmentStatus, RoleAssignmentHistory
from portal.companies import assignment_errors as e
from portal.companies import errors
from portal.companies.history import history_of
from portal.companies.roles import Permission, can
from portal.companies.transitions import (
    ACTIONS,
    Action,
    allowed_actions,
    deactivate,
    modify_end_date,
    outcome,
    restart,
    stop,
)
from tests.unit.portal.companies.conftest import (
    CHLOE,
    MARC,
    NAIMA,
    NOW,
    ORIGIN,
    TEST_COMPANY,
    TODAY,
    FakeRegister,
    Person,
    mails_to,
    make_gap,
    session_of,
)
from tests.unit.portal.companies.factories import add_assignment, name_administrator

S = AssignmentStatus
A = Action
NEW_END = TODAY + timedelta(days=30)
# The rule, written out again cell by cell: the status reached, or the refusal.
CELLS: dict[tuple[Action, AssignmentStatus], object] = {
    (A.MODIFY_END, S.REQUESTED): e.AssignmentStillRequestedError,
    (A.MODIFY_END, S.ACTIVE): S.ACTIVE,
    (A.MODIFY_END, S.DEACTIVATED): S.DEACTIVATED,
    (A.MODIFY_END, S.SUSPENDED): e.AssignmentSuspendedError,
    (A.MODIFY_END, S.REJECTED): e.AssignmentRejectedError,
    (A.MODIFY_END, S.EXPIRED): e.AssignmentExpiredError,
    (A.MODIFY_END, S.STOPPED): e.AssignmentEndedError,
    (A.STOP, S.REQUESTED): e.AssignmentStillRequestedError,
    (A.STOP, S.ACTIVE): S.SUSPENDED,
    (A.STOP, S.DEACTIVATED): S.SUSPENDED,
    (A.STOP, S.SUSPENDED): e.AssignmentSuspendedError,
    (A.STOP, S.REJECTED): e.AssignmentRejectedError,
    (A.STOP, S.EXPIRED): e.AssignmentExpiredError,
    (A.STOP, S.STOPPED): e.AssignmentEndedError,
    (A.DEACTIVATE, S.REQUESTED): e.AssignmentStillRequestedError,
    (A.DEACTIVATE, S.ACTIVE): S.DEACTIVATED,
    (A.DEACTIVATE, S.DEACTIVATED): e.AssignmentAlreadyDeactivatedError,
    (A.DEACTIVATE, S.SUSPENDED): e.AssignmentSuspendedError,
    (A.DEACTIVATE, S.REJECTED): e.AssignmentRejectedError,
    (A.DEACTIVATE, S.EXPIRED): e.AssignmentExpiredError,
    (A.DEACTIVATE, S.STOPPED): e.AssignmentEndedError,
    (A.RESTART, S.REQUESTED): e.AssignmentStillRequestedError,
    (A.RESTART, S.ACTIVE): e.AssignmentAlreadyActiveError,
    (A.RESTART, S.DEACTIVATED): S.ACTIVE,
    (A.RESTART, S.SUSPENDED): S.ACTIVE,
    (A.RESTART, S.REJECTED): e.AssignmentRejectedError,
    (A.RESTART, S.EXPIRED): e.AssignmentExpiredError,
    (A.RESTART, S.STOPPED): e.AssignmentEndedError,
}


@pytest.fixture(autouse=True)
def _company(db: Session, register: FakeRegister) -> None:
    make_gap(db, register, gap=CHLOE)


def run(db: Session, action: Action, assignment_id: int, *, by: Person = CHLOE) -> None:
    session = session_of(by)
    if action is Action.MODIFY_END:
        modify_end_date(db, session, assignment_id, NEW_END, NOW, public_origin=ORIGIN)
    else:
        ACTIONS[action](db, session, assignment_id, NOW, public_origin=ORIGIN)


def test_every_action_and_status_has_its_cell() -> None:
    assert set(CELLS) == {(a, s) for a in Action for s in AssignmentStatus}


@pytest.mark.parametrize(("action", "status"), list(CELLS))
def test_cell_reaches_its_status_or_says_why_not(
    db: Session, action: Action, status: AssignmentStatus
) -> None:
    expected = CELLS[(action, status)]
    row = add_assignment(db, status=status)
    assert row.id is not None
    if isinstance(expected, AssignmentStatus):
        assert outcome(action, status) is expected
        run(db, action, row.id)
        db.commit()
        assert row.status == expected
        assert len(history_of(db, row.id)) >= 2
        assert len(mails_to(db, NAIMA.email)) == 1
    else:
        assert isinstance(expected, type)
        with pytest.raises(expected):
            outcome(action, status)
        with pytest.raises(expected):
            run(db, action, row.id)
        db.rollback()
        assert (row.status, row.ends_on) == (status, None)
        assert history_of(db, row.id) == []
        assert mails_to(db, NAIMA.email) == []


def test_detail_page_offers_what_the_seed_shows() -> None:
    assert allowed_actions(S.ACTIVE) == (A.MODIFY_END, A.STOP, A.DEACTIVATE)
    assert allowed_actions(S.SUSPENDED) == (A.RESTART,)
    assert allowed_actions(S.DEACTIVATED) == (A.MODIFY_END, A.STOP, A.RESTART)
    assert allowed_actions(S.EXPIRED) == ()


def test_stop_writes_the_seeds_history_and_mail(db: Session) -> None:
    row = add_assignment(db)
    assert row.id is not None
    stop(db, session_of(CHLOE), row.id, NOW, public_origin=ORIGIN)
    db.commit()
    lines = [(h.actor_name, h.action) for h in history_of(db, row.id)]
    assert lines[0] == ("Automatique", "Archivé(e)")
    assert sorted(lines[1:]) == [
        ("Chloé Anne Ducoeur", "Suspension approuvée"),
        ("Chloé Anne Ducoeur", "Suspension demandée"),
    ]
    [mail] = mails_to(db, NAIMA.email)
    for line in (
        "Des modifications à votre/vos attribution(s) de rôle Rédacteur de dossiers",
        "L'attribution de rôle a été suspendue",
        "Rôle : Rédacteur de dossiers",
        "Durée de validité : 02/03/2026 - Permanent",
        "Entreprise : « Entreprise de test », 0712345630",
        "Approbateur : Chloé Anne Ducoeur",
    ):
        assert line in mail.text_body


def test_modified_end_date_is_in_the_history_and_the_mail(db: Session) -> None:
    row = add_assignment(db)
    assert row.id is not None
    modify_end_date(db, session_of(CHLOE), row.id, date(2026, 12, 31), NOW, public_origin=ORIGIN)
    db.commit()
    assert row.ends_on == date(2026, 12, 31)
    details = db.exec(select(RoleAssignmentHistory.details)).all()
    assert "Date de fin : 31/12/2026 (auparavant : Illimité)" in details
    [mail] = mails_to(db, NAIMA.email)
    assert "Durée de validité : 02/03/2026 - 31/12/2026" in mail.text_body
    modify_end_date(db, session_of(CHLOE), row.id, None, NOW, public_origin=ORIGIN)
    assert row.ends_on is None


@pytest.mark.parametrize(
    ("starts_on", "ends_on", "refusal"),
    [
        (TODAY - timedelta(days=9), TODAY - timedelta(days=1), e.EndDateInPastError),
        (TODAY + timedelta(days=10), TODAY + timedelta(days=5), e.EndDateBeforeStartError),
        (TODAY + timedelta(days=10), TODAY + timedelta(days=10), e.EndDateBeforeStartError),
        (TODAY, None, e.EndDateUnchangedError),
    ],
)
def test_wrong_new_end_date_is_refused_beside_its_field(
    db: Session, starts_on: date, ends_on: date | None, refusal: type[Exception]
) -> None:
    row = add_assignment(db, starts_on=starts_on)
    assert row.id is not None
    with pytest.raises(refusal) as refused:
        modify_end_date(db, session_of(CHLOE), row.id, ends_on, NOW, public_origin=ORIGIN)
    assert getattr(refused.value, "field", None) == "ends_on"


def test_end_date_today_is_accepted_as_the_last_day(db: Session) -> None:
    row = add_assignment(db, starts_on=TODAY - timedelta(days=3))
    assert row.id is not None
    modify_end_date(db, session_of(CHLOE), row.id, TODAY, NOW, public_origin=ORIGIN)
    assert row.ends_on == TODAY


def test_restart_after_the_end_date_is_refused(db: Session) -> None:
    row = add_assignment(
        db, status=S.SUSPENDED, starts_on=date(2026, 1, 1), ends_on=TODAY - timedelta(days=1)
    )
    assert row.id is not None
    with pytest.raises(e.AssignmentEndDatePassedError):
        restart(db, session_of(CHLOE), row.id, NOW, public_origin=ORIGIN)


def test_deactivated_assignment_gives_no_permission_until_restarted(db: Session) -> None:
    row = add_assignment(db)
    assert row.id is not None
    deactivate(db, session_of(CHLOE), row.id, NOW, public_origin=ORIGIN)
    assert not can([row], TEST_COMPANY, Permission.READ, on=TODAY)
    restart(db, session_of(CHLOE), row.id, NOW, public_origin=ORIGIN)
    assert can([row], TEST_COMPANY, Permission.READ, on=TODAY)


def test_role_administrator_stops_an_assignment(db: Session) -> None:
    name_administrator(db, MARC)
    row = add_assignment(db)
    assert row.id is not None
    run(db, A.STOP, row.id, by=MARC)
    assert row.status == S.SUSPENDED
    assert "Approbateur : Marc André Lhoest" in mails_to(db, NAIMA.email)[0].text_body


@pytest.mark.parametrize("action", list(Action))
def test_someone_not_managing_the_company_is_refused(db: Session, action: Action) -> None:
    row = add_assignment(db)
    assert row.id is not None
    with pytest.raises(e.NotRoleManagerError):
        run(db, action, row.id, by=NAIMA)
    assert row.status == S.ACTIVE


def test_lower_level_session_is_refused(db: Session) -> None:
    from identity.assurance import LevelOfAssurance

    row = add_assignment(db)
    assert row.id is not None
    with pytest.raises(errors.HighAssuranceRequiredError):
        stop(
            db,
            session_of(CHLOE, level=LevelOfAssurance.LOW),
            row.id,
            NOW,
            public_origin=ORIGIN,
        )


def test_unknown_assignment_is_refused(db: Session) -> None:
    with pytest.raises(e.AssignmentNotFoundError):
        stop(db, session_of(CHLOE), 4242, NOW, public_origin=ORIGIN)
