"""axe-core finds nothing on any page of the account journey, including those the other
journeys pass through without checking."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from e2e.accessibility import assert_no_axe_violations
from e2e.steps import link_in, log_in, log_in_with_account, mails_to
from simulators.eid.card_slots import CardSlots

pytestmark = pytest.mark.e2e

PRIVATE_PAGES = (
    "/mes-espaces",
    "/citoyen/documents",
    "/citoyen/notifications",
    "/citoyen/communications",
    "/citoyen/profil",
    "/enseignement/profil",
    "/compte",
    "/compte/suppression",
)


def test_pages_of_an_active_account(page: Page, base_url: str, card_slots: CardSlots) -> None:
    card_slots.insert(0, "naima-mremi")
    log_in_with_account(page, base_url, "Naïma Mremi", "naima.a11y@example.org")
    for path in PRIVATE_PAGES:
        page.goto(base_url + path)
        expect(page.get_by_role("heading", level=1)).to_be_visible()
        expect(page.get_by_text("Chargement…")).to_have_count(0)
        assert_no_axe_violations(page)


def test_pages_of_a_pending_account(page: Page, base_url: str, card_slots: CardSlots) -> None:
    card_slots.insert(0, "chloe-ducoeur")
    log_in(page, base_url, "Chloé Ducoeur")
    page.get_by_label("E-mail*", exact=True).fill("chloe.a11y@example.org")
    page.get_by_label("E-mail de confirmation*").fill("chloe.a11y@example.org")
    page.get_by_role("button", name="Enregistrer").click()
    expect(page.get_by_text("Merci de valider votre compte")).to_be_visible()
    assert_no_axe_violations(page)
    page.get_by_role("button", name="Renvoyer l'e-mail").click()
    expect(page.get_by_role("button", name="Renvoyer mail d'activation")).to_be_visible()
    assert_no_axe_violations(page)
    [mail] = mails_to("chloe.a11y@example.org", subject="Activez votre compte Mon Espace")
    page.goto(link_in(mail, "/mon-compte/activer"))
    expect(page.get_by_role("status")).to_contain_text("est maintenant activé")
    assert_no_axe_violations(page)
    # A link used twice says so plainly, when the e-mail's link is opened again (a new tab; the
    # tab that activated the account keeps saying so if its page loads again).
    again = page.context.new_page()
    again.goto(link_in(mail, "/mon-compte/activer"))
    expect(again.get_by_role("alert")).to_have_text(
        "Ce lien a déjà été utilisé ou a été remplacé par un lien plus récent."
    )
    assert_no_axe_violations(again)
    page.reload()
    expect(page.get_by_role("status")).to_contain_text("est maintenant activé")
