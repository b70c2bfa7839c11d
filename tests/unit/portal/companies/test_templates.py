"""Saved invitations: listed for their owner only, reused as a new draft dated from today."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlmodel import Session, select

from foundation.models.companies import RoleInvitation, RoleInvitationTemplate
from identity.assurance import LevelOfAssurance
from portal.companies import errors
from portal.companies.invitations import (
    InvitationDraft,
    Invitee,
    SaveAsTemplate,
    create_invitation,
)
from portal.companies.templates import delete_template, draft_from_template, templates_of
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

LATER = NOW + timedelta(days=40)


@pytest.fixture
def template_id(db: Session, register: FakeRegister) -> int:
    make_gap(db, register, gap=CHLOE)
    create_invitation(
        db,
        session_of(CHLOE),
        InvitationDraft(
            company_number=TEST_COMPANY,
            role_codes=("monespace.writer",),
            valid_from=TODAY,
            valid_until=TODAY + timedelta(days=30),
            persons=(Invitee("Mremi", "Naima", NAIMA.email),),
            message="Bienvenue",
            save_as=SaveAsTemplate("Rédacteurs", "Pour les encodeurs"),
        ),
        NOW,
        public_origin=ORIGIN,
    )
    [template] = db.exec(select(RoleInvitationTemplate)).all()
    assert template.id is not None
    return template.id


def test_owner_lists_her_templates(db: Session, template_id: int) -> None:
    assert [t.id for t in templates_of(db, session_of(CHLOE, at=LATER), LATER)] == [template_id]


def test_someone_else_sees_none_of_them(db: Session, template_id: int) -> None:
    assert templates_of(db, session_of(NAIMA), NOW) == []


def test_listing_templates_needs_a_high_assurance_session(db: Session, template_id: int) -> None:
    with pytest.raises(errors.HighAssuranceRequiredError):
        templates_of(db, session_of(CHLOE, level=LevelOfAssurance.LOW), NOW)


def test_reused_template_is_a_draft_dated_from_today_with_the_same_length(
    db: Session, template_id: int
) -> None:
    draft = draft_from_template(db, session_of(CHLOE, at=LATER), template_id, LATER)
    assert (draft.company_number, draft.role_codes, draft.message) == (
        TEST_COMPANY,
        ("monespace.writer",),
        "Bienvenue",
    )
    assert draft.valid_from == TODAY + timedelta(days=40)
    assert draft.valid_until == TODAY + timedelta(days=70)
    assert draft.persons == (Invitee("Mremi", "Naima", NAIMA.email),)
    assert draft.expires_on is None
    assert draft.save_as is None


def test_reused_draft_creates_a_new_invitation(db: Session, template_id: int) -> None:
    session = session_of(CHLOE, at=LATER)
    draft = draft_from_template(db, session, template_id, LATER)
    create_invitation(db, session, draft, LATER, public_origin=ORIGIN)
    assert len(db.exec(select(RoleInvitation)).all()) == 2


def test_someone_elses_template_cannot_be_reused_or_deleted(db: Session, template_id: int) -> None:
    with pytest.raises(errors.TemplateNotFoundError):
        draft_from_template(db, session_of(NAIMA), template_id, NOW)
    with pytest.raises(errors.TemplateNotFoundError):
        delete_template(db, session_of(NAIMA), template_id, NOW)
    assert db.get(RoleInvitationTemplate, template_id) is not None


def test_owner_deletes_her_template(db: Session, template_id: int) -> None:
    delete_template(db, session_of(CHLOE), template_id, NOW)
    db.flush()
    assert db.get(RoleInvitationTemplate, template_id) is None
