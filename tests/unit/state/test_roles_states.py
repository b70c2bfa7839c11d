"""The pages of "Ma gestion des rôles eGov" as a tab runs them, forged events included: the home
with and without a login, the designation of a GAP refused below the high level, to someone who
is not a legal representative, and when "Confirmer" comes without "Enregistrer mon entreprise"."""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
from reflex_base.event import EventSpec
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from foundation import routes
from foundation.clock import utc_now
from foundation.i18n.catalog import catalog
from foundation.models.account import AccountStatus
from foundation.models.companies import Company, MainAccessManager
from foundation.models.outbox import OutboxMessage
from identity.assurance import LevelOfAssurance
from identity.sessions import LoginIdentity
from state.roles import gap_designation_state
from state.roles.gap_designation_state import GapDesignationState
from state.roles.home_state import RolesHomeState
from tests.unit.portal.companies.conftest import JEAN_PIERRE as JP
from tests.unit.portal.companies.conftest import FakeRegister, company
from tests.unit.portal.visitors import log_in, open_account
from tests.unit.state.conftest import Tab, fire

FRENCH = catalog("fr")
JEAN_PIERRE = LoginIdentity(JP.national_number, JP.surname, JP.first_names, date(1968, 9, 17))
CHLOE = LoginIdentity("79110221605", "Ducoeur", "Chloé Anne", date(1979, 11, 2))
TEST_COMPANY = "0712345630"
OTHER_PERSON = {
    "surname": "Ducoeur",
    "first_names": "Chloé",
    "national_number": "79.11.02-216.05",
    "email": "direction@entreprise-de-test.example",
    "phone": "+32 81 12 34 56",
}


@pytest.fixture(autouse=True)
def register(monkeypatch: pytest.MonkeyPatch) -> FakeRegister:
    """The page's register, in memory: Jean-Pierre represents "Entreprise de test"."""
    fake = FakeRegister(
        {TEST_COMPANY: company(TEST_COMPANY, "Entreprise de test", representative=JP)}
    )
    monkeypatch.setattr(gap_designation_state, "company_register", lambda: fake)
    return fake


def person(engine: Engine, identity: LoginIdentity, level: LevelOfAssurance) -> Tab:
    open_account(engine, AccountStatus.ACTIVE, identity=identity)
    kind = "eid" if level is LevelOfAssurance.HIGH else "totp"
    return Tab(log_in(engine, level, at=utc_now(), identity=identity, key_kind=kind))


def loaded(outcome: object) -> str:
    """Where a full page load (``load_page``) a handler returned leads ("" for anything else)."""
    if not isinstance(outcome, EventSpec) or outcome.handler.fn.__qualname__ != "_call_script":
        return ""
    found = re.search(r'window\.location\.assign\("([^"]*)"\)', str(outcome.args))
    return found.group(1) if found else ""


def written(engine: Engine) -> tuple[int, int, int]:
    with Session(engine) as db:
        return (
            len(db.exec(select(Company)).all()),
            len(db.exec(select(MainAccessManager)).all()),
            len(db.exec(select(OutboxMessage)).all()),
        )


def test_the_home_without_a_login_offers_to_identify(engine: Engine) -> None:
    home = Tab().page(RolesHomeState)
    assert fire(home, "load") is None
    assert home.checked
    assert not home.identified


def test_the_home_with_a_login_elsewhere_in_the_portal_is_identified(engine: Engine) -> None:
    home = person(engine, CHLOE, LevelOfAssurance.SUBSTANTIAL).page(RolesHomeState)
    assert fire(home, "load") is None
    assert home.identified
    assert home.requests_to_decide == 0


def test_below_the_high_level_the_designation_sends_to_the_eid_and_back(engine: Engine) -> None:
    page = person(engine, JEAN_PIERRE, LevelOfAssurance.SUBSTANTIAL).page(GapDesignationState)
    back = routes.login_then(routes.GAP_DESIGNATION, key="eid")
    assert loaded(fire(page, "load")) == back
    assert not page.ready
    # A forged "Enregistrer mon entreprise" from that session asks nobody and writes nothing.
    assert loaded(fire(page, "register_company", {"company_number": TEST_COMPANY})) == back
    assert written(engine) == (0, 0, 0)


def test_without_a_login_the_designation_sends_to_the_eid(engine: Engine) -> None:
    page = Tab().page(GapDesignationState)
    assert loaded(fire(page, "load")) == routes.login_then(routes.GAP_DESIGNATION, key="eid")


def test_someone_who_represents_nothing_is_refused_beside_the_field(
    engine: Engine, register: FakeRegister
) -> None:
    page = person(engine, CHLOE, LevelOfAssurance.HIGH).page(GapDesignationState)
    fire(page, "load")
    assert page.ready
    fire(page, "register_company", {"company_number": "0712.345.630"})
    assert page.company_error == FRENCH["error.NotLegalRepresentativeError"]
    assert page.company_number == "0712.345.630"  # shown again as typed
    assert page.step == "company"
    assert register.asked == [TEST_COMPANY]
    assert written(engine) == (0, 0, 0)


def test_a_forged_confirm_without_registering_designates_nobody(engine: Engine) -> None:
    page = person(engine, JEAN_PIERRE, LevelOfAssurance.HIGH).page(GapDesignationState)
    fire(page, "load")
    fire(page, "choose", "other")
    fire(page, "next_step", OTHER_PERSON)
    fire(page, "confirm")  # no company registered in this tab
    assert page.company_error == FRENCH["error.CompanyNumberMissingError"]
    assert page.step == "company"
    assert written(engine) == (0, 0, 0)


def test_the_whole_designation_keeps_what_was_typed_when_a_step_refuses(engine: Engine) -> None:
    page = person(engine, JEAN_PIERRE, LevelOfAssurance.HIGH).page(GapDesignationState)
    fire(page, "load")
    fire(page, "register_company", {"company_number": "0712.345.630"})
    assert (page.step, page.company_name) == ("form", "Entreprise de test")
    fire(page, "choose", "other")
    fire(page, "next_step", {**OTHER_PERSON, "national_number": "79.11.02-216.06"})
    assert page.step == "form"
    assert page.error_field == "national_number"
    assert page.error_text == FRENCH["error.NationalNumberCheckError"]
    assert page.national_number == "79.11.02-216.06"
    assert page.email == OTHER_PERSON["email"]
    fire(page, "next_step", OTHER_PERSON)
    assert page.step == "summary"
    assert page.gap.national_number == "79.11.02-216.05"
    fire(page, "confirm")
    assert page.step == "done"
    assert written(engine)[:2] == (1, 1)


def test_a_confirmation_long_after_the_register_answered_asks_it_again(engine: Engine) -> None:
    page = person(engine, JEAN_PIERRE, LevelOfAssurance.HIGH).page(GapDesignationState)
    fire(page, "load")
    fire(page, "register_company", {"company_number": TEST_COMPANY})
    fire(page, "next_step", {"email": "jp@entreprise-de-test.example", "phone": "071 12 34 56"})
    assert page.gap.surname == "Dumont"  # "moi-même": the card's names
    with Session(engine) as db:
        registered = db.get(Company, TEST_COMPANY)
        assert registered is not None
        registered.registered_at = utc_now() - timedelta(hours=2)
        db.add(registered)
        db.commit()
    fire(page, "confirm")
    assert page.step == "company"
    assert page.company_error == FRENCH["error.RegistrationRequiredError"]
    assert written(engine)[1:] == (0, 0)
