"""Mes tâches ouvertes: the GAP's list of requests, and approving or rejecting one."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlmodel import Session, select

from foundation.models.companies import AssignmentStatus, RoleAssignment
from identity.assurance import LevelOfAssurance
from portal.companies import errors
from portal.companies.acceptance import accept
from portal.companies.history import history_of
from portal.companies.invitations import InvitationDraft, create_invitation, revoke_invitation
from portal.companies.requests import (
    approve,
    count_open_requests,
    open_requests,
    reject,
    request_detail,
)
from portal.companies.roles import Permission, can
from tests.unit.portal.companies.conftest import (
    BLA,
    CHLOE,
    JEAN_PIERRE,
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


def invite_and_accept(
    db: Session, person: Person = NAIMA, *, number: str = TEST_COMPANY, gap: Person = CHLOE,
    valid_from: date = TODAY, role: str = "monespace.writer",
) -> tuple[str, int]:  # fmt: skip
    created = create_invitation(
        db,
        session_of(gap),
        InvitationDraft(
            company_number=number,
            role_codes=(role,),
            valid_from=valid_from,
            valid_until=valid_from + timedelta(days=1),
        ),
        NOW,
        public_origin=ORIGIN,
    )
    [request] = accept(db, session_of(person), created.id, person.email, NOW, public_origin=ORIGIN)
    db.commit()
    assert request.id is not None
    return created.id, request.id


@pytest.fixture
def request_id(db: Session, register: FakeRegister) -> int:
    make_gap(db, register, gap=CHLOE)
    return invite_and_accept(db)[1]


def approving(
    db: Session,
    request_id: int,
    who: Person = CHLOE,
    *,
    level: LevelOfAssurance = LevelOfAssurance.HIGH,
) -> RoleAssignment:
    return approve(db, session_of(who, level=level), request_id, NOW, public_origin=ORIGIN)


def status_of(db: Session, request_id: int) -> str:
    return db.exec(select(RoleAssignment.status).where(RoleAssignment.id == request_id)).one()


# The list


def test_gap_sees_the_request_in_the_seeds_columns(db: Session, request_id: int) -> None:
    page = open_requests(db, session_of(CHLOE), now=NOW)
    assert (page.total, page.page, page.pages) == (1, 1, 1)
    [row] = page.rows
    assert (row.assignment_id, row.user, row.role, row.company) == (
        request_id,
        "Naïma Samira Mremi",
        "Attribuer : Rédacteur de dossiers",
        "Entreprise de test",
    )
    assert (row.starts_on, row.ends_on, row.requested_at) == (TODAY, date(2026, 3, 3), NOW)
    assert (row.email, row.role_description) == (
        NAIMA.email,
        "Créer, lire, modifier et supprimer les dossiers.",
    )
    assert count_open_requests(db, session_of(CHLOE), NOW) == 1


@pytest.mark.parametrize("who", [NAIMA, JEAN_PIERRE])
def test_people_who_manage_no_company_see_no_request(
    db: Session, request_id: int, who: Person
) -> None:
    assert open_requests(db, session_of(who), now=NOW).rows == ()


def test_gap_of_another_company_does_not_see_them(
    db: Session, register: FakeRegister, request_id: int
) -> None:
    make_gap(db, register, number=BLA, representative=MARC, gap=MARC)
    invite_and_accept(db, JEAN_PIERRE, number=BLA, gap=MARC)
    assert [r.company for r in open_requests(db, session_of(MARC), now=NOW).rows] == ["BLA"]
    assert [r.company for r in open_requests(db, session_of(CHLOE), now=NOW).rows] == [
        "Entreprise de test"
    ]


def test_list_needs_a_high_assurance_session(db: Session, request_id: int) -> None:
    with pytest.raises(errors.HighAssuranceRequiredError):
        open_requests(db, session_of(CHLOE, level=LevelOfAssurance.SUBSTANTIAL), now=NOW)


def many_requests(db: Session, how_many: int) -> None:
    for n in range(how_many):
        person = Person(f"900101{n:05d}", f"Personne{n:02d}", "Test", f"p{n}@example.be")
        invite_and_accept(db, person)


def test_twenty_three_requests_make_three_pages_of_ten(db: Session, register: FakeRegister) -> None:
    make_gap(db, register, gap=CHLOE)
    many_requests(db, 23)
    last = open_requests(db, session_of(CHLOE), page=3, now=NOW)
    assert (last.total, last.pages, len(last.rows)) == (23, 3, 3)
    first = open_requests(db, session_of(CHLOE), page=1, now=NOW)
    assert [r.user for r in first.rows][:2] == ["Test Personne00", "Test Personne01"]
    assert open_requests(db, session_of(CHLOE), page=99, now=NOW).page == 3
    assert open_requests(db, session_of(CHLOE), page=0, now=NOW).page == 1


@pytest.mark.parametrize(
    ("search", "found"),
    [
        ("mremi", 1),
        ("NAÏMA", 1),
        ("naïma samira", 1),
        ("rédacteur", 1),
        ("redacteur", 1),
        ("entreprise de", 1),
        ("0712.345", 1),
        ("nmr@", 1),
        ("relecteur", 0),
        ("dupont", 0),
    ],
)
def test_search_looks_in_person_role_and_company(
    db: Session, request_id: int, search: str, found: int
) -> None:
    assert open_requests(db, session_of(CHLOE), search, now=NOW).total == found


# Approving


def test_gap_approves_and_the_role_is_granted_with_history_and_emails(
    db: Session, request_id: int
) -> None:
    assignment = approving(db, request_id)
    assert (assignment.status, assignment.decided_by, assignment.decided_at) == (
        AssignmentStatus.ACTIVE,
        CHLOE.national_number,
        NOW,
    )
    assert [(h.actor_name, h.action) for h in history_of(db, request_id)] == [
        ("Automatique", "Attribution de rôle octroyée"),
        ("Chloé Anne Ducoeur", "Attribution de rôle approuvée"),
        ("Naïma Samira Mremi", "Demandé(e)"),
    ]
    [to_person] = mails_to(db, NAIMA.email)
    assert "votre attribution de rôle Rédacteur de dossiers est octroyée." in to_person.text_body
    [to_gap] = [m for m in mails_to(db, CHLOE.email) if "octroyée" in m.subject]
    assert "Rédacteur de dossiers de Naïma Samira Mremi est octroyée" in to_gap.text_body
    assert open_requests(db, session_of(CHLOE), now=NOW).total == 0


def test_approved_role_with_a_later_start_gives_rights_from_that_day(
    db: Session, register: FakeRegister
) -> None:
    make_gap(db, register, gap=CHLOE)
    _, request_id = invite_and_accept(db, valid_from=TODAY + timedelta(days=7))
    assignment = approving(db, request_id)
    assert not can([assignment], TEST_COMPANY, Permission.CREATE, on=TODAY)
    assert can([assignment], TEST_COMPANY, Permission.CREATE, on=TODAY + timedelta(days=7))


def test_approving_twice_is_refused_and_writes_nothing_more(db: Session, request_id: int) -> None:
    approving(db, request_id)
    with pytest.raises(errors.RequestAlreadyDecidedError):
        approving(db, request_id)
    assert len(history_of(db, request_id)) == 3


def test_requester_approving_her_own_request_by_a_forged_event_is_refused(
    db: Session, request_id: int
) -> None:
    with pytest.raises(errors.NotMainAccessManagerError):
        approving(db, request_id, NAIMA)
    assert status_of(db, request_id) == AssignmentStatus.REQUESTED


def test_gap_with_a_low_assurance_session_cannot_approve(db: Session, request_id: int) -> None:
    with pytest.raises(errors.HighAssuranceRequiredError):
        approving(db, request_id, level=LevelOfAssurance.SUBSTANTIAL)
    assert status_of(db, request_id) == AssignmentStatus.REQUESTED


def test_request_of_a_revoked_invitation_cannot_be_approved_but_can_be_rejected(
    db: Session, register: FakeRegister
) -> None:
    make_gap(db, register, gap=CHLOE)
    invitation_id, request_id = invite_and_accept(db)
    revoke_invitation(db, session_of(CHLOE), invitation_id, NOW)
    assert open_requests(db, session_of(CHLOE), now=NOW).rows[0].invitation_revoked
    with pytest.raises(errors.InvitationRevokedError):
        approving(db, request_id)
    assert status_of(db, request_id) == AssignmentStatus.REQUESTED
    reject(db, session_of(CHLOE), request_id, "Invitation retirée", NOW, public_origin=ORIGIN)
    assert status_of(db, request_id) == AssignmentStatus.REJECTED


def test_unknown_request_is_refused(db: Session, request_id: int) -> None:
    with pytest.raises(errors.RequestNotFoundError):
        approving(db, request_id + 100)


# Rejecting


def test_gap_rejects_with_a_reason_the_person_reads(db: Session, request_id: int) -> None:
    assignment = reject(
        db, session_of(CHLOE), request_id, " Pas dans l'équipe ", NOW, public_origin=ORIGIN
    )
    assert (assignment.status, assignment.reject_reason) == (
        AssignmentStatus.REJECTED,
        "Pas dans l'équipe",
    )
    assert history_of(db, request_id)[0].action == "Attribution de rôle rejetée"
    [mail] = mails_to(db, NAIMA.email)
    assert "Raison : Pas dans l'équipe" in mail.text_body
    assert "Approbateur : Chloé Anne Ducoeur" in mail.text_body


@pytest.mark.parametrize(
    ("reason", "error"),
    [("  ", errors.RequiredFieldMissingError), ("x" * 2001, errors.FieldTooLongError)],
)
def test_rejection_without_a_fitting_reason_is_refused(
    db: Session, request_id: int, reason: str, error: type[errors.CompanyError]
) -> None:
    with pytest.raises(error) as refused:
        reject(db, session_of(CHLOE), request_id, reason, NOW, public_origin=ORIGIN)
    assert refused.value.field == "reason"
    assert status_of(db, request_id) == AssignmentStatus.REQUESTED


def test_rejecting_an_approved_request_is_refused(db: Session, request_id: int) -> None:
    approving(db, request_id)
    with pytest.raises(errors.RequestAlreadyDecidedError):
        reject(db, session_of(CHLOE), request_id, "Trop tard", NOW, public_origin=ORIGIN)
    assert status_of(db, request_id) == AssignmentStatus.ACTIVE


def test_someone_else_cannot_reject(db: Session, request_id: int) -> None:
    with pytest.raises(errors.NotMainAccessManagerError):
        reject(db, session_of(JEAN_PIERRE), request_id, "Non", NOW, public_origin=ORIGIN)


# One request at a time


def test_request_detail_is_for_the_gap_only(db: Session, request_id: int) -> None:
    detail = request_detail(db, session_of(CHLOE), request_id, NOW)
    assert (detail.user, detail.role_label) == ("Naïma Samira Mremi", "Rédacteur de dossiers")
    assert detail.message == ""  # an accepted invitation: no requester's message
    with pytest.raises(errors.NotMainAccessManagerError):
        request_detail(db, session_of(NAIMA), request_id, NOW)
    approving(db, request_id)
    with pytest.raises(errors.RequestAlreadyDecidedError):
        request_detail(db, session_of(CHLOE), request_id, NOW)
