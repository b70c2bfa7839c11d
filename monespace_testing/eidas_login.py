"""The portal's European login (eIDAS) as a person does it in the browser: the key chooser's
"Authentification européenne", the country, then the node's login page for that country.

These steps follow the portal's pages and the node's (e2e/test_eidas.py walks the same way)."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

EUROPEAN_KEY = "IDENTIFICATION avec une identification électronique reconnue au plan européen"
NODE_LOGIN_PAGE = re.compile(r"/sso/[^/?]+/[A-Z]{2}$")
# What the node answers instead of the identity, for testers (its page's radio buttons).
OUTCOMES = {
    "success": "Identification réussie (l'identité est envoyée)",
    "authn_failed": "Échec de l'authentification",
    "level_not_reached": "Niveau de garantie non atteint",
}


def to_the_node(page: Page, base_url: str, country: str) -> None:
    """From the key chooser to the node's login page of ``country`` ("DE")."""
    page.goto(base_url + "/connexion")
    page.get_by_role("link", name=EUROPEAN_KEY).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(EUROPEAN_KEY)
    # By its code: the radio's name is the country in the page's language.
    page.locator(f'input[name="country"][value="{country}"]').check()
    page.get_by_role("button", name="Continuer").click()
    expect(page).to_have_url(NODE_LOGIN_PAGE)


def log_in_at_the_node(page: Page, citizen: str, *, outcome: str = "success") -> None:
    """On the node's login page: the citizen (their slug), the answer to send, "Se connecter"."""
    page.locator(f'input[name="citizen"][value="{citizen}"]').check()
    page.get_by_role("radio", name=OUTCOMES[outcome]).check()
    page.get_by_role("button", name="Se connecter").click()
