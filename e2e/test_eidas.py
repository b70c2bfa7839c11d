"""European login (eIDAS, seed 004 §1b, #14) through the simulated foreign node, the real SAML
way: the key chooser's "Authentification européenne", the portal's country page, the node's
login page for that country, the signed answer posted back across sites, the return page.

A German citizen creates her account (names and birth date from the assertion, read-only),
verifies the e-mail, sees the citizen dashboard, logs out and in again into the same account;
a cancelled login and a level the node could not reach each get their own words. Every new page,
the node's too, passes axe."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect
from sqlmodel import select

from e2e.steps import checked, database, register_and_activate
from foundation.models.account import Account, AccountStatus
from foundation.models.eidas import EuropeanPerson
from monespace_testing.eid_login import log_out
from simulators.eidas_node import EidasNodeSimulator

pytestmark = pytest.mark.e2e

EUROPEAN_KEY = "IDENTIFICATION avec une identification électronique reconnue au plan européen"
CANCELLED = (
    "Vous avez annulé l'identification auprès du service de votre pays. Recommencez quand vous "
    "le souhaitez."
)
EUROPEAN_NOTE = (
    "Vos nom, prénoms et date de naissance sont ceux que le service d'identification de votre "
    "pays nous a transmis."
)
LEVEL_NOT_REACHED = (
    "Le moyen d'identification utilisé n'atteint pas le niveau de garantie demandé. Utilisez un "
    "moyen d'identification de niveau plus élevé (par exemple votre carte d'identité "
    "électronique)."
)


def to_the_node(page: Page, base_url: str, country: str, *, shot: str = "") -> None:
    """From the key chooser to the country's login page at the node."""
    page.goto(base_url + "/connexion")
    expect(page.get_by_role("heading", name="Authentification européenne")).to_be_visible()
    page.get_by_role("link", name=EUROPEAN_KEY).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(EUROPEAN_KEY)
    page.get_by_role("radio", name=country).check()
    if shot:
        checked(page, shot)
    page.get_by_role("button", name="Continuer").click()
    expect(page).to_have_url(re.compile(r"127\.0\.0\.1:\d+/sso/[^/]+/[A-Z]{2}$"))


def log_in_at_the_node(page: Page, citizen: str, *, outcome: str = "", shot: str = "") -> None:
    page.get_by_role("radio", name=re.compile(f"^{citizen},")).check()
    if outcome:
        page.get_by_role("radio", name=outcome).check()
    if shot:
        checked(page, shot)
    page.get_by_role("button", name="Se connecter").click()


def test_a_german_citizen_creates_her_account_and_finds_it_again(
    page: Page, base_url: str, e2e_data_dir: Path
) -> None:
    to_the_node(page, base_url, "Allemagne", shot="eidas-countries")
    expect(page.get_by_role("heading", name="Online-Ausweis (eID-Karte)")).to_be_visible()
    log_in_at_the_node(page, "Lena Schneider", shot="eidas-node-germany")

    # Back on the portal: the account form, her identity as her country asserted it.
    expect(page).to_have_url(re.compile(r"/mon-compte/inscription/?$"))
    identity = page.locator("dl.identity-list")
    expect(identity).to_contain_text("Schneider")
    expect(identity).to_contain_text("Lena")
    expect(identity).to_contain_text("1988")
    expect(page.get_by_role("textbox", name=re.compile("^Nom"))).to_have_count(0)  # read-only
    # Wrong data is corrected at her country's service, not at a Belgian commune.
    expect(page.get_by_text(EUROPEAN_NOTE)).to_be_visible()
    expect(page.get_by_text("administration communale")).to_have_count(0)
    checked(page, "eidas-account-form")
    register_and_activate(page, "lena.schneider@example.de")
    expect(page.get_by_role("heading", name="Citoyen")).to_be_visible()
    page.get_by_role("link", name="Mon tableau de bord").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("MON TABLEAU DE BORD")
    # Its counters come with the page's own load: the page is settled (the heading alone may be
    # the first paint, before the session's check hides the content for a moment).
    expect(page.get_by_role("link", name="0 Mes documents")).to_be_visible()
    checked(page, "eidas-dashboard")
    log_out(page, "Lena Schneider")

    # The next login: the same identifier, the same account, straight to her spaces.
    to_the_node(page, base_url, "Allemagne")
    log_in_at_the_node(page, "Lena Schneider")
    expect(page).to_have_url(re.compile(r"/mes-espaces/?$"))
    expect(page.get_by_text("Lena Schneider").first).to_be_visible()
    with database(e2e_data_dir) as db:
        [person] = db.exec(
            select(EuropeanPerson).where(EuropeanPerson.family_name == "Schneider")
        ).all()
        accounts = db.exec(
            select(Account).where(Account.national_number == person.register_number)
        ).all()
    assert person.person_identifier == "DE/BE/7c1f0e9a4b2d4c6e8f10"
    assert [a.status for a in accounts] == [AccountStatus.ACTIVE]


def test_a_cancelled_login_says_so(page: Page, base_url: str) -> None:
    to_the_node(page, base_url, "France")
    page.get_by_role("button", name="Annuler").click()
    expect(page).to_have_url(re.compile(r"/connexion/eidas/retour"))
    expect(page.get_by_role("alert")).to_have_text(CANCELLED)
    expect(page.get_by_role("radio", name="France")).to_be_visible()  # to start again
    checked(page, "eidas-cancelled")


def test_a_level_the_node_could_not_reach_says_so(page: Page, base_url: str) -> None:
    to_the_node(page, base_url, "Italie")
    log_in_at_the_node(page, "Giulia Romano", outcome="Niveau de garantie non atteint")
    expect(page).to_have_url(re.compile(r"/connexion/eidas/retour"))
    expect(page.get_by_role("alert")).to_have_text(LEVEL_NOT_REACHED)
    checked(page, "eidas-level-not-reached")


def test_the_nodes_country_selection_and_index(
    page: Page, base_url: str, eidas_node: EidasNodeSimulator
) -> None:
    to_the_node(page, base_url, "Pays-Bas")
    page.get_by_role("link", name="Choisir un autre pays").click()
    expect(page.get_by_role("heading", name="Choisissez votre pays")).to_be_visible()
    checked(page, "eidas-node-countries")
    page.get_by_role("link", name="Pays-Bas").click()
    expect(page.get_by_role("heading", name="DigiD")).to_be_visible()
    page.goto(eidas_node.url + "/")
    expect(page.get_by_role("table")).to_contain_text("Sanne de Vries")
    checked(page, "eidas-node-index")
