"""Opening an invitation's link and accepting it (seed 000)."""

from __future__ import annotations

import uuid
from dataclasses import replace
from datetime import date, datetime, timedelta

import pytest
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, select

from foundation.models.companies import (
    AssignmentStatus,
    RoleAssignment,
    RoleInvitationInvitee,
)
from identity.assurance import LevelOfAssurance
from portal.companies import errors
from portal.companies.acceptance import accept, invitation_overview, surname_matches
from portal.companies.history import history_of
from portal.companies.invitations import InvitationDraft, Invitee, create_invitation
from portal.companies.invitations import revoke_invitation as revoke
from tests.unit.portal.companies.conftest import (
    CHLOE,
    JEAN_PIERRE,
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

WRITER = "monespace.writer"
READER = "monespace.reader"


@pytest.fixture(autouse=True)
def _gap(db: Session, register: FakeRegister) -> None:
    make_gap(db, register, gap=CHLOE)


def invitation(db: Session, *persons: Invitee, **changes: object) -> str:
    the_draft = InvitationDraft(
        company_number=TEST_COMPANY,
        role_codes=(WRITER, READER),
        valid_from=TODAY + timedelta(days=1),
        valid_until=TODAY + timedelta(days=90),
        persons=persons,
    )
    created = create_invitation(
        db,
        session_of(CHLOE),
        replace(the_draft, **changes),  # type: ignore[arg-type]
        NOW,
        public_origin=ORIGIN,
    )
    db.commit()
    return created.id


def accepting(
    db: Session,
    invitation_id: str,
    person: Person = NAIMA,
    *,
    email: str | None = None,
    level: LevelOfAssurance = LevelOfAssurance.HIGH,
    at: datetime = NOW,
) -> list[RoleAssignment]:
    return accept(
        db,
        session_of(person, level=level, at=at),
        invitation_id,
        person.email if email is None else email,
        at,
        public_origin=ORIGIN,
    )


NAMED_NAIMA = Invitee("MREMI", "Naima", NAIMA.email)


def requests_of(db: Session, person: Person) -> list[RoleAssignment]:
    return list(
        db.exec(
            select(RoleAssignment).where(RoleAssignment.national_number == person.national_number)
        ).all()
    )


def test_overview_shows_company_roles_message_and_dates(db: Session) -> None:
    invitation_id = invitation(db, NAMED_NAIMA, message="Bienvenue")
    overview = invitation_overview(db, invitation_id, NOW)
    assert overview.company_name == "Entreprise de test"
    assert [r.label for r in overview.roles] == ["Relecteur de dossiers", "Rédacteur de dossiers"]
    assert (overview.message, overview.valid_until, overview.for_named_persons) == (
        "Bienvenue",
        date(2026, 5, 31),
        True,
    )


@pytest.mark.parametrize("typed", ["not-a-uuid", str(uuid.UUID(int=7)), ""])
def test_unknown_invitation_gets_its_own_error(db: Session, typed: str) -> None:
    with pytest.raises(errors.InvitationUnknownError):
        invitation_overview(db, typed, NOW)


def test_invitation_is_open_through_its_expiry_day_and_expired_after(db: Session) -> None:
    invitation_id = invitation(db, expires_on=TODAY + timedelta(days=5))
    assert invitation_overview(db, invitation_id, NOW + timedelta(days=5)).id == invitation_id
    with pytest.raises(errors.InvitationExpiredError):
        invitation_overview(db, invitation_id, NOW + timedelta(days=6))
    with pytest.raises(errors.InvitationExpiredError):
        accepting(db, invitation_id, at=NOW + timedelta(days=6))
    assert requests_of(db, NAIMA) == []


def test_revoked_invitation_cannot_be_opened_or_accepted(db: Session) -> None:
    invitation_id = invitation(db)
    revoke(db, session_of(CHLOE), invitation_id, NOW)
    with pytest.raises(errors.InvitationRevokedError):
        invitation_overview(db, invitation_id, NOW)
    with pytest.raises(errors.InvitationRevokedError):
        accepting(db, invitation_id)
    assert requests_of(db, NAIMA) == []


def test_accepting_an_open_link_files_one_request_per_role_with_its_history(db: Session) -> None:
    invitation_id = invitation(db)
    assignments = accepting(db, invitation_id, email=" naima.pro@ewbs.be ")
    assert sorted(a.role_code for a in assignments) == [READER, WRITER]
    for a in assignments:
        assert (a.status, a.national_number, a.surname, a.email, a.company_number) == (
            AssignmentStatus.REQUESTED,
            NAIMA.national_number,
            "Mremi",
            "naima.pro@ewbs.be",
            TEST_COMPANY,
        )
        assert (a.starts_on, a.ends_on, a.requested_at, a.invitation_id) == (
            date(2026, 3, 3),
            date(2026, 5, 31),
            NOW,
            invitation_id,
        )
        assert a.id is not None
        [line] = history_of(db, a.id)
        assert (line.action, line.actor_name, line.actor_national_number, line.at) == (
            "Demandé(e)",
            "Naïma Samira Mremi",
            NAIMA.national_number,
            NOW,
        )


def test_gap_is_told_a_request_waits(db: Session) -> None:
    accepting(db, invitation(db))
    [mail] = [m for m in mails_to(db, CHLOE.email) if "attend votre évaluation" in m.subject]
    assert "Naïma Samira Mremi a accepté votre invitation" in mail.text_body
    assert "Relecteur de dossiers, Rédacteur de dossiers" in mail.text_body
    assert f"{ORIGIN}/roles/taches-ouvertes" in mail.text_body


def test_accepting_twice_is_refused(db: Session) -> None:
    invitation_id = invitation(db)
    accepting(db, invitation_id)
    with pytest.raises(errors.InvitationAlreadyAcceptedError):
        accepting(db, invitation_id)
    assert len(requests_of(db, NAIMA)) == 2


def test_open_link_is_accepted_by_anyone_who_has_it(db: Session) -> None:
    invitation_id = invitation(db)
    accepting(db, invitation_id, NAIMA)
    accepting(db, invitation_id, JEAN_PIERRE)
    assert len(requests_of(db, JEAN_PIERRE)) == 2
    assert invitation_overview(db, invitation_id, NOW).for_named_persons is False


def test_named_person_accepts_whatever_the_case_of_her_address_and_name(db: Session) -> None:
    invitation_id = invitation(db, NAMED_NAIMA)
    accepting(db, invitation_id, email="NMR@EWBS.BE")
    [invitee] = db.exec(select(RoleInvitationInvitee)).all()
    assert (invitee.accepted_by, invitee.accepted_at) == (NAIMA.national_number, NOW)


def test_someone_else_with_a_forwarded_link_and_the_named_address_is_refused(
    db: Session,
) -> None:
    invitation_id = invitation(db, NAMED_NAIMA)
    with pytest.raises(errors.NotInvitedError) as refused:
        accepting(db, invitation_id, JEAN_PIERRE, email=NAIMA.email)
    assert refused.value.field == "email"
    assert requests_of(db, JEAN_PIERRE) == []


def test_named_person_giving_another_address_is_refused(db: Session) -> None:
    invitation_id = invitation(db, NAMED_NAIMA)
    with pytest.raises(errors.NotInvitedError):
        accepting(db, invitation_id, email="naima@autre.be")
    assert requests_of(db, NAIMA) == []


def test_link_for_one_named_person_is_used_up_once_she_accepted(db: Session) -> None:
    invitation_id = invitation(db, NAMED_NAIMA)
    accepting(db, invitation_id)
    with pytest.raises(errors.InvitationUsedUpError):
        invitation_overview(db, invitation_id, NOW)
    with pytest.raises(errors.InvitationAlreadyAcceptedError):
        accepting(db, invitation_id)


def test_link_for_two_named_persons_is_accepted_once_by_each(db: Session) -> None:
    chloe_named = Invitee("Ducoeur", "Chloé", CHLOE.email)
    invitation_id = invitation(db, NAMED_NAIMA, chloe_named)
    accepting(db, invitation_id, NAIMA)
    assert invitation_overview(db, invitation_id, NOW).for_named_persons
    accepting(db, invitation_id, CHLOE)
    with pytest.raises(errors.InvitationUsedUpError):
        invitation_overview(db, invitation_id, NOW)


def test_accepting_with_a_low_assurance_session_is_refused(db: Session) -> None:
    invitation_id = invitation(db)
    with pytest.raises(errors.HighAssuranceRequiredError):
        accepting(db, invitation_id, level=LevelOfAssurance.SUBSTANTIAL)
    assert requests_of(db, NAIMA) == []


@pytest.mark.parametrize("typed", ["", "naima@", "naima ewbs.be"])
def test_accepting_without_a_valid_address_is_refused(db: Session, typed: str) -> None:
    with pytest.raises(errors.ContactEmailInvalidError) as refused:
        accepting(db, invitation(db), email=typed)
    assert refused.value.field == "email"


@pytest.mark.parametrize(
    ("named", "on_card", "matches"),
    [
        ("MREMI", "Mremi", True),
        ("Ducœur", "Ducoeur", True),
        ("Dupont", "Dupont-Durand", True),
        ("van den berg", "Van den Berg", True),
        ("Lefèvre", "Lefevre", True),
        ("Dupont", "Durand", False),
        ("", "Durand", False),
    ],
)
def test_surname_matching_ignores_case_accents_and_spacing(
    named: str, on_card: str, matches: bool
) -> None:
    assert surname_matches(named, on_card) is matches


def test_database_refuses_a_second_request_for_the_same_role_and_invitation(
    db: Session,
) -> None:
    invitation_id = invitation(db)
    [first, _] = accepting(db, invitation_id)
    db.add(RoleAssignment.model_validate(first.model_dump(exclude={"id"})))
    with pytest.raises(IntegrityError):
        db.flush()
