"""The roles section's e-mails, French only until issue #18, are in each recipient's language: an
account's, found by national number or, for an invitee, by address; for someone without an
account, the language of the inviting page, else the acting person's; a job's, the default."""

from __future__ import annotations

import uuid
from datetime import date, timedelta

import pytest
from sqlmodel import Session, select

from foundation.models.account import Account
from portal.companies.expiry import stop_ended_assignments
from portal.companies.invitations import InvitationDraft, Invitee, create_invitation
from portal.companies.pending_invitations import resend_invitation
from portal.companies.transitions import stop
from tests.unit.portal.companies.conftest import (
    CHLOE,
    JEAN_PIERRE,
    NAIMA,
    NOW,
    ORIGIN,
    TODAY,
    FakeRegister,
    Person,
    add_account,
    mails_to,
    make_gap,
    session_of,
)
from tests.unit.portal.companies.factories import add_assignment

INVITED_FR = "Invitation à accepter un rôle dans une application eGov"
INVITED_DE = "Einladung zur Annahme einer Rolle in einer eGov-Anwendung"
INVITED_EN = "Invitation to accept a role in an eGov application"
INVITED_NL = "Uitnodiging om een rol te aanvaarden in een eGov-toepassing"


def reads(db: Session, person: Person, language: str) -> None:
    """``person`` has an account, in ``language``."""
    add_account(db, person)
    account = db.exec(
        select(Account).where(Account.national_number == person.national_number)
    ).one()
    account.language = language
    db.add(account)
    db.commit()


def invite(db: Session, *, page_language: str | None) -> str:
    created = create_invitation(
        db,
        session_of(CHLOE),
        InvitationDraft(
            company_number="0712.345.630",
            role_codes=("monespace.writer",),
            valid_from=TODAY,
            valid_until=None,
            persons=(Invitee("Mremi", "Naima", NAIMA.email),),
            message="Willkommen im Team.",
        ),
        NOW,
        public_origin=ORIGIN,
        page_language=page_language,
        new_id=uuid.uuid4,
    )
    db.commit()
    return created.id


@pytest.fixture
def company(db: Session, register: FakeRegister) -> None:
    make_gap(db, register, gap=CHLOE)


@pytest.mark.usefixtures("company")
def test_an_invitee_without_an_account_reads_the_inviting_pages_language(db: Session) -> None:
    invitation_id = invite(db, page_language="de")
    [mail] = mails_to(db, NAIMA.email)
    assert mail.subject == INVITED_DE
    assert "Persönliche Nachricht: Willkommen im Team." in mail.text_body
    assert f"Anmelden: {ORIGIN}/roleinvitation/accept?invitation={invitation_id}" in (
        mail.text_body
    )
    assert '<html lang="de">' in (mail.html_body or "")
    # "Renvoyer" from a Dutch page: the reminder is in Dutch.
    resend_invitation(
        db, session_of(CHLOE), invitation_id, NOW, public_origin=ORIGIN, page_language="nl"
    )
    assert mails_to(db, NAIMA.email)[-1].subject == INVITED_NL


@pytest.mark.usefixtures("company")
def test_an_invitee_with_an_account_reads_their_own_language(db: Session) -> None:
    reads(db, NAIMA, "en")
    invite(db, page_language="de")
    assert [m.subject for m in mails_to(db, NAIMA.email)] == [INVITED_EN]


@pytest.mark.usefixtures("company")
def test_without_a_page_the_inviters_language_then_the_default(db: Session) -> None:
    invite(db, page_language=None)
    assert mails_to(db, NAIMA.email)[-1].subject == INVITED_FR
    reads(db, CHLOE, "nl")
    invite(db, page_language=None)
    assert mails_to(db, NAIMA.email)[-1].subject == INVITED_NL


def test_the_gap_and_the_representative_each_read_their_own(
    db: Session, register: FakeRegister
) -> None:
    reads(db, CHLOE, "nl")
    reads(db, JEAN_PIERRE, "en")
    make_gap(db, register, gap=CHLOE)
    [to_gap] = mails_to(db, CHLOE.email)
    assert to_gap.subject == "U bent aangewezen als hoofdtoegangsbeheerder van “Entreprise de test”"
    assert to_gap.text_body.startswith("Geachte mevrouw, geachte heer,\n\n")
    assert to_gap.text_body.endswith("Met vriendelijke groeten,\n\nHet Mon Espace-team\n")
    [to_representative] = mails_to(db, JEAN_PIERRE.email)
    assert to_representative.subject == (
        "Designation of the main access manager of “Entreprise de test”"
    )


@pytest.mark.usefixtures("company")
def test_a_changed_assignment_is_told_in_the_holders_language(db: Session) -> None:
    reads(db, NAIMA, "de")
    row = add_assignment(db)
    assert row.id is not None
    stop(db, session_of(CHLOE), row.id, NOW, public_origin=ORIGIN)
    db.commit()
    [mail] = mails_to(db, NAIMA.email)
    assert mail.subject == "Änderung Ihrer Rollenzuweisung Rédacteur de dossiers"
    for line in (
        "Die Rollenzuweisung wurde ausgesetzt",
        "Gültigkeitsdauer: 02/03/2026 - Unbefristet",
        "Unternehmen: „Entreprise de test“, 0712345630",
        "Genehmigende Person: Chloé Anne Ducoeur",
    ):
        assert f"\n{line}\n" in mail.text_body


@pytest.mark.usefixtures("company")
def test_the_hourly_job_writes_in_the_holders_language(db: Session) -> None:
    reads(db, NAIMA, "en")
    add_assignment(db, ends_on=date(2026, 3, 10))
    stop_ended_assignments(db, NOW + timedelta(days=10))
    db.commit()
    [mail] = mails_to(db, NAIMA.email)
    assert mail.subject == "Your role assignment Rédacteur de dossiers has expired"
    assert "ended on 10/03/2026." in mail.text_body
