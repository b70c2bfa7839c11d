"""European login (eIDAS): a citizen of another EU country logs in with their own country's
eID, through the simulated foreign node; the account's names come from the node."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from monespace_testing.eidas_node import EidasNode
from monespace_testing.portal import Portal

LEVEL_NOT_REACHED = (
    "Le moyen d'identification utilisé n'atteint pas le niveau de garantie demandé. Utilisez un "
    "moyen d'identification de niveau plus élevé (par exemple votre carte d'identité "
    "électronique)."
)


def test_a_german_citizen_logs_in_with_her_countrys_eid(
    portal: Portal, page: Page, eidas_node: EidasNode
) -> None:
    lena = eidas_node.citizen("lena-schneider")

    portal.log_in_european_with_account(lena.slug)

    expect(page.get_by_role("heading", level=1)).to_have_text("MES ESPACES")
    expect(page.get_by_text(lena.name).first).to_be_visible()


def test_a_level_her_country_could_not_reach_is_told(portal: Portal, page: Page) -> None:
    portal.log_in_european("giulia-romano", outcome="level_not_reached")

    expect(page.get_by_role("alert")).to_have_text(LEVEL_NOT_REACHED)
