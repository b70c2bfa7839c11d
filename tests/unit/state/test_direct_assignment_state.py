"""The direct assignment as a tab runs it (seed 001 steps 4–12): the members' search, the persons
added and removed, the company's suggestions, the steps with what was typed kept, "Modifier"
from the preview, "Terminer"; "via numéro de registre national" with a known and an unknown
person; and forged events refused by the service with nothing written."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from foundation import routes
from foundation.clock import utc_now
from foundation.i18n.catalog import catalog
from foundation.models.account import AccountStatus
from foundation.models.companies import AssignmentStatus, RoleAssignment
from identity.assurance import LevelOfAssurance
from identity.sessions import LoginIdentity
from portal.companies.dates import today
from portal.companies.invitation_form import shown_day
from state.roles.direct_assignment_state import DirectAssignmentState
from tests.unit.portal.companies.conftest import CHLOE as CHLOE_PERSON
from tests.unit.portal.companies.conftest import JEAN_PIERRE as JP
from tests.unit.portal.companies.conftest import NAIMA as NAIMA_PERSON
from tests.unit.portal.companies.conftest import FakeRegister, company, make_gap
from tests.unit.portal.visitors import log_in, open_account
from tests.unit.state.conftest import Tab, fire
from tests.unit.state.test_role_request_states import loaded

FRENCH = catalog("fr")
CHLOE = LoginIdentity(CHLOE_PERSON.national_number, "Ducoeur", "Chloé Anne", date(1979, 11, 2))
NAIMA = LoginIdentity(NAIMA_PERSON.national_number, "Mremi", "Naïma Samira", date(1986, 3, 14))
TEST_COMPANY = "0712345630"
EDITOR = "monespace.editor"
WRITER = "monespace.writer"


def assignments(engine: Engine) -> list[tuple[str, str]]:
    with Session(engine) as db:
        return [(a.surname, a.role_code) for a in db.exec(select(RoleAssignment)).all()]


@pytest.fixture
def chloe(engine: Engine) -> Tab:
    """Chloé, GAP of "Entreprise de test" where Naïma is Rédacteur, logged in with her eID."""
    register = FakeRegister(
        {TEST_COMPANY: company(TEST_COMPANY, "Entreprise de test", representative=JP)}
    )
    now = utc_now()
    with Session(engine) as db:
        make_gap(db, register, gap=CHLOE_PERSON, now=now)
        db.add(
            RoleAssignment(
                company_number=TEST_COMPANY,
                role_code=WRITER,
                national_number=NAIMA_PERSON.national_number,
                surname="Mremi",
                first_names="Naïma Samira",
                email=NAIMA_PERSON.email,
                starts_on=today(now),
                status=AssignmentStatus.ACTIVE,
                requested_at=now,
            )
        )
        db.commit()
    return person(engine, CHLOE)


def person(
    engine: Engine, identity: LoginIdentity, level: LevelOfAssurance = LevelOfAssurance.HIGH
) -> Tab:
    open_account(engine, AccountStatus.ACTIVE, identity=identity)
    kind = "eid" if level is LevelOfAssurance.HIGH else "totp"
    tab = Tab(log_in(engine, level, at=utc_now(), identity=identity, key_kind=kind))
    tab.open(routes.ROLE_DIRECT_ASSIGNMENT)
    return tab


def wizard(tab: Tab, *, by_number: bool = False) -> DirectAssignmentState:
    page = tab.page(DirectAssignmentState)
    assert fire(page, "load_by_number" if by_number else "load") is None
    return page


def search_mremi(page: DirectAssignmentState) -> None:
    fire(page, "search", {"search_surname": "mremi"})
    assert [m.surname for m in page.results] == ["Mremi"]


def test_the_five_steps_give_naima_the_role_at_once(engine: Engine, chloe: Tab) -> None:
    page = wizard(chloe)
    assert (page.step, page.company_number) == ("persons", TEST_COMPANY)
    fire(page, "search", {"search_surname": " "})  # no field filled in
    assert (page.error_field, page.error_text) == ("search", FRENCH["error.MemberSearchEmptyError"])
    search_mremi(page)
    fire(page, "add_selected")  # nothing ticked
    assert (page.error_field, page.chosen) == ("results", [])
    key = page.results[0].key
    fire(page, "tick_result", key, True)
    fire(page, "add_selected")
    fire(page, "tick_result", key, True)
    fire(page, "add_selected")  # the same person again: listed once
    assert [m.key for m in page.chosen] == [key]
    assert (page.error_text, page.ticked_results) == ("", [])
    fire(page, "next_step")
    assert page.step == "company"
    assert [c.name for c in page.companies_listed] == ["Entreprise de test"]
    fire(page, "filter_companies", "0845")
    assert page.companies_listed == []
    fire(page, "filter_companies", "")
    fire(page, "next_step")
    assert page.step == "roles"
    fire(page, "next_step")
    assert (page.step, page.error_field) == ("roles", "roles")
    fire(page, "tick_available", EDITOR, True)
    fire(page, "add_ticked")
    assert page.error_text == ""  # the refusal is answered
    fire(page, "next_step")
    assert (page.step, page.valid_from) == ("validity", shown_day(today(utc_now())))
    fire(page, "keep", "valid_from", "01/01/2020")
    fire(page, "next_step")
    assert (page.step, page.error_field) == ("validity", "valid_from")
    fire(page, "keep", "valid_from", shown_day(today(utc_now())))
    fire(page, "next_step")
    assert page.step == "preview"
    assert page.preview.roles == ("Espace Personnel Wallon - Editeur de dossiers",)

    fire(page, "edit_step", "persons")  # "Modifier": back, everything kept
    assert (page.step, [m.key for m in page.chosen]) == ("persons", [key])
    for _ in range(4):
        fire(page, "next_step")
    assert page.step == "preview"
    fire(page, "keep", "message", "Pour signer les dossiers")
    fire(page, "finish")
    assert page.step == "done"
    assert [(g.person, g.role) for g in page.granted] == [
        ("Naïma Samira Mremi", "Espace Personnel Wallon - Editeur de dossiers")
    ]
    assert assignments(engine) == [("Mremi", WRITER), ("Mremi", EDITOR)]
    fire(page, "edit_step", "roles")  # nothing to modify once done
    assert page.step == "done"


def test_a_person_removed_from_the_list_is_not_given_the_role(engine: Engine, chloe: Tab) -> None:
    page = wizard(chloe)
    search_mremi(page)
    fire(page, "tick_result", page.results[0].key, True)
    fire(page, "next_step")  # ticked but not added: added on the way
    assert page.step == "company"
    fire(page, "previous_step")
    fire(page, "remove_chosen", page.chosen[0].key)
    fire(page, "next_step")
    assert (page.step, page.error_field) == ("persons", "persons")
    assert page.error_text == FRENCH["error.NoPersonChosenError"]


def test_a_forged_terminer_from_step_one_is_refused_by_the_service(
    engine: Engine, chloe: Tab
) -> None:
    page = wizard(chloe)
    search_mremi(page)
    fire(page, "tick_result", page.results[0].key, True)
    fire(page, "add_selected")
    fire(page, "finish")  # no role chosen
    assert (page.step, page.error_text) == ("persons", FRENCH["error.NoRoleChosenError"])
    assert assignments(engine) == [("Mremi", WRITER)]


def test_naima_who_manages_nothing_is_told_so_and_cannot_give_a_role(
    engine: Engine, chloe: Tab
) -> None:
    page = wizard(person(engine, NAIMA))
    assert (page.ready, page.manages_a_company) == (True, False)
    fire(page, "tick_available", EDITOR, True)
    fire(page, "add_ticked")
    page.company_number = TEST_COMPANY  # as if a forged event had set it
    fire(page, "finish")
    assert page.error_text == FRENCH["error.NotRoleManagerError"]
    assert assignments(engine) == [("Mremi", WRITER)]


def test_below_the_eid_the_wizard_sends_to_the_eid_login(engine: Engine, chloe: Tab) -> None:
    tab = person(engine, NAIMA, LevelOfAssurance.SUBSTANTIAL)
    page = tab.page(DirectAssignmentState)
    assert loaded(fire(page, "load")) == routes.login_then(routes.ROLE_DIRECT_ASSIGNMENT, key="eid")
    assert not page.ready


def test_by_national_number_a_known_person_is_named_an_unknown_one_typed(
    engine: Engine, chloe: Tab
) -> None:
    page = wizard(chloe, by_number=True)
    fire(page, "keep", "national_number", "86.03.14-142.05")
    fire(page, "next_step")  # looked up first
    assert (page.step, page.error_field) == ("persons", "national_number")
    assert page.error_text == FRENCH["error.NationalNumberCheckError"]
    fire(page, "keep", "national_number", "86.03.14-142.04")
    fire(page, "look_up")
    assert (page.looked_up, page.known, page.person_surname) == (True, True, "Mremi")
    fire(page, "keep", "surname", "Autre")  # the name found is not typed over
    assert page.person_surname == "Mremi"
    fire(page, "keep", "national_number", "85.07.30-033.28")  # another number: found no more
    assert (page.looked_up, page.person_surname) == (False, "")
    fire(page, "look_up")
    assert (page.looked_up, page.known) == (True, False)
    fire(page, "keep", "surname", "Nouveau")
    fire(page, "keep", "first_names", "Léa")
    fire(page, "next_step")
    assert (page.step, page.error_field) == ("persons", "email")
    fire(page, "keep", "email", "lea.nouveau@example.be")
    fire(page, "next_step")
    assert (page.step, page.national_number) == ("company", "85073003328")
    fire(page, "next_step")
    fire(page, "tick_available", EDITOR, True)
    fire(page, "add_ticked")
    fire(page, "next_step")
    fire(page, "next_step")
    assert [p.surname for p in page.preview.persons] == ["Nouveau"]
    fire(page, "finish")
    assert page.step == "done"
    assert ("Nouveau", EDITOR) in assignments(engine)
