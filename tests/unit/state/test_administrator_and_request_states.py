"""Role administrators, a person's own request and the invitations sent, as a tab runs them: what
each page shows after the service answered, refusals beside their field with what was typed kept,
the confirmations; and forged events (a removal or a withdrawal by someone who may not) refused
by the service with nothing changed."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from foundation import routes
from foundation.clock import utc_now
from foundation.i18n.catalog import catalog
from foundation.models.account import AccountStatus
from foundation.models.companies import RoleAssignment, RoleInvitation
from foundation.models.role_administration import RoleAdministrator
from identity.sessions import LoginIdentity
from portal.companies.dates import today
from portal.companies.invitations import InvitationDraft, Invitee, create_invitation
from state.roles.administrators_state import AdministratorsState
from state.roles.pending_invitations_state import PendingInvitationsState
from state.roles.self_request_state import SelfRequestState
from tests.unit.portal.companies.conftest import CHLOE as CHLOE_PERSON
from tests.unit.portal.companies.conftest import JEAN_PIERRE as JP
from tests.unit.portal.companies.conftest import (
    FakeRegister,
    company,
    make_gap,
    session_of,
)
from tests.unit.portal.visitors import log_in, open_account
from tests.unit.state.conftest import Tab, fire

FRENCH = catalog("fr")
CHLOE = LoginIdentity(CHLOE_PERSON.national_number, "Ducoeur", "Chloé Anne", date(1979, 11, 2))
MAROUAN = LoginIdentity("92072513331", "El Yakoubi", "Marouan", date(1992, 7, 25))
TEST_COMPANY = "0712345630"
WRITER = "monespace.writer"


@pytest.fixture
def chloe(engine: Engine) -> Tab:
    """Chloé is the GAP of "Entreprise de test" and logged in with her eID."""
    register = FakeRegister(
        {TEST_COMPANY: company(TEST_COMPANY, "Entreprise de test", representative=JP)}
    )
    with Session(engine) as db:
        make_gap(db, register, gap=CHLOE_PERSON, now=utc_now())
    return tab_of(engine, CHLOE)


def tab_of(engine: Engine, identity: LoginIdentity) -> Tab:
    open_account(engine, AccountStatus.ACTIVE, identity=identity, email="moi@example.be")
    return Tab(log_in(engine, at=utc_now(), identity=identity))


def administrators(engine: Engine) -> list[tuple[str, bool]]:
    with Session(engine) as db:
        rows = db.exec(select(RoleAdministrator)).all()
        return [(a.surname, a.removed_at is None) for a in rows]


def name_marouan(page: AdministratorsState) -> None:
    for field, value in (
        ("surname", "El Yakoubi"),
        ("first_names", "Marouan"),
        ("national_number", "92.07.25-133.31"),
        ("email", "marouan.elyakoubi@example.be"),
    ):
        fire(page, "keep", field, value)
    fire(page, "name")


def test_chloe_names_then_removes_an_administrator_after_confirming(
    engine: Engine, chloe: Tab
) -> None:
    chloe.open(routes.ROLE_ADMINISTRATORS)
    page = chloe.page(AdministratorsState)
    assert fire(page, "load") is None
    assert (page.company_number, page.company_name) == (TEST_COMPANY, "Entreprise de test")
    fire(page, "keep", "email", "marouan.elyakoubi@example.be")
    fire(page, "keep", "national_number", "92.07.25-133.32")
    fire(page, "name")
    assert (page.error_field, page.email) == ("national_number", "marouan.elyakoubi@example.be")
    assert page.error_text == FRENCH["error.NationalNumberCheckError"]
    name_marouan(page)
    assert (page.done, page.error_text, page.national_number) == ("named", "", "")
    [row] = page.administrators
    fire(page, "ask_remove", row.id + 1)  # not in the list: nothing to confirm
    assert page.confirm_remove == 0
    fire(page, "ask_remove", row.id)
    assert (page.confirm_remove, page.removing_name) == (row.id, "Marouan El Yakoubi")
    fire(page, "cancel_remove")
    assert administrators(engine) == [("El Yakoubi", True)]
    fire(page, "ask_remove", row.id)
    fire(page, "remove", row.id)
    assert (page.done, page.administrators, page.confirm_remove) == ("removed", [], 0)
    assert administrators(engine) == [("El Yakoubi", False)]


def test_an_administrator_is_not_the_gap_and_a_forged_removal_is_refused(
    engine: Engine, chloe: Tab
) -> None:
    page = chloe.page(AdministratorsState)
    fire(page, "load")
    name_marouan(page)
    marouan_id = page.administrators[0].id
    marouan = tab_of(engine, MAROUAN).page(AdministratorsState)
    fire(marouan, "load")
    assert (marouan.ready, marouan.company_number) == (True, "")  # GAP of nothing
    fire(marouan, "remove", marouan_id)  # forged: no such button on his page
    assert marouan.error_text == FRENCH["error.NotMainAccessManagerError"]
    assert administrators(engine) == [("El Yakoubi", True)]


def test_a_request_refused_beside_its_field_then_sent(engine: Engine, chloe: Tab) -> None:
    tab = tab_of(engine, MAROUAN)
    tab.open(routes.ROLE_SELF_REQUEST)
    page = tab.page(SelfRequestState)
    assert fire(page, "load") is None
    assert (page.email, page.valid_from) == ("moi@example.be", shown_today())
    fire(page, "keep", "company_number", "0712.345.631")
    fire(page, "send")
    assert (page.error_field, page.error_text) == (
        "company_number",
        FRENCH["error.CompanyNumberCheckError"],
    )
    fire(page, "keep", "company_number", "0712.345.630")
    fire(page, "send")
    assert page.error_field == "roles"
    fire(page, "tick_available", WRITER, True)
    fire(page, "add_ticked")
    assert page.error_text == ""
    fire(page, "keep", "message", "Pour rédiger les dossiers")
    fire(page, "send")
    assert (page.sent, page.sent_company) == (True, "Entreprise de test (0712.345.630)")
    assert page.sent_roles == ["Espace Personnel Wallon - Rédacteur de dossiers"]
    with Session(engine) as db:
        [asked] = db.exec(select(RoleAssignment)).all()
        assert (asked.surname, asked.status) == ("El Yakoubi", "requested")


def shown_today() -> str:
    return today(utc_now()).strftime("%d/%m/%Y")


def invitation(engine: Engine) -> str:
    with Session(engine) as db:
        created = create_invitation(
            db,
            session_of(CHLOE_PERSON, at=utc_now()),
            InvitationDraft(
                company_number=TEST_COMPANY,
                role_codes=(WRITER,),
                valid_from=today(utc_now()),
                persons=(Invitee("Mremi", "Naïma", "nmr@ewbs.be"),),
            ),
            utc_now(),
            public_origin="https://monespace.test",
        )
        db.commit()
        return created.id


def revoked(engine: Engine, invitation_id: str) -> bool:
    with Session(engine) as db:
        found = db.get(RoleInvitation, invitation_id)
        assert found is not None
        return found.revoked_at is not None


def test_an_invitation_sent_is_sent_again_then_withdrawn_after_confirming(
    engine: Engine, chloe: Tab
) -> None:
    link = invitation(engine)
    page = chloe.page(PendingInvitationsState)
    assert fire(page, "load") is None
    [sent] = page.sent
    assert (sent.roles, sent.persons) == ("Rédacteur de dossiers", "Naïma Mremi (nmr@ewbs.be)")
    fire(page, "resend", link)
    assert (page.done, page.resent_to) == ("resent", 1)
    fire(page, "ask_revoke", link)
    assert page.confirm_revoke == link
    fire(page, "cancel_revoke")
    assert not revoked(engine, link)
    fire(page, "ask_revoke", link)
    fire(page, "revoke", link)
    assert (page.done, page.sent, page.confirm_revoke) == ("revoked", [], "")
    assert revoked(engine, link)


def test_a_forged_withdrawal_by_someone_else_is_refused(engine: Engine, chloe: Tab) -> None:
    link = invitation(engine)
    page = tab_of(engine, MAROUAN).page(PendingInvitationsState)
    fire(page, "load")
    assert page.sent == []
    fire(page, "revoke", link)
    assert page.error_text == FRENCH["error.NotRoleManagerError"]
    fire(page, "resend", link)
    assert page.error_text == FRENCH["error.NotRoleManagerError"]
    assert not revoked(engine, link)
