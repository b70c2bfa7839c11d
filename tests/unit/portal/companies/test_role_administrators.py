"""Role administrators: the GAP names people who manage the company's assignments without being
GAP; they invite and approve for that company only; removal counts at their next action."""

from __future__ import annotations

from dataclasses import replace

import pytest
from sqlmodel import Session

from identity.assurance import LevelOfAssurance
from portal.companies import assignment_errors, errors
from portal.companies.acceptance import accept
from portal.companies.administrators import (
    administrator_record,
    name_role_administrator,
    remove_role_administrator,
    role_administrators,
)
from portal.companies.gap import companies_managed_by
from portal.companies.history import history_of
from portal.companies.invitations import InvitationDraft, create_invitation, revoke_invitation
from portal.companies.national_number import NationalNumberCheckError
from portal.companies.overview import requests_to_decide
from portal.companies.requests import approve, open_requests
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
from tests.unit.portal.companies.factories import WRITER, details_of, name_administrator


@pytest.fixture(autouse=True)
def _companies(db: Session, register: FakeRegister) -> None:
    make_gap(db, register, gap=CHLOE)
    make_gap(db, register, number=BLA, representative=MARC, gap=MARC)


def invite(db: Session, person: Person = MARC) -> str:
    created = create_invitation(
        db,
        session_of(person),
        InvitationDraft(TEST_COMPANY, (WRITER,), valid_from=TODAY),
        NOW,
        public_origin=ORIGIN,
    )
    db.commit()
    return created.id


def test_gap_names_an_administrator_who_is_told_by_email(db: Session) -> None:
    administrator = name_administrator(db, MARC)
    assert administrator.named_by == CHLOE.national_number
    assert [
        a.national_number for a in role_administrators(db, session_of(CHLOE), TEST_COMPANY, NOW)
    ] == [MARC.national_number]
    [mail] = [m for m in mails_to(db, MARC.email) if "administrateur" in m.subject]
    assert "Chloé Anne Ducoeur, gestionnaire d'accès principal de « Entreprise de test »" in (
        mail.text_body
    )


def test_administrator_invites_and_approves_for_the_company(db: Session) -> None:
    name_administrator(db, MARC)
    invitation_id = invite(db, MARC)
    [request] = accept(db, session_of(NAIMA), invitation_id, NAIMA.email, NOW, public_origin=ORIGIN)
    db.commit()
    assert request.id is not None
    assert requests_to_decide(db, MARC.national_number) == 1
    assert open_requests(db, session_of(MARC), now=NOW).total == 1
    approve(db, session_of(MARC), request.id, NOW, public_origin=ORIGIN)
    assert history_of(db, request.id)[1].actor_name == "Marc André Lhoest"
    assert any("octroyée" in m.subject for m in mails_to(db, MARC.email))
    revoke_invitation(db, session_of(MARC), invitation_id, NOW)


def test_administrators_company_is_among_those_he_manages(db: Session) -> None:
    assert [c.number for c in companies_managed_by(db, MARC.national_number)] == [BLA]
    name_administrator(db, MARC)
    assert {c.number for c in companies_managed_by(db, MARC.national_number)} == {
        TEST_COMPANY,
        BLA,
    }


def test_someone_neither_gap_nor_administrator_is_refused(db: Session) -> None:
    with pytest.raises(assignment_errors.NotRoleManagerError):
        invite(db, NAIMA)
    with pytest.raises(errors.NotMainAccessManagerError):  # what pages already catch
        invite(db, NAIMA)


def test_administrator_of_another_company_is_refused(db: Session) -> None:
    name_administrator(db, CHLOE, company=BLA, gap=MARC)
    with pytest.raises(assignment_errors.NotRoleManagerError):
        invite(db, MARC)


def test_administrator_below_the_high_level_is_refused(db: Session) -> None:
    name_administrator(db, MARC)
    with pytest.raises(errors.HighAssuranceRequiredError):
        create_invitation(
            db,
            session_of(MARC, level=LevelOfAssurance.LOW),
            InvitationDraft(TEST_COMPANY, (WRITER,), valid_from=TODAY),
            NOW,
            public_origin=ORIGIN,
        )


def test_only_the_gap_names_and_removes_administrators(db: Session) -> None:
    administrator = name_administrator(db, MARC)
    assert administrator.id is not None
    with pytest.raises(errors.NotMainAccessManagerError):
        name_role_administrator(
            db, session_of(MARC), TEST_COMPANY, details_of(NAIMA), NOW, public_origin=ORIGIN
        )
    with pytest.raises(errors.NotMainAccessManagerError):
        remove_role_administrator(db, session_of(MARC), administrator.id, NOW)


def test_removed_administrator_is_refused_at_his_next_action_and_told(db: Session) -> None:
    administrator = name_administrator(db, MARC)
    assert administrator.id is not None
    remove_role_administrator(db, session_of(CHLOE), administrator.id, NOW)
    db.commit()
    with pytest.raises(assignment_errors.NotRoleManagerError):
        invite(db, MARC)
    assert any("n'êtes plus administrateur" in m.subject for m in mails_to(db, MARC.email))
    [kept] = administrator_record(db, session_of(CHLOE), TEST_COMPANY, NOW)
    assert (kept.removed_by, kept.removed_at) == (CHLOE.national_number, NOW)


def test_removing_twice_is_refused_and_tells_once(db: Session) -> None:
    administrator = name_administrator(db, MARC)
    assert administrator.id is not None
    remove_role_administrator(db, session_of(CHLOE), administrator.id, NOW)
    with pytest.raises(assignment_errors.RoleAdministratorNotFoundError):
        remove_role_administrator(db, session_of(CHLOE), administrator.id, NOW)
    assert len([m for m in mails_to(db, MARC.email) if "n'êtes plus" in m.subject]) == 1


def test_naming_again_after_removal_gives_a_new_row(db: Session) -> None:
    first = name_administrator(db, MARC)
    assert first.id is not None
    remove_role_administrator(db, session_of(CHLOE), first.id, NOW)
    db.commit()
    name_administrator(db, MARC)
    assert len(administrator_record(db, session_of(CHLOE), TEST_COMPANY, NOW)) == 2


def test_naming_the_same_person_twice_is_refused(db: Session) -> None:
    name_administrator(db, MARC)
    with pytest.raises(assignment_errors.AlreadyRoleAdministratorError) as refused:
        name_administrator(db, MARC)
    assert refused.value.field == "national_number"


def test_naming_the_gap_himself_is_refused(db: Session) -> None:
    with pytest.raises(assignment_errors.GapNeedsNoAdministrationError):
        name_administrator(db, CHLOE)


@pytest.mark.parametrize(
    ("change", "refusal"),
    [
        ({"national_number": "71020801587"}, NationalNumberCheckError),
        ({"surname": "  "}, errors.RequiredFieldMissingError),
        ({"email": "marc@"}, errors.ContactEmailInvalidError),
    ],
)
def test_naming_with_a_wrong_field_is_refused_and_writes_nothing(
    db: Session, change: dict[str, str], refusal: type[Exception]
) -> None:
    with pytest.raises(refusal):
        name_role_administrator(
            db,
            session_of(CHLOE),
            TEST_COMPANY,
            replace(details_of(MARC), **change),
            NOW,
            public_origin=ORIGIN,
        )
    assert role_administrators(db, session_of(CHLOE), TEST_COMPANY, NOW) == []
    assert [m for m in mails_to(db, MARC.email) if "administrateur" in m.subject] == []


def test_legal_representative_alone_reads_no_administrators(db: Session) -> None:
    with pytest.raises(assignment_errors.NotRoleManagerError):
        role_administrators(db, session_of(JEAN_PIERRE), TEST_COMPANY, NOW)
