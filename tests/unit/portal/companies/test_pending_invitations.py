"""Invitations sent but not accepted: listed for the company's managers, sent again to whoever
has not accepted, withdrawn so that the link stops working at once."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlmodel import Session

from portal.companies import assignment_errors, errors
from portal.companies.acceptance import accept, invitation_overview
from portal.companies.invitations import (
    InvitationDraft,
    Invitee,
    create_invitation,
    revoke_invitation,
)
from portal.companies.pending_invitations import pending_invitations, resend_invitation
from tests.unit.portal.companies.conftest import (
    CHLOE,
    MARC,
    NAIMA,
    NOW,
    ORIGIN,
    TEST_COMPANY,
    TODAY,
    FakeRegister,
    mails_to,
    make_gap,
    session_of,
)
from tests.unit.portal.companies.factories import READER, WRITER, name_administrator

TWO = (
    Invitee(NAIMA.surname, "Naïma", NAIMA.email),
    Invitee(MARC.surname, "Marc", MARC.email),
)


@pytest.fixture(autouse=True)
def _company(db: Session, register: FakeRegister) -> None:
    make_gap(db, register, gap=CHLOE)


def invite(db: Session, persons: tuple[Invitee, ...] = TWO, days: int = 30) -> str:
    draft = InvitationDraft(
        TEST_COMPANY,
        (WRITER, READER),
        valid_from=TODAY,
        persons=persons,
        expires_on=TODAY + timedelta(days=days),
    )
    created = create_invitation(db, session_of(CHLOE), draft, NOW, public_origin=ORIGIN)
    db.commit()
    return created.id


def listed(db: Session, days_later: int = 0) -> list[str]:
    moment = NOW + timedelta(days=days_later)
    found = pending_invitations(
        db, session_of(CHLOE, at=moment), TEST_COMPANY, moment, public_origin=ORIGIN
    )
    return [p.id for p in found]


def test_pending_invitation_is_listed_with_its_roles_and_persons(db: Session) -> None:
    invitation_id = invite(db)
    [pending] = pending_invitations(db, session_of(CHLOE), TEST_COMPANY, NOW, public_origin=ORIGIN)
    assert pending.link == f"{ORIGIN}/roleinvitation/accept?invitation={invitation_id}"
    assert pending.roles == ("Relecteur de dossiers", "Rédacteur de dossiers")
    assert [(i.email, i.accepted) for i in pending.invited] == [
        (NAIMA.email, False),
        (MARC.email, False),
    ]


def test_invitation_leaves_the_list_when_everyone_accepted_expired_or_withdrawn(
    db: Session,
) -> None:
    everyone = invite(db, TWO[:1])
    expiring = invite(db, days=3)
    withdrawn = invite(db)
    open_link = invite(db, ())
    accept(db, session_of(NAIMA), everyone, NAIMA.email, NOW, public_origin=ORIGIN)
    revoke_invitation(db, session_of(CHLOE), withdrawn, NOW)
    assert set(listed(db)) == {expiring, open_link}
    assert set(listed(db, days_later=4)) == {open_link}


def test_resend_mails_those_who_have_not_accepted(db: Session) -> None:
    invitation_id = invite(db)
    accept(db, session_of(NAIMA), invitation_id, NAIMA.email, NOW, public_origin=ORIGIN)
    assert resend_invitation(db, session_of(CHLOE), invitation_id, NOW, public_origin=ORIGIN) == 1
    assert len([m for m in mails_to(db, MARC.email) if "Invitation" in m.subject]) == 2
    assert len([m for m in mails_to(db, NAIMA.email) if "Invitation" in m.subject]) == 1


def test_resend_is_refused_without_anyone_left_or_after_withdrawal(db: Session) -> None:
    open_link = invite(db, ())
    with pytest.raises(assignment_errors.NobodyToRemindError):
        resend_invitation(db, session_of(CHLOE), open_link, NOW, public_origin=ORIGIN)
    withdrawn = invite(db)
    revoke_invitation(db, session_of(CHLOE), withdrawn, NOW)
    with pytest.raises(errors.InvitationRevokedError):
        resend_invitation(db, session_of(CHLOE), withdrawn, NOW, public_origin=ORIGIN)
    expired = invite(db, days=1)
    later = NOW + timedelta(days=2)
    with pytest.raises(errors.InvitationExpiredError):
        resend_invitation(db, session_of(CHLOE, at=later), expired, later, public_origin=ORIGIN)


def test_withdrawn_link_stops_working_at_once(db: Session) -> None:
    invitation_id = invite(db)
    revoke_invitation(db, session_of(CHLOE), invitation_id, NOW)
    with pytest.raises(errors.InvitationRevokedError):
        invitation_overview(db, invitation_id, NOW)
    with pytest.raises(errors.InvitationRevokedError):
        accept(db, session_of(MARC), invitation_id, MARC.email, NOW, public_origin=ORIGIN)


def test_role_administrator_lists_resends_and_withdraws(db: Session) -> None:
    name_administrator(db, MARC)
    invitation_id = invite(db)
    assert [
        p.id
        for p in pending_invitations(db, session_of(MARC), TEST_COMPANY, NOW, public_origin=ORIGIN)
    ] == [invitation_id]
    assert resend_invitation(db, session_of(MARC), invitation_id, NOW, public_origin=ORIGIN) == 2
    revoke_invitation(db, session_of(MARC), invitation_id, NOW)


def test_someone_else_is_refused(db: Session) -> None:
    invitation_id = invite(db)
    with pytest.raises(assignment_errors.NotRoleManagerError):
        pending_invitations(db, session_of(NAIMA), TEST_COMPANY, NOW, public_origin=ORIGIN)
    with pytest.raises(assignment_errors.NotRoleManagerError):
        resend_invitation(db, session_of(NAIMA), invitation_id, NOW, public_origin=ORIGIN)
    with pytest.raises(errors.InvitationUnknownError):
        resend_invitation(db, session_of(CHLOE), "nope", NOW, public_origin=ORIGIN)
