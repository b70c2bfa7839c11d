""" "Gérer les attributions de rôles", its first step (seed 001 "Consulter le rôle attribué",
step 2): Élise Wauters, GAP of twelve companies of the register (those of the seed's picker),
identifies with her card, is asked to choose before "Continuer", pages and searches the picker,
opens a company with no assignment yet, and comes back to choose another.

Set up through the services against the e2e database: each company registered by its own legal
representative, who designates Élise (the register asked over HTTP). Set
MONESPACE_E2E_SCREENSHOTS=<folder> to keep a screenshot of every page.
"""

from __future__ import annotations

import re
import secrets
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from e2e.steps import TEST_COMPANY, active_account, checked, database, shoot
from e2e.test_assignments import to_overview
from foundation.models.session import UserSession
from identity.assurance import LevelOfAssurance
from portal.companies.gap import GapDetails, designate_gap, register_company
from portal.companies.register import HttpCompanyRegister
from simulators.company_register.data import load_companies
from simulators.company_register.web import CompanyRegisterSimulator
from simulators.eid.card_slots import CardSlots
from simulators.personas.loader import persona

pytestmark = pytest.mark.e2e

ELISE = persona("elise-wauters")
BLA = "0845059050"


def representative_session(national_number: str, surname: str, first_names: str) -> UserSession:
    now = datetime.now(UTC)
    return UserSession(
        id=secrets.token_hex(16),
        national_number=national_number,
        surname=surname,
        first_names=first_names,
        birth_date="1970-01-01",
        key_kind="eid",
        level=int(LevelOfAssurance.HIGH),
        created_at=now,
        authenticated_at=now,
        last_seen_at=now,
        expires_at=now + timedelta(hours=1),
    )


@pytest.fixture(scope="module")
def elise_manages_twelve(
    e2e_data_dir: Path, base_url: str, company_register: CompanyRegisterSimulator
) -> list[str]:
    """Élise is the GAP of the register's first twelve companies by name (those of the seed's
    picker), each designated by its own legal representative; their names."""
    known = sorted(
        (c for c in load_companies().values() if c.status == "active"),
        key=lambda c: c.name.casefold(),
    )
    chosen = [c for c in known if c.number not in (TEST_COMPANY, BLA)][:12]
    register = HttpCompanyRegister(company_register.url, 5)
    now = datetime.now(UTC)
    details = GapDetails(
        ELISE.surname, ELISE.given_names, ELISE.national_number, ELISE.email, "+32 81 98 76 54"
    )
    with database(e2e_data_dir) as db:
        for company in chosen:
            first = company.representatives[0]
            session = representative_session(
                first.national_number, first.surname, first.first_names
            )
            register_company(db, register, session, company.number, now)
            designate_gap(db, session, company.number, details, now, public_origin=base_url)
        db.commit()
    active_account(e2e_data_dir, ELISE)
    return [c.name for c in chosen]


def test_elise_picks_one_of_her_twelve_companies(
    page: Page, base_url: str, card_slots: CardSlots, elise_manages_twelve: list[str]
) -> None:
    to_overview(page, base_url, card_slots, ELISE)
    companies = page.get_by_role(
        "table", name="Entreprises dont vous gérez les attributions de rôles"
    )
    expect(companies.get_by_role("radio")).to_have_count(10)
    expect(page.get_by_text("Montrer 10 entreprises par page")).to_be_visible()
    checked(page, "assignments-company-picker")
    page.get_by_role("button", name="Continuer").click()
    expect(page.get_by_role("alert")).to_have_text(
        "Choisissez une entreprise, puis cliquez sur Continuer."
    )
    page.get_by_role("navigation", name="Pages du tableau").get_by_role(
        "button", name="Page 2", exact=True
    ).click()
    expect(companies.get_by_role("radio")).to_have_count(2)
    search = page.get_by_role("searchbox", name="Chercher dans l'entreprise")
    search.fill("engis")
    search.press("Enter")
    engis = page.get_by_role("radio", name=re.compile("^Agence de Développement Local d'Engis"))
    expect(companies.get_by_role("radio")).to_have_count(1)
    engis.click()  # a choice the page's state holds: checked once the server answers
    expect(engis).to_be_checked()
    page.get_by_role("button", name="Continuer").click()
    expect(page.get_by_role("heading", level=3)).to_have_text(
        'Entreprise: "Agence de Développement Local d\'Engis", 0897.612.858, (0)'
    )
    page.get_by_role("button", name="Montrer toutes les attributions de rôles.").click()
    empty = page.get_by_text("Cette entreprise n'a encore aucune attribution de rôle.")
    expect(empty).to_be_visible()
    shoot(page, "assignments-empty-company")
    page.get_by_role("button", name="Choisir une autre entreprise").click()
    expect(
        page.get_by_role("radio", name=re.compile("^Agence de Développement Local d'Engis"))
    ).to_be_checked()
