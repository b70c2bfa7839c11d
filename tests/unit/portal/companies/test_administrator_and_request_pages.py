"""What the pages of role administrators, of a person's own request and of the invitations sent
run, as units of work on a SQLite file: only the GAP names and removes administrators, a
request reaches the company's managers, an invitation is sent again or withdrawn by them only."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session

from identity.assurance import LevelOfAssurance
from portal.companies import (
    administrator_visits,
    assignment_errors,
    errors,
    pending_invitation_visits,
    self_request_visits,
    task_visits,
)
from portal.companies.administrators import AdministratorDetails
from portal.companies.company_number import CompanyNumberCheckError
from portal.companies.invitations import InvitationDraft, Invitee, create_invitation
from portal.companies.self_request_visits import SelfRequestForm
from tests.unit.portal.companies.conftest import (
    BLA,
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
from tests.unit.portal.companies.page_sessions import database_file, log_in, statuses

MARC_AS_ADMINISTRATOR = AdministratorDetails(
    "71.02.08-015.86", MARC.surname, MARC.first_names, MARC.email
)
WRITER = "monespace.writer"


@pytest.fixture
def bound(tmp_path: Path, register: FakeRegister) -> Iterator[Engine]:
    """Chloé is the GAP of "Entreprise de test"; Marc of BLA."""
    with database_file(tmp_path) as engine:
        with Session(engine) as db:
            make_gap(db, register, gap=CHLOE)
            make_gap(db, register, number=BLA, representative=MARC, gap=MARC)
        yield engine


def name_marc(engine: Engine) -> int:
    [row] = administrator_visits.name(
        log_in(engine, CHLOE),
        TEST_COMPANY,
        MARC_AS_ADMINISTRATOR,
        now=NOW,
        public_origin=ORIGIN,
        bind=engine,
    )
    return row.id


# Role administrators


def test_the_gap_names_and_removes_an_administrator(bound: Engine) -> None:
    chloe = log_in(bound, CHLOE)
    opened = administrator_visits.open_administrators(chloe, now=NOW, bind=bound)
    assert ([c.name for c in opened.companies], opened.company_number) == (
        ["Entreprise de test"],
        TEST_COMPANY,
    )
    assert opened.administrators == ()
    marc = name_marc(bound)
    shown = administrator_visits.open_administrators(chloe, "0712.345.630", now=NOW, bind=bound)
    assert [(a.surname, a.named_on) for a in shown.administrators] == [("Lhoest", "02/03/2026")]
    assert administrator_visits.remove(chloe, marc, now=NOW, bind=bound) == ()
    with pytest.raises(assignment_errors.RoleAdministratorNotFoundError):  # a second tab
        administrator_visits.remove(chloe, marc, now=NOW, bind=bound)
    with Session(bound) as db:
        subjects = [m.subject for m in mails_to(db, MARC.email)][1:]  # after his own designation
    assert len(set(subjects)) == 2  # named, then removed


def test_only_the_gap_sees_names_or_removes_administrators(bound: Engine) -> None:
    marc_id = name_marc(bound)
    marc = log_in(bound, MARC)  # an administrator of Chloé's company, GAP of BLA
    with pytest.raises(errors.NotMainAccessManagerError):
        administrator_visits.open_administrators(marc, TEST_COMPANY, now=NOW, bind=bound)
    with pytest.raises(errors.NotMainAccessManagerError):
        administrator_visits.remove(marc, marc_id, now=NOW, bind=bound)
    naima = AdministratorDetails("86031414204", NAIMA.surname, NAIMA.first_names, NAIMA.email)
    with pytest.raises(errors.NotMainAccessManagerError):
        administrator_visits.name(
            marc, TEST_COMPANY, naima, now=NOW, public_origin=ORIGIN, bind=bound
        )
    with pytest.raises(CompanyNumberCheckError):
        administrator_visits.open_administrators(marc, "0712.345.631", now=NOW, bind=bound)
    lower = log_in(bound, CHLOE, LevelOfAssurance.SUBSTANTIAL)
    with pytest.raises(errors.HighAssuranceRequiredError):
        administrator_visits.open_administrators(lower, now=NOW, bind=bound)
    # Naïma manages nothing: no company, nothing listed.
    nobody = administrator_visits.open_administrators(log_in(bound, NAIMA), now=NOW, bind=bound)
    assert (nobody.companies, nobody.company_number, nobody.administrators) == ((), "", ())


# A person's own request


def request_form() -> SelfRequestForm:
    return SelfRequestForm(
        company_number="0712.345.630",
        role_codes=(WRITER,),
        valid_from="02/03/2026",
        message="Pour rédiger les dossiers",
    )


def test_a_request_lands_in_the_open_tasks_of_the_gap_and_the_administrators(
    bound: Engine,
) -> None:
    name_marc(bound)
    naima = log_in(bound, NAIMA)
    opened = self_request_visits.open_self_request(naima, now=NOW, bind=bound)
    assert (opened.form.valid_from, opened.form.email) == ("02/03/2026", NAIMA.email)
    sent = self_request_visits.send(
        naima, request_form(), now=NOW, public_origin=ORIGIN, bind=bound
    )
    assert sent == self_request_visits.SentRequest(
        "Entreprise de test (0712.345.630)",
        ("Espace Personnel Wallon - Rédacteur de dossiers",),
        NAIMA.email,
    )
    for manager in (CHLOE, MARC):
        tasks = task_visits.open_tasks(log_in(bound, manager), now=NOW, bind=bound)
        assert tasks.page.total == 1


def test_a_request_is_refused_below_the_eid_and_for_a_company_without_gap(bound: Engine) -> None:
    lower = log_in(bound, NAIMA, LevelOfAssurance.SUBSTANTIAL)
    with pytest.raises(errors.HighAssuranceRequiredError):
        self_request_visits.open_self_request(lower, now=NOW, bind=bound)
    naima = log_in(bound, NAIMA)
    for form, refusal in (
        (replace(request_form(), company_number="0201.234.517"), "CompanyNotManagedHereError"),
        (replace(request_form(), role_codes=()), "NoRoleChosenError"),
        (replace(request_form(), unlimited=False, valid_until="1/1/2026"), "ValidityEnd"),
        (replace(request_form(), valid_from="demain"), "DateInvalidError"),
    ):
        with pytest.raises(errors.CompanyError) as refused:
            self_request_visits.send(naima, form, now=NOW, public_origin=ORIGIN, bind=bound)
        assert type(refused.value).__name__.startswith(refusal)
    assert statuses(bound) == []


# Invitations sent and not accepted


def invite(engine: Engine) -> str:
    with Session(engine) as db:
        created = create_invitation(
            db,
            session_of(CHLOE),
            InvitationDraft(
                company_number=TEST_COMPANY,
                role_codes=(WRITER,),
                valid_from=TODAY,
                persons=(Invitee(NAIMA.surname, "Naïma", NAIMA.email),),
            ),
            NOW,
            public_origin=ORIGIN,
        )
        db.commit()
        return created.id


def test_invitations_sent_are_listed_sent_again_and_withdrawn(bound: Engine) -> None:
    invitation = invite(bound)
    chloe = log_in(bound, CHLOE)
    [sent] = pending_invitation_visits.open_pending(
        chloe, now=NOW, public_origin=ORIGIN, bind=bound
    )
    assert (sent.id, sent.company, sent.roles, sent.waiting) == (
        invitation,
        "Entreprise de test",
        "Rédacteur de dossiers",
        1,
    )
    assert sent.persons == f"Naïma Mremi ({NAIMA.email})"
    assert (sent.sent_on, sent.expires_on) == ("02/03/2026", "02/03/2027")
    again = pending_invitation_visits.resend(
        chloe, invitation, now=NOW, public_origin=ORIGIN, bind=bound
    )
    assert again == 1
    with Session(bound) as db:
        assert len(mails_to(db, NAIMA.email)) == 2

    marc = log_in(bound, MARC)  # GAP of another company
    assert (
        pending_invitation_visits.open_pending(marc, now=NOW, public_origin=ORIGIN, bind=bound)
        == ()
    )
    with pytest.raises(assignment_errors.NotRoleManagerError):
        pending_invitation_visits.revoke(
            marc, invitation, now=NOW, public_origin=ORIGIN, bind=bound
        )
    left = pending_invitation_visits.revoke(
        chloe, invitation, now=NOW, public_origin=ORIGIN, bind=bound
    )
    assert left == ()
    with pytest.raises(errors.InvitationRevokedError):
        pending_invitation_visits.resend(
            chloe, invitation, now=NOW, public_origin=ORIGIN, bind=bound
        )
