""" "Demander soi-même une attribution de rôle": the request lands in the open tasks of the GAP
and the role administrators, and a role administrator approves it like any request."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlmodel import Session

from foundation.models.companies import AssignmentStatus
from identity.assurance import LevelOfAssurance
from portal.companies import assignment_errors, errors
from portal.companies.company_number import CompanyNumberCheckError
from portal.companies.history import history_of
from portal.companies.requests import approve, open_requests, request_detail
from portal.companies.self_request import SelfRequest, request_assignment
from tests.unit.portal.companies.conftest import (
    BLA,
    CHLOE,
    MARC,
    NAIMA,
    NOW,
    ORIGIN,
    TODAY,
    FakeRegister,
    add_account,
    mails_to,
    make_gap,
    session_of,
)
from tests.unit.portal.companies.factories import WRITER, name_administrator

ASKED = SelfRequest("0712.345.630", (WRITER,), valid_from=TODAY, message="Je remplace Paul.")


@pytest.fixture(autouse=True)
def _company(db: Session, register: FakeRegister) -> None:
    make_gap(db, register, gap=CHLOE)
    add_account(db, NAIMA)


def test_request_waits_in_the_open_tasks_of_gap_and_administrators(db: Session) -> None:
    name_administrator(db, MARC)
    [asked] = request_assignment(db, session_of(NAIMA), ASKED, NOW, public_origin=ORIGIN)
    db.commit()
    assert (asked.status, asked.email, asked.invitation_id) == (
        AssignmentStatus.REQUESTED,
        NAIMA.email,
        None,
    )
    assert asked.id is not None
    [line] = history_of(db, asked.id)
    assert (line.action, line.actor_name, line.details) == (
        "Demandé(e)",
        "Naïma Samira Mremi",
        "Je remplace Paul.",
    )
    for manager in (CHLOE, MARC):
        assert open_requests(db, session_of(manager), now=NOW).total == 1
        [mail] = [m for m in mails_to(db, manager.email) if "évaluation" in m.subject]
        assert "Naïma Samira Mremi demande l'attribution de rôle Rédacteur de dossiers" in (
            mail.text_body
        )
        assert "Message personnel : Je remplace Paul." in mail.text_body


def test_evaluation_shows_the_requesters_message(db: Session) -> None:
    [asked] = request_assignment(db, session_of(NAIMA), ASKED, NOW, public_origin=ORIGIN)
    assert asked.id is not None
    assert request_detail(db, session_of(CHLOE), asked.id, NOW).message == "Je remplace Paul."


def test_role_administrator_approves_a_self_request(db: Session) -> None:
    name_administrator(db, MARC)
    [asked] = request_assignment(db, session_of(NAIMA), ASKED, NOW, public_origin=ORIGIN)
    assert asked.id is not None
    approve(db, session_of(MARC), asked.id, NOW, public_origin=ORIGIN)
    assert asked.status == AssignmentStatus.ACTIVE
    assert any("est octroyée" in m.subject for m in mails_to(db, NAIMA.email))


def test_company_without_gap_here_is_refused(db: Session) -> None:
    with pytest.raises(assignment_errors.CompanyNotManagedHereError) as refused:
        request_assignment(
            db, session_of(NAIMA), SelfRequest(BLA, (WRITER,), TODAY), NOW, public_origin=ORIGIN
        )
    assert refused.value.field == "company_number"
    with pytest.raises(CompanyNumberCheckError):
        request_assignment(
            db,
            session_of(NAIMA),
            SelfRequest("0845.059.051", (WRITER,), TODAY),
            NOW,
            public_origin=ORIGIN,
        )


def test_asking_twice_for_the_same_role_is_refused(db: Session) -> None:
    request_assignment(db, session_of(NAIMA), ASKED, NOW, public_origin=ORIGIN)
    with pytest.raises(assignment_errors.RoleAlreadyHeldError):
        request_assignment(db, session_of(NAIMA), ASKED, NOW, public_origin=ORIGIN)


def test_lower_level_is_refused(db: Session) -> None:
    with pytest.raises(errors.HighAssuranceRequiredError):
        request_assignment(
            db,
            session_of(NAIMA, level=LevelOfAssurance.LOW),
            ASKED,
            NOW,
            public_origin=ORIGIN,
        )


def test_without_account_an_address_must_be_given(db: Session) -> None:
    with pytest.raises(errors.ContactEmailInvalidError):
        request_assignment(db, session_of(MARC), ASKED, NOW, public_origin=ORIGIN)
    given = SelfRequest(ASKED.company_number, ASKED.role_codes, TODAY, email=MARC.email)
    [asked] = request_assignment(db, session_of(MARC), given, NOW, public_origin=ORIGIN)
    assert asked.email == MARC.email


def test_start_in_the_past_is_refused(db: Session) -> None:
    past = SelfRequest(ASKED.company_number, (WRITER,), TODAY - timedelta(days=1))
    with pytest.raises(errors.ValidityStartInPastError):
        request_assignment(db, session_of(NAIMA), past, NOW, public_origin=ORIGIN)
