"""Direct assignment: members of the managed companies searched, a role given at once to them or
by national register number, the seed's e-mail; what is refused writes nothing."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlmodel import Session, select

from foundation.i18n.error_messages import error_text
from foundation.models.companies import AssignmentStatus, RoleAssignment
from portal.companies import assignment_errors, errors
from portal.companies.direct import (
    DirectDraft,
    Person,
    assign_by_national_number,
    assign_to_members,
    find_person,
)
from portal.companies.history import history_of
from portal.companies.members import MemberSearch, search_members
from portal.companies.national_number import NationalNumberCheckError
from portal.companies.roles import Permission, can
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
    add_account,
    mails_to,
    make_gap,
    session_of,
)
from tests.unit.portal.companies.factories import WRITER, add_assignment, name_administrator

EDITOR = "monespace.editor"
DRAFT = DirectDraft(TEST_COMPANY, (EDITOR,), valid_from=TODAY, message="Pour signer les dossiers")
NEWCOMER = Person("85073003328", "Nouveau", "Léa", "lea.nouveau@example.be")


@pytest.fixture(autouse=True)
def _companies(db: Session, register: FakeRegister) -> None:
    make_gap(db, register, gap=CHLOE)
    make_gap(db, register, number=BLA, representative=MARC, gap=MARC)


def naima_key(db: Session) -> int:
    row = add_assignment(db, role=WRITER)
    assert row.id is not None
    return row.id


def test_search_needs_one_field(db: Session) -> None:
    with pytest.raises(assignment_errors.MemberSearchEmptyError):
        search_members(db, session_of(CHLOE), MemberSearch(surname="  "), now=NOW)


def test_search_finds_members_of_managed_companies_only(db: Session) -> None:
    key = naima_key(db)
    add_assignment(db, person=MARC, company=BLA)  # a company Chloé does not manage
    [found] = search_members(db, session_of(CHLOE), MemberSearch(surname="MREM"), now=NOW).rows
    assert (found.key, found.first_names, found.company, found.shown_company_number) == (
        key,
        "Naïma Samira",
        "Entreprise de test",
        "0712.345.630",
    )
    assert search_members(db, session_of(CHLOE), MemberSearch(company="BLA"), now=NOW).total == 0
    by_company = MemberSearch(first_names="naïma", company="0712.345")
    assert search_members(db, session_of(CHLOE), by_company, now=NOW).total == 1
    assert search_members(db, session_of(MARC), MemberSearch(surname="mremi"), now=NOW).total == 0


def test_search_gives_one_row_per_person_and_company_without_rejected_requests(db: Session) -> None:
    naima_key(db)
    add_assignment(db, role="monespace.reader")
    add_assignment(db, person=MARC, status=AssignmentStatus.REJECTED)
    page = search_members(db, session_of(CHLOE), MemberSearch(email="@"), now=NOW)
    assert [m.surname for m in page.rows] == ["Mremi"]


def test_member_gets_the_role_at_once_with_history_and_mails(db: Session) -> None:
    key = naima_key(db)
    [given] = assign_to_members(db, session_of(CHLOE), (key,), DRAFT, NOW, public_origin=ORIGIN)
    db.commit()
    assert (given.status, given.decided_by, given.national_number) == (
        AssignmentStatus.ACTIVE,
        CHLOE.national_number,
        NAIMA.national_number,
    )
    assert can([given], TEST_COMPANY, Permission.SIGN, on=TODAY)
    assert given.id is not None
    lines = [(h.actor_name, h.action, h.details) for h in history_of(db, given.id)]
    assert sorted(lines) == [
        ("Automatique", "Attribution de rôle octroyée", ""),
        ("Chloé Anne Ducoeur", "Attribution directe de rôle", "Pour signer les dossiers"),
    ]
    [mail] = mails_to(db, NAIMA.email)
    assert mail.subject == "Votre attribution de rôle Editeur de dossiers est octroyée"
    assert any("Naïma Samira Mremi est octroyée" in m.subject for m in mails_to(db, CHLOE.email))


def test_forged_key_of_another_company_is_refused(db: Session) -> None:
    marcs = add_assignment(db, person=MARC, company=BLA)
    assert marcs.id is not None
    with pytest.raises(assignment_errors.NotACompanyMemberError):
        assign_to_members(db, session_of(CHLOE), (marcs.id,), DRAFT, NOW, public_origin=ORIGIN)
    with pytest.raises(assignment_errors.NoPersonChosenError):
        assign_to_members(db, session_of(CHLOE), (), DRAFT, NOW, public_origin=ORIGIN)
    assert db.exec(select(RoleAssignment).where(RoleAssignment.role_code == EDITOR)).all() == []


def test_role_already_held_is_refused_naming_the_person(db: Session) -> None:
    key = naima_key(db)
    draft = DirectDraft(TEST_COMPANY, (WRITER,), valid_from=TODAY)
    with pytest.raises(assignment_errors.RoleAlreadyHeldError) as refused:
        assign_to_members(db, session_of(CHLOE), (key,), draft, NOW, public_origin=ORIGIN)
    assert error_text("fr", refused.value).startswith("Naïma Samira Mremi a déjà ce rôle")
    assert len(db.exec(select(RoleAssignment)).all()) == 1


@pytest.mark.parametrize(
    ("draft", "refusal"),
    [
        (DirectDraft(TEST_COMPANY, (), valid_from=TODAY), errors.NoRoleChosenError),
        (DirectDraft(TEST_COMPANY, ("x.y",), valid_from=TODAY), errors.UnknownRoleError),
        (
            DirectDraft(TEST_COMPANY, (EDITOR,), valid_from=TODAY - timedelta(days=1)),
            errors.ValidityStartInPastError,
        ),
        (
            DirectDraft(TEST_COMPANY, (EDITOR,), valid_from=TODAY, valid_until=TODAY),
            errors.ValidityEndBeforeStartError,
        ),
        (DirectDraft(BLA, (EDITOR,), valid_from=TODAY), assignment_errors.NotRoleManagerError),
    ],
)
def test_wrong_draft_is_refused(db: Session, draft: DirectDraft, refusal: type[Exception]) -> None:
    key = naima_key(db)
    with pytest.raises(refusal):
        assign_to_members(db, session_of(CHLOE), (key,), draft, NOW, public_origin=ORIGIN)


def test_role_administrator_gives_a_role_and_both_managers_are_told(db: Session) -> None:
    name_administrator(db, MARC)
    key = naima_key(db)
    assign_to_members(db, session_of(MARC), (key,), DRAFT, NOW, public_origin=ORIGIN)
    for manager in (CHLOE, MARC):
        assert any("est octroyée" in m.subject for m in mails_to(db, manager.email))


def test_national_number_gives_the_role_to_someone_new(db: Session) -> None:
    assert find_person(db, session_of(CHLOE), "85.07.30-033.28", NOW) is None
    [given] = assign_by_national_number(
        db, session_of(CHLOE), NEWCOMER, DRAFT, NOW, public_origin=ORIGIN
    )
    assert (given.national_number, given.surname, given.status) == (
        "85073003328",
        "Nouveau",
        AssignmentStatus.ACTIVE,
    )
    assert len(mails_to(db, NEWCOMER.email)) == 1


def test_national_number_with_wrong_check_digits_is_refused(db: Session) -> None:
    wrong = Person("85073003329", "Nouveau", "Léa", "lea@example.be")
    with pytest.raises(NationalNumberCheckError):
        assign_by_national_number(db, session_of(CHLOE), wrong, DRAFT, NOW, public_origin=ORIGIN)
    with pytest.raises(NationalNumberCheckError):
        find_person(db, session_of(CHLOE), "85073003329", NOW)


def test_known_number_gives_the_name_from_the_account_then_an_assignment(db: Session) -> None:
    naima_key(db)
    found = find_person(db, session_of(CHLOE), NAIMA.national_number, NOW)
    assert found is not None
    assert (found.surname, found.email) == ("Mremi", NAIMA.email)
    add_account(db, MARC)
    found = find_person(db, session_of(CHLOE), MARC.national_number, NOW)
    assert found is not None
    assert (found.first_names, found.email) == ("Marc André", MARC.email)


def test_number_lookup_is_only_for_managers(db: Session) -> None:
    with pytest.raises(assignment_errors.NotRoleManagerError):
        find_person(db, session_of(NAIMA), MARC.national_number, NOW)
