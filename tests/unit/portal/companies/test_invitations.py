"""The GAP's invitation: who may send it, what each step accepts, the link and the e-mails."""

from __future__ import annotations

import json
import uuid
from dataclasses import replace
from datetime import date, timedelta

import pytest
from sqlmodel import Session, select

from foundation.models.companies import (
    RoleInvitation,
    RoleInvitationInvitee,
    RoleInvitationRole,
    RoleInvitationTemplate,
)
from foundation.models.outbox import OutboxMessage
from identity.assurance import LevelOfAssurance
from portal.companies import errors
from portal.companies.invitations import (
    InvitationDraft,
    Invitee,
    SaveAsTemplate,
    create_invitation,
    revoke_invitation,
)
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

FIXED_ID = uuid.UUID("927915af-2e1f-4729-83d7-1c23f7e0fa5d")
WRITER = "monespace.writer"
NAIMA_INVITED = Invitee("Mremi", "Naima", NAIMA.email)


def draft(**changes: object) -> InvitationDraft:
    base = InvitationDraft(
        company_number="0712.345.630",
        role_codes=(WRITER,),
        valid_from=TODAY,
        valid_until=None,
        persons=(NAIMA_INVITED,),
        message="Bienvenue dans l'équipe.",
    )
    return replace(base, **changes)  # type: ignore[arg-type]


@pytest.fixture
def gap_of_test_company(db: Session, register: FakeRegister) -> None:
    make_gap(db, register, gap=CHLOE)


def invite(db: Session, the_draft: InvitationDraft | None = None, *, who: Person = CHLOE) -> str:
    created = create_invitation(
        db,
        session_of(who),
        the_draft or draft(),
        NOW,
        public_origin=ORIGIN,
        new_id=lambda: FIXED_ID,
    )
    return created.id


@pytest.mark.usefixtures("gap_of_test_company")
def test_gap_invites_and_gets_the_acceptance_link(db: Session) -> None:
    created = create_invitation(
        db, session_of(CHLOE), draft(), NOW, public_origin=ORIGIN, new_id=lambda: FIXED_ID
    )
    assert created.link == (
        "https://monespace.test/roleinvitation/accept?invitation=927915af-2e1f-4729-83d7-1c23f7e0fa5d"
    )
    invitation = db.get(RoleInvitation, created.id)
    assert invitation is not None
    assert (invitation.company_number, invitation.valid_from, invitation.valid_until) == (
        TEST_COMPANY,
        TODAY,
        None,
    )
    assert invitation.expires_on == date(2027, 3, 2)  # the default: one year
    assert db.exec(select(RoleInvitationRole.role_code)).all() == [WRITER]
    [invitee] = db.exec(select(RoleInvitationInvitee)).all()
    assert (invitee.surname, invitee.email, invitee.accepted_by) == ("Mremi", NAIMA.email, None)


@pytest.mark.usefixtures("gap_of_test_company")
def test_each_named_person_gets_the_seeds_email_with_the_link(db: Session) -> None:
    other = Invitee("Ducoeur", "Chloé", "cdc.bis@ewbs.be")
    invitation_id = invite(db, draft(persons=(NAIMA_INVITED, other)))
    for address in (NAIMA.email, other.email):
        [mail] = mails_to(db, address)
        assert "Vous êtes invité à accepter un rôle dans une application eGov." in mail.text_body
        assert "Cliquez sur S'identifier pour voir l'invitation." in mail.text_body
        assert f"invitation={invitation_id}" in mail.text_body
        assert "Message personnel : Bienvenue dans l'équipe." in mail.text_body
        assert "Entreprise de test" in mail.text_body


@pytest.mark.usefixtures("gap_of_test_company")
def test_invitation_without_persons_is_an_open_link_and_sends_no_email(db: Session) -> None:
    invite(db, draft(persons=()))
    assert db.exec(select(RoleInvitationInvitee)).all() == []
    invitation_mails = [
        m for m in db.exec(select(OutboxMessage)).all() if "Invitation" in m.subject
    ]
    assert invitation_mails == []


@pytest.mark.usefixtures("gap_of_test_company")
def test_person_who_is_not_the_gap_cannot_invite(db: Session) -> None:
    with pytest.raises(errors.NotMainAccessManagerError):
        invite(db, who=JEAN_PIERRE)
    assert db.exec(select(RoleInvitation)).all() == []


@pytest.mark.usefixtures("gap_of_test_company")
def test_gap_cannot_invite_for_a_company_she_does_not_manage(
    db: Session, register: FakeRegister
) -> None:
    make_gap(db, register, number=BLA, representative=MARC, gap=MARC)
    with pytest.raises(errors.NotMainAccessManagerError):
        invite(db, draft(company_number=BLA))


@pytest.mark.usefixtures("gap_of_test_company")
def test_gap_with_a_low_assurance_session_cannot_invite(db: Session) -> None:
    with pytest.raises(errors.HighAssuranceRequiredError):
        create_invitation(
            db,
            session_of(CHLOE, level=LevelOfAssurance.SUBSTANTIAL),
            draft(),
            NOW,
            public_origin=ORIGIN,
        )


@pytest.mark.usefixtures("gap_of_test_company")
def test_replaced_gap_can_no_longer_invite(db: Session, register: FakeRegister) -> None:
    make_gap(db, register, gap=NAIMA, now=NOW)
    with pytest.raises(errors.NotMainAccessManagerError):
        invite(db)


@pytest.mark.parametrize(
    ("changes", "error", "field"),
    [
        ({"role_codes": ()}, errors.NoRoleChosenError, "roles"),
        ({"role_codes": ("gone.role",)}, errors.UnknownRoleError, "roles"),
        ({"valid_from": TODAY - timedelta(days=1)}, errors.ValidityStartInPastError, "valid_from"),
        ({"valid_until": TODAY}, errors.ValidityEndBeforeStartError, "valid_until"),
        (
            {"valid_until": TODAY - timedelta(days=3)},
            errors.ValidityEndBeforeStartError,
            "valid_until",
        ),
        (
            {"expires_on": date(2027, 3, 3)},
            errors.InvitationExpiryOutOfRangeError,
            "expires_on",
        ),
        (
            {"expires_on": TODAY - timedelta(days=1)},
            errors.InvitationExpiryOutOfRangeError,
            "expires_on",
        ),
        ({"message": "x" * 2001}, errors.FieldTooLongError, "message"),
        (
            {"save_as": SaveAsTemplate(name="", description="Rédacteurs")},
            errors.RequiredFieldMissingError,
            "template_name",
        ),
        (
            {"save_as": SaveAsTemplate(name="Rédacteurs", description=" ")},
            errors.RequiredFieldMissingError,
            "template_description",
        ),
    ],
)
@pytest.mark.usefixtures("gap_of_test_company")
def test_wrong_step_value_is_refused_naming_its_field(
    db: Session, changes: dict[str, object], error: type[errors.CompanyError], field: str
) -> None:
    with pytest.raises(error) as refused:
        invite(db, draft(**changes))
    assert refused.value.field == field
    assert db.exec(select(RoleInvitation)).all() == []
    assert mails_to(db, NAIMA.email) == []


@pytest.mark.parametrize(
    ("person", "error", "field"),
    [
        (Invitee("", "Naima", NAIMA.email), errors.InviteeFieldMissingError, "surname"),
        (Invitee("Mremi", " ", NAIMA.email), errors.InviteeFieldMissingError, "first_names"),
        (Invitee("Mremi", "Naima", ""), errors.InviteeFieldMissingError, "email"),
        (Invitee("x" * 201, "Naima", NAIMA.email), errors.InviteeFieldTooLongError, "surname"),
        (Invitee("Mremi", "Naima", "nmr@"), errors.InviteeEmailInvalidError, "email"),
        (Invitee("Mremi", "Naima", "NMR@ewbs.be"), errors.DuplicateInviteeError, "email"),
    ],
)
@pytest.mark.usefixtures("gap_of_test_company")
def test_wrong_person_is_refused_naming_the_field_and_the_row(
    db: Session, person: Invitee, error: type[errors.InviteeError], field: str
) -> None:
    with pytest.raises(error) as refused:
        invite(db, draft(persons=(NAIMA_INVITED, person)))
    assert (refused.value.field, refused.value.row) == (field, 2)


@pytest.mark.usefixtures("gap_of_test_company")
def test_expiry_exactly_one_year_ahead_and_a_limited_validity_are_accepted(db: Session) -> None:
    invite(
        db,
        draft(
            valid_from=TODAY + timedelta(days=2),
            valid_until=TODAY + timedelta(days=3),
            expires_on=date(2027, 3, 2),
        ),
    )
    invitation = db.get(RoleInvitation, str(FIXED_ID))
    assert invitation is not None
    assert (invitation.valid_until, invitation.expires_on) == (date(2026, 3, 5), date(2027, 3, 2))


@pytest.mark.usefixtures("gap_of_test_company")
def test_same_role_chosen_twice_is_kept_once(db: Session) -> None:
    invite(db, draft(role_codes=(WRITER, WRITER, "monespace.reader")))
    assert sorted(db.exec(select(RoleInvitationRole.role_code)).all()) == [
        "monespace.reader",
        WRITER,
    ]


@pytest.mark.usefixtures("gap_of_test_company")
def test_ticked_save_keeps_a_template_without_its_dates(db: Session) -> None:
    invite(
        db,
        draft(
            valid_until=TODAY + timedelta(days=30),
            save_as=SaveAsTemplate(name=" Rédacteurs ", description="Pour les encodeurs"),
        ),
    )
    [template] = db.exec(select(RoleInvitationTemplate)).all()
    assert (template.owner, template.name, template.description) == (
        CHLOE.national_number,
        "Rédacteurs",
        "Pour les encodeurs",
    )
    content = json.loads(template.content)
    assert content["role_codes"] == [WRITER]
    assert content["validity_days"] == 30
    assert "2026" not in template.content


@pytest.mark.usefixtures("gap_of_test_company")
def test_gap_revokes_her_invitation(db: Session) -> None:
    invitation_id = invite(db)
    revoke_invitation(db, session_of(CHLOE), invitation_id, NOW)
    invitation = db.get(RoleInvitation, invitation_id)
    assert invitation is not None
    assert invitation.revoked_at == NOW


@pytest.mark.usefixtures("gap_of_test_company")
def test_someone_else_cannot_revoke_the_invitation(db: Session) -> None:
    invitation_id = invite(db)
    with pytest.raises(errors.NotMainAccessManagerError):
        revoke_invitation(db, session_of(NAIMA), invitation_id, NOW)
    invitation = db.get(RoleInvitation, invitation_id)
    assert invitation is not None
    assert invitation.revoked_at is None
