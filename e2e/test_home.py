"""A visitor opens the home page, reads it in another language and reaches the key chooser."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Browser, Page, expect

from e2e.accessibility import assert_no_axe_violations

pytestmark = pytest.mark.e2e


def test_home_page_offers_login_and_help(page: Page, base_url: str) -> None:
    page.goto(base_url + "/")
    expect(page).to_have_title(re.compile("Mon Espace"))
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Guichet électronique de la Fédération Wallonie-Bruxelles"
    )
    expect(page.get_by_role("link", name="Me connecter")).to_be_visible()
    expect(page.get_by_role("link", name="Besoin d'aide ?")).to_be_visible()
    expect(page.locator("html")).to_have_attribute("lang", "fr")


def test_language_switch_then_key_chooser(page: Page, base_url: str) -> None:
    page.goto(base_url + "/")
    page.get_by_role("button", name="Nederlands").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Elektronisch loket van de Federatie Wallonië-Brussel"
    )
    expect(page.locator("html")).to_have_attribute("lang", "nl")

    page.get_by_role("link", name="Aanmelden", exact=True).click()
    expect(page).to_have_url(re.compile(r"/connexion$"))
    # The choice of language follows the visitor to the next page.
    expect(page.get_by_role("heading", level=1)).to_have_text("Aanmelden bij de online overheid")

    page.get_by_role("button", name="Français").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "S'identifier à l'administration en ligne"
    )
    expect(page.get_by_text("Choisissez votre clé numérique pour vous identifier.")).to_be_visible()


def test_language_choice_survives_a_reload(page: Page, base_url: str) -> None:
    page.goto(base_url + "/")
    page.get_by_role("button", name="Deutsch").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Elektronischer Schalter der Föderation Wallonie-Brüssel"
    )
    page.reload()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Elektronischer Schalter der Föderation Wallonie-Brüssel"
    )


def test_help_page_from_header(page: Page, base_url: str) -> None:
    page.goto(base_url + "/")
    page.get_by_role("link", name="Besoin d'aide ?").click()
    expect(page).to_have_url(re.compile(r"/aide$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Besoin d'aide ?")
    expect(
        page.get_by_role(
            "heading",
            name="Vous ne disposez pas de carte d'identité ou de séjour délivrée en Belgique",
        )
    ).to_be_visible()


def test_home_page_has_no_accessibility_violations(page: Page, base_url: str) -> None:
    page.goto(base_url + "/")
    expect(page.get_by_role("link", name="Me connecter")).to_be_visible()
    assert_no_axe_violations(page)


def test_key_chooser_and_help_have_no_accessibility_violations(page: Page, base_url: str) -> None:
    for path in ("/connexion", "/aide", "/confidentialite"):
        page.goto(base_url + path)
        expect(page.get_by_role("heading", level=1)).to_be_visible()
        assert_no_axe_violations(page)


def test_key_chooser_lists_each_key_in_its_group(page: Page, base_url: str) -> None:
    page.goto(base_url + "/connexion")
    group = page.locator("section").filter(
        has=page.get_by_role("heading", name="Clé(s) numérique(s) avec l'eID ou identité numérique")
    )
    group.get_by_role("link", name="IDENTIFICATION avec un lecteur de cartes eID").click()
    expect(page).to_have_url(re.compile(r"/connexion/eid/?$"))
    expect(page.get_by_role("button", name="S'identifier")).to_be_visible()


def test_a_login_form_is_held_until_the_page_is_live(
    page: Page, browser: Browser, base_url: str
) -> None:
    # The page as served, before its script runs: a click would send the password in the
    # address (a plain GET form), and React could render the inputs anew and lose the text.
    served = browser.new_context(java_script_enabled=False).new_page()
    served.goto(base_url + "/connexion/password")
    expect(served.get_by_role("textbox", name="Nom d'utilisateur")).to_be_disabled()
    expect(served.get_by_role("button", name="Continuer")).to_be_disabled()
    served.context.close()
    # Live, the same form takes what is typed and keeps it.
    page.goto(base_url + "/connexion/password")
    username = page.get_by_role("textbox", name="Nom d'utilisateur")
    username.fill("quelquun")
    page.get_by_label("Mot de passe", exact=True).fill("un-mot-de-passe")
    expect(username).to_have_value("quelquun")
