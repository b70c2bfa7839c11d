"""What the direct assignment's pages run, as units of work on a SQLite file: the entry, the
members' search, the look-up of a national number, each step's check, the preview, "Terminer";
a forged "Terminer" that skips a step or names someone else is refused and writes nothing."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session

from identity.assurance import LevelOfAssurance
from portal.companies import assignment_errors, direct_visits, errors
from portal.companies.direct_form import CompanyOption, DirectForm, DirectStep, companies_shown
from portal.companies.members import MemberSearch
from portal.companies.national_number import NationalNumberCheckError
from tests.unit.portal.companies.conftest import (
    BLA,
    CHLOE,
    MARC,
    NAIMA,
    NOW,
    ORIGIN,
    TEST_COMPANY,
    FakeRegister,
    mails_to,
    make_gap,
)
from tests.unit.portal.companies.factories import add_assignment
from tests.unit.portal.companies.page_sessions import database_file, log_in, statuses

EDITOR = "monespace.editor"
TODAY_SHOWN = "02/03/2026"


@pytest.fixture
def bound(tmp_path: Path, register: FakeRegister) -> Iterator[Engine]:
    """Chloé is the GAP of "Entreprise de test", where Naïma has a role; Marc of BLA."""
    with database_file(tmp_path) as engine:
        with Session(engine) as db:
            make_gap(db, register, gap=CHLOE)
            make_gap(db, register, number=BLA, representative=MARC, gap=MARC)
            add_assignment(db)
        yield engine


def naima_key(engine: Engine) -> int:
    page = direct_visits.search(
        log_in(engine, CHLOE), MemberSearch(surname="mremi"), now=NOW, bind=engine
    )
    return page.rows[0].key


def full_form(key: int) -> DirectForm:
    return DirectForm(
        member_keys=(key,),
        company_number=TEST_COMPANY,
        role_codes=(EDITOR,),
        valid_from=TODAY_SHOWN,
        message="Pour signer les dossiers",
    )


def test_the_entry_lists_the_managed_companies_and_starts_today(bound: Engine) -> None:
    started = direct_visits.open_direct(log_in(bound, CHLOE), now=NOW, bind=bound)
    assert [c.name for c in started.companies] == ["Entreprise de test"]
    assert (started.form.company_number, started.form.valid_from) == (TEST_COMPANY, TODAY_SHOWN)
    with pytest.raises(errors.HighAssuranceRequiredError):
        direct_visits.open_direct(
            log_in(bound, CHLOE, LevelOfAssurance.SUBSTANTIAL), now=NOW, bind=bound
        )


def test_each_step_is_checked_before_the_next(bound: Engine) -> None:
    session = log_in(bound, CHLOE)

    def check(step: DirectStep, form: DirectForm) -> DirectForm:
        return direct_visits.check_step(session, False, step, form, now=NOW, bind=bound)

    with pytest.raises(assignment_errors.NoPersonChosenError):
        check(DirectStep.PERSONS, DirectForm())
    with pytest.raises(errors.NoCompanyChosenError):
        check(DirectStep.COMPANY, DirectForm())
    with pytest.raises(assignment_errors.NotRoleManagerError):
        check(DirectStep.COMPANY, DirectForm(company_number=BLA))
    with pytest.raises(errors.NoRoleChosenError):
        check(DirectStep.ROLES, DirectForm())
    assert check(DirectStep.ROLES, DirectForm(role_codes=(EDITOR, EDITOR))).role_codes == (EDITOR,)
    with pytest.raises(errors.DateInvalidError):
        check(DirectStep.VALIDITY, DirectForm(valid_from="31/02/2026"))
    with pytest.raises(errors.ValidityStartInPastError):
        check(DirectStep.VALIDITY, DirectForm(valid_from="01/03/2026"))
    assert check(DirectStep.PERSONS, DirectForm(member_keys=(naima_key(bound),))).member_keys


def test_the_preview_then_terminer_give_the_role_at_once(bound: Engine) -> None:
    session, form = log_in(bound, CHLOE), full_form(naima_key(bound))
    shown = direct_visits.preview(session, False, form, now=NOW, bind=bound)
    assert (shown.company, shown.roles, shown.valid_from, shown.valid_until) == (
        "Entreprise de test",
        ("Espace Personnel Wallon - Editeur de dossiers",),
        TODAY_SHOWN,
        "",
    )
    assert [(p.surname, p.email) for p in shown.persons] == [("Mremi", NAIMA.email)]
    assert statuses(bound) == ["active"]  # the preview writes nothing
    granted = direct_visits.finish(session, False, form, now=NOW, public_origin=ORIGIN, bind=bound)
    assert granted == (
        direct_visits.Granted(
            "Naïma Samira Mremi", "Espace Personnel Wallon - Editeur de dossiers"
        ),
    )
    assert statuses(bound) == ["active", "active"]
    with Session(bound) as db:
        assert mails_to(db, NAIMA.email)


def test_a_forged_terminer_is_refused_and_writes_nothing(bound: Engine) -> None:
    key = naima_key(bound)
    chloe, marc = log_in(bound, CHLOE), log_in(bound, MARC)
    for session, form, refusal in (
        (chloe, replace(full_form(key), role_codes=()), errors.NoRoleChosenError),
        (
            chloe,
            replace(full_form(key), member_keys=(key + 99,)),
            assignment_errors.NotACompanyMemberError,
        ),
        (marc, full_form(key), assignment_errors.NotRoleManagerError),  # not Chloé's company
        (
            marc,
            replace(full_form(key), company_number=BLA),
            assignment_errors.NotACompanyMemberError,
        ),
    ):
        with pytest.raises(refusal):
            direct_visits.finish(session, False, form, now=NOW, public_origin=ORIGIN, bind=bound)
    assert statuses(bound) == ["active"]


def test_by_national_number_the_known_name_is_found_and_an_unknown_one_typed(
    bound: Engine,
) -> None:
    session = log_in(bound, CHLOE)
    found = direct_visits.look_up(session, "86.03.14-142.04", now=NOW, bind=bound)
    assert found is not None
    assert (found.surname, found.email) == ("Mremi", NAIMA.email)
    assert direct_visits.look_up(session, "85.07.30-033.28", now=NOW, bind=bound) is None
    with pytest.raises(NationalNumberCheckError):
        direct_visits.look_up(session, "85.07.30-033.29", now=NOW, bind=bound)
    with pytest.raises(assignment_errors.NotRoleManagerError):  # manages nothing
        direct_visits.look_up(log_in(bound, NAIMA), "85.07.30-033.28", now=NOW, bind=bound)

    typed = DirectForm(national_number="85.07.30-033.28", surname="Nouveau", first_names="Léa")
    with pytest.raises(errors.ContactEmailInvalidError):
        direct_visits.check_step(session, True, DirectStep.PERSONS, typed, now=NOW, bind=bound)
    typed = replace(typed, email=" lea.nouveau@example.be ")
    checked = direct_visits.check_step(
        session, True, DirectStep.PERSONS, typed, now=NOW, bind=bound
    )
    assert (checked.national_number, checked.email) == ("85073003328", "lea.nouveau@example.be")
    form = replace(full_form(0), member_keys=(), national_number=checked.national_number)
    form = replace(form, surname="Nouveau", first_names="Léa", email=checked.email)
    [granted] = direct_visits.finish(session, True, form, now=NOW, public_origin=ORIGIN, bind=bound)
    assert granted.person == "Léa Nouveau"


def test_step_two_shows_the_suggestions_or_every_managed_company() -> None:
    managed = (
        CompanyOption(BLA, "0845.059.050", "BLA"),
        CompanyOption(TEST_COMPANY, "0712.345.630", "Entreprise de test"),
    )
    assert companies_shown(managed, (TEST_COMPANY,), suggestions=True) == managed[1:]
    assert companies_shown(managed, (TEST_COMPANY,), suggestions=False) == managed
    assert companies_shown(managed, (), suggestions=False, search="0845.05") == managed[:1]
    assert companies_shown(managed, (), suggestions=False, search="test") == managed[1:]
    assert companies_shown(managed, (), suggestions=False, search="0999") == ()
