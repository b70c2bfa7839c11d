"""The invitation wizard of "Ma gestion des rôles eGov" (seed 001 steps 9–19, seed 002 §3.2.1):
Chloé Ducoeur, GAP of "Entreprise de test", identifies with her eID card and invites Naïma Mremi
as Rédacteur de dossiers; the e-mail brings the acceptance link. On the way: a wrong expiry date
refused beside its field, "Modifier" from the preview back to a step with everything kept, the
invitation saved and reused for a second one. Also the whole wizard, picker included, with the
keyboard alone. axe-core on every step.

The GAP is designated in the set-up through the services (its own journey is
e2e/test_gap_designation.py). Set MONESPACE_E2E_SCREENSHOTS=<folder> to keep the screenshots.
"""

from __future__ import annotations

import re
import uuid
from datetime import date, timedelta
from pathlib import Path

import pytest
from playwright.sync_api import Locator, Page, expect

from e2e.steps import checked, database, link_in, log_in, mails_to, make_gap, shoot
from foundation.contacts import find_account
from simulators.company_register.web import CompanyRegisterSimulator
from simulators.eid.card_slots import CardSlots
from simulators.personas.loader import persona

pytestmark = pytest.mark.e2e

CHLOE, NAIMA = persona("chloe-ducoeur"), persona("naima-mremi")
INVITED = "Invitation à accepter un rôle dans une application eGov"
ROLE = "Espace Personnel Wallon - Rédacteur de dossiers"
LINK = re.compile(r"/roleinvitation/accept\?invitation=[0-9a-f-]{36}$")


@pytest.fixture
def chloe(
    page: Page,
    base_url: str,
    e2e_data_dir: Path,
    company_register: CompanyRegisterSimulator,
    card_slots: CardSlots,
) -> Page:
    """Chloé, GAP of "Entreprise de test", logged in with her card, on Gestion des invitations."""
    make_gap(e2e_data_dir, company_register.url, base_url, gap=CHLOE)
    card_slots.insert(0, CHLOE.slug)
    log_in(page, base_url, "Chloé Ducoeur")
    expect(page).to_have_url(re.compile(r"/mes-espaces/?$"))
    page.goto(base_url + "/roles/invitations")
    expect(page.get_by_role("heading", level=1)).to_have_text("Gestion des invitations")
    return page


def heading(page: Page, text: str) -> None:
    expect(page.get_by_role("heading", level=2, name=text)).to_be_visible()


def next_step(page: Page) -> None:
    page.get_by_role("button", name="Étape suivante").click()


def pick_role(page: Page, name: str) -> None:
    page.get_by_label("Filtrer les valeurs possibles").fill("rédacteur")
    box = page.get_by_role("checkbox", name=name)
    box.click()  # the state holds the tick: not .check(), which wants it changed at once
    expect(box).to_be_checked()
    page.get_by_role("button", name="Ajouter les valeurs cochées").click()
    chosen = page.get_by_role("list", name="Valeurs choisies")
    expect(chosen.get_by_role("checkbox", name=name)).to_be_visible()


def later(days: int) -> str:
    return (date.today() + timedelta(days=days)).strftime("%d/%m/%Y")


def test_chloe_invites_naima_as_redacteur_and_reuses_the_saved_invitation(
    chloe: Page, base_url: str
) -> None:
    page = chloe
    before = len(mails_to(NAIMA.email, subject=INVITED, timeout=0))
    checked(page, "invitations")
    page.get_by_role("link", name="Envoyer une nouvelle invitation").click()

    heading(page, "Étape 1 : Sélectionner une entreprise")
    expect(page.get_by_label("Entreprise de test (0712.345.630)")).to_be_checked()
    checked(page, "invitation-1-company")
    next_step(page)

    heading(page, "Étape 2 : Sélection de rôles")
    next_step(page)  # nothing chosen yet: refused beside "Valeurs choisies"
    expect(page.locator("#roles-chosen-error")).to_have_text(
        "Choisissez au moins un rôle et faites-le passer dans la colonne « Valeurs choisies »."
    )
    checked(page, "invitation-2-roles-refused")
    pick_role(page, ROLE)
    expect(page.get_by_role("table", name="Quel rôle utiliser ?")).to_be_visible()
    checked(page, "invitation-2-roles")
    next_step(page)

    heading(page, "Étape 3 : Sélection des propriétés")
    expect(page.get_by_label("ou Illimité")).to_be_checked()
    checked(page, "invitation-3-validity")
    next_step(page)

    heading(page, "Étape 4 : Sélectionner des personnes")
    page.get_by_label("Nom", exact=True).fill(NAIMA.surname)
    page.get_by_label("Prénom").fill("Naïma")
    page.get_by_label("Adresse e-mail").fill(NAIMA.email)
    page.get_by_role("button", name="Ajouter", exact=True).click()
    expect(page.get_by_role("table", name="Personnes")).to_contain_text(NAIMA.email)
    checked(page, "invitation-4-persons")
    next_step(page)

    heading(page, "Étape 5 : Détails de l'invitation")
    expiry = page.get_by_label("Date d'échéance de l'invitation :")
    a_year = date.today().replace(year=date.today().year + 1)
    expect(expiry).to_have_value(a_year.strftime("%d/%m/%Y"))
    page.get_by_label("Message à l'attention des destinataires de l'invitation :").fill(
        "Bienvenue dans l'équipe des dossiers."
    )
    expiry.fill(later(400))
    save = page.get_by_label("Sauvegarder l'invitation en vue d'une future utilisation")
    save.click()
    expect(save).to_be_checked()
    page.get_by_label("Nom *").fill("Rédacteurs de l'équipe")
    page.get_by_label("Description *").fill("Pour les nouveaux rédacteurs de dossiers")
    next_step(page)
    expect(page.locator("#field-expires_on-error")).to_have_text(
        "La date d'échéance de l'invitation doit se situer entre aujourd'hui et dans un an au "
        "maximum."
    )
    expect(expiry).to_have_attribute("aria-invalid", "true")
    checked(page, "invitation-5-details-refused")
    expiry.fill(later(30))
    checked(page, "invitation-5-details")
    next_step(page)

    heading(page, "Étape 6 : Aperçu")
    expect(page.get_by_text(f"Période de validité du {later(0)} au permanent")).to_be_visible()
    expect(page.get_by_text(f"La date de fin de l'invitation est le {later(30)}")).to_be_visible()
    checked(page, "invitation-6-preview")

    # "Modifier" from the preview: back to the step, everything kept.
    page.get_by_role("button", name="Modifier — Étape 4 : Personnes").click()
    heading(page, "Étape 4 : Sélectionner des personnes")
    expect(page.get_by_role("table", name="Personnes")).to_contain_text(NAIMA.email)
    next_step(page)
    expect(
        page.get_by_label("Message à l'attention des destinataires de l'invitation :")
    ).to_have_value("Bienvenue dans l'équipe des dossiers.")
    expect(page.get_by_label("Nom *")).to_have_value("Rédacteurs de l'équipe")
    next_step(page)
    page.get_by_role("button", name="Terminer l'invitation").click()

    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Gestion des invitations - L'invitation a été créée"
    )
    expect(page.get_by_role("status")).to_contain_text("Opération réussie!")
    link = page.locator("#invitation-link").inner_text()
    assert LINK.search(link), link
    checked(page, "invitation-done")
    mail = mails_to(NAIMA.email, subject=INVITED, more_than=before)[0]
    assert link_in(mail, "/roleinvitation/accept", "invitation") == link
    assert "Bienvenue dans l'équipe des dossiers." in str(mail["text"])

    # The saved invitation starts a second one, prefilled.
    page.get_by_role("link", name="Continuer").click()
    saved = page.get_by_role("row", name=re.compile("Rédacteurs de l'équipe"))
    expect(saved).to_contain_text("Rédacteur de dossiers")
    checked(page, "invitations-saved")
    saved.get_by_role("link", name=re.compile("Utiliser")).click()
    heading(page, "Étape 1 : Sélectionner une entreprise")
    next_step(page)
    chosen = page.get_by_role("list", name="Valeurs choisies")
    expect(chosen.get_by_role("checkbox", name=ROLE)).to_be_visible()
    for _ in range(4):  # properties, persons, details, preview: all kept from the saved one
        next_step(page)
    heading(page, "Étape 6 : Aperçu")
    expect(page.get_by_role("region", name="Étape 4 : Personnes")).to_contain_text(NAIMA.email)
    page.get_by_role("button", name="Terminer l'invitation").click()
    second = page.locator("#invitation-link")
    expect(second).to_have_text(LINK)
    assert second.inner_text() != link
    assert len(mails_to(NAIMA.email, subject=INVITED, more_than=before + 1)) == before + 2


def focus(page: Page, target: Locator, *, most: int = 80) -> None:
    """Tab until ``target`` has the focus, as a keyboard user would."""
    for _ in range(most):
        if target.evaluate("element => element === document.activeElement"):
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"{target} never got the focus")


def test_the_whole_wizard_with_the_keyboard_alone(chloe: Page) -> None:
    page = chloe
    focus(page, page.get_by_role("link", name="Envoyer une nouvelle invitation"))
    page.keyboard.press("Enter")
    heading(page, "Étape 1 : Sélectionner une entreprise")
    focus(page, page.get_by_role("button", name="Étape suivante"))
    page.keyboard.press("Enter")

    heading(page, "Étape 2 : Sélection de rôles")
    expect(page.get_by_role("heading", name="Étape 2 : Sélection de rôles")).to_be_focused()
    focus(page, page.get_by_label("Filtrer les valeurs possibles"))
    page.keyboard.type("redacteur")
    box = page.get_by_role("checkbox", name=ROLE)
    focus(page, box)
    expect(page.get_by_text("Créer, lire, modifier et supprimer des dossiers")).to_be_visible()
    shoot(page, "invitation-2-picker-keyboard")
    page.keyboard.press("Space")
    expect(box).to_be_checked()
    focus(page, page.get_by_role("button", name="Ajouter les valeurs cochées"))
    page.keyboard.press("Enter")
    chosen = page.get_by_role("list", name="Valeurs choisies")
    expect(chosen.get_by_role("checkbox", name=ROLE)).to_be_visible()
    focus(page, page.get_by_role("button", name="Étape suivante"))
    page.keyboard.press("Enter")

    heading(page, "Étape 3 : Sélection des propriétés")
    focus(page, page.get_by_role("button", name="Étape suivante"))
    page.keyboard.press("Enter")

    heading(page, "Étape 4 : Sélectionner des personnes")
    focus(page, page.get_by_label("Nom", exact=True))
    page.keyboard.type(NAIMA.surname)
    page.keyboard.press("Tab")
    page.keyboard.type("Naïma")
    page.keyboard.press("Tab")
    page.keyboard.type(NAIMA.email)
    page.keyboard.press("Enter")  # "Ajouter"
    expect(page.get_by_role("table", name="Personnes")).to_contain_text(NAIMA.email)
    focus(page, page.get_by_role("button", name="Étape suivante"))
    page.keyboard.press("Enter")

    heading(page, "Étape 5 : Détails de l'invitation")
    focus(page, page.get_by_label("Message à l'attention des destinataires de l'invitation :"))
    page.keyboard.type("Invitation envoyée au clavier.")
    focus(page, page.get_by_role("button", name="Étape suivante"))
    page.keyboard.press("Enter")

    heading(page, "Étape 6 : Aperçu")
    focus(page, page.get_by_role("button", name="Terminer l'invitation"))
    page.keyboard.press("Enter")
    expect(page.locator("#invitation-link")).to_have_text(LINK)


def test_an_invitee_without_an_account_gets_the_mail_in_the_inviting_pages_language(
    chloe: Page, e2e_data_dir: Path
) -> None:
    """Chloé finishes the invitation on the page in German: the invitee, who has no account,
    gets the e-mail in German (an account of theirs would have its own language)."""
    page = chloe
    guest = f"greta.{uuid.uuid4().hex[:8]}@example.de"
    try:
        page.get_by_role("link", name="Envoyer une nouvelle invitation").click()
        heading(page, "Étape 1 : Sélectionner une entreprise")
        next_step(page)
        pick_role(page, ROLE)
        next_step(page)
        heading(page, "Étape 3 : Sélection des propriétés")
        next_step(page)
        heading(page, "Étape 4 : Sélectionner des personnes")
        page.get_by_label("Nom", exact=True).fill("Gast")
        page.get_by_label("Prénom").fill("Greta")
        page.get_by_label("Adresse e-mail").fill(guest)
        page.get_by_role("button", name="Ajouter", exact=True).click()
        expect(page.get_by_role("table", name="Personnes")).to_contain_text(guest)
        next_step(page)
        page.get_by_label("Message à l'attention des destinataires de l'invitation :").fill(
            "Willkommen im Team."
        )
        next_step(page)
        heading(page, "Étape 6 : Aperçu")
        page.get_by_role("button", name="Deutsch").click()
        page.get_by_role("button", name="Einladung abschließen").click()
        link = page.locator("#invitation-link")
        expect(link).to_have_text(LINK)
        checked(page, "invitation-done-de")
        [mail] = mails_to(
            guest, subject="Einladung zur Annahme einer Rolle in einer eGov-Anwendung"
        )
        assert link_in(mail, "/roleinvitation/accept", "invitation") == link.inner_text()
        text = str(mail["text"])
        assert text.startswith("Sehr geehrte Damen und Herren,\n")
        assert "Persönliche Nachricht: Willkommen im Team." in text
        assert "Unternehmen: Entreprise de test" in text
        assert '<html lang="de">' in str(mail["html"])
        page.get_by_role("button", name="Français").click()
    finally:
        # Chloé's account follows her pages (German now): French again for the other journeys,
        # whose mails to her are read in French, whatever happened above.
        with database(e2e_data_dir) as db:
            account = find_account(db, CHLOE.national_number)
            if account is not None:
                account.language = "fr"
                db.add(account)
                db.commit()
