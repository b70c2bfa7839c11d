"""Ma gestion des rôles eGov and the designation of a main access manager (seed 002 §2.3, seed 001
steps 4–8): Jean-Pierre Dumont, legal representative of "Entreprise de test", identifies from the
section with his eID card and designates Chloé Ducoeur; the register is read over HTTP and the
e-mails arrive in the mailbox. Someone who represents nothing, a stopped company and a register
that does not answer are refused, beside the field. axe-core on every page; set
MONESPACE_E2E_SCREENSHOTS=<folder> to keep their screenshots (docs/companies.md)."""

from __future__ import annotations

import json
import os
import re
import urllib.request
from datetime import UTC, datetime
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect
from sqlmodel import Session

from e2e.accessibility import assert_no_axe_violations
from e2e.database import portal_engine
from e2e.steps import confirm_certificate, enter_pin, mails_to
from foundation.contacts import find_account
from foundation.models.account import Account, AccountStatus
from simulators.company_register.web import CompanyRegisterSimulator
from simulators.eid.card_slots import CardSlots
from simulators.personas.loader import persona

pytestmark = pytest.mark.e2e

SCREENSHOTS = os.environ.get("MONESPACE_E2E_SCREENSHOTS", "")

JP_EMAIL = "jp.dumont@entreprise-de-test.example"
CHLOE_EMAIL = "chloe.ducoeur@entreprise-de-test.example"
CHLOE_GAP_EMAIL = "direction@entreprise-de-test.example"
GAP_SUBJECT = "Vous êtes désigné(e) gestionnaire d'accès principal de « Entreprise de test »"
REPRESENTATIVE_SUBJECT = "Désignation du gestionnaire d'accès principal de « Entreprise de test »"
NOT_REPRESENTATIVE = (
    "La Banque-Carrefour des Entreprises ne vous mentionne pas comme représentant légal de cette "
    "entreprise. Seul un représentant légal peut désigner le gestionnaire d'accès principal."
)


def checked(page: Page, name: str) -> None:
    """axe-core finds nothing on the page; its screenshot is kept when asked for."""
    assert_no_axe_violations(page)
    if SCREENSHOTS:
        Path(SCREENSHOTS).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(SCREENSHOTS) / f"{name}.png"), full_page=True)


def active_account(data_dir: Path, slug: str, email: str) -> None:
    """The persona's account, active with ``email``, whatever earlier journeys left of it."""
    person = persona(slug)
    with Session(portal_engine(data_dir)) as db:
        account = find_account(db, person.national_number) or Account(
            national_number=person.national_number,
            surname=person.surname,
            first_names=person.given_names,
            birth_date=person.birth_date,
            email=email,
            created_at=datetime.now(UTC),
        )
        account.email, account.status = email, AccountStatus.ACTIVE
        account.pending_email = account.deletion_requested_at = None
        db.add(account)
        db.commit()


def register_outage(register: CompanyRegisterSimulator, *, unavailable: bool) -> None:
    request = urllib.request.Request(
        f"{register.url}/api/simulation",
        data=json.dumps({"unavailable": unavailable, "delay_seconds": 0}).encode(),
        headers={"Content-Type": "application/json"},
        method="POST",
    )
    with urllib.request.urlopen(request, timeout=5):
        pass


def identify_with_the_card(page: Page, holder: str) -> None:
    """From the eID page a section opened (itself or through the key chooser), to the PIN."""
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Identification avec lecteur de carte eID"
    )
    page.get_by_role("button", name="S'identifier").click()
    confirm_certificate(page, holder)
    enter_pin(page, "1234")


def register_company(page: Page, number: str) -> None:
    field = page.get_by_label("Numéro d'entreprise")
    field.fill(number)
    page.get_by_role("button", name="Enregistrer mon entreprise").click()


def company_refusal(page: Page, text: str, typed: str) -> None:
    """The refusal beside the field, read with it; what was typed stays."""
    field = page.get_by_label("Numéro d'entreprise")
    expect(page.get_by_role("alert")).to_have_text(text)
    expect(field).to_have_accessible_description(re.compile(re.escape(text)))
    expect(field).to_have_value(typed)


def test_jean_pierre_designates_chloe_gap_of_entreprise_de_test(
    page: Page,
    base_url: str,
    card_slots: CardSlots,
    e2e_data_dir: Path,
    company_register: CompanyRegisterSimulator,
) -> None:
    active_account(e2e_data_dir, "jean-pierre-dumont", JP_EMAIL)
    card_slots.insert(0, "jean-pierre-dumont")

    # Not identified yet: the seed's text, the four blocks, "S'identifier".
    page.goto(base_url + "/roles")
    expect(page.get_by_text("Vous n'êtes pas encore identifié(e)")).to_be_visible()
    navigation = page.get_by_role("navigation", name="Ma gestion des rôles eGov")
    expect(navigation).to_contain_text("Mes tâches ouvertes")
    expect(navigation).to_contain_text("Gestion des invitations")
    expect(page.get_by_text("Ma Gestion des rôles eGov", exact=True)).to_be_visible()
    expect(page.get_by_text("Mes rôles en ligne au sein des pouvoirs publics")).to_be_visible()
    for block in ("Mes tâches ouvertes", "Gérer les attributions de rôles"):
        expect(page.get_by_role("heading", level=2, name=block)).to_be_visible()
    for block in ("Mes attributions de rôles", "Gérer les invitations"):
        expect(page.get_by_role("heading", level=2, name=block)).to_be_visible()
    checked(page, "01-roles-home-anonymous")

    # Through the key chooser and the card, back to the section, identified.
    page.get_by_role("link", name="S'identifier").click()
    expect(page).to_have_url(re.compile(r"/connexion/?\?suite=%2Froles$"))
    page.get_by_role("link", name="IDENTIFICATION avec un lecteur de cartes eID").click()
    identify_with_the_card(page, "Jean-Pierre Dumont")
    expect(page).to_have_url(re.compile(r"/roles/?$"))
    expect(page.get_by_role("button", name="Se déconnecter")).to_be_visible()
    expect(page.get_by_text("demander ou refuser les demandes (0)")).to_be_visible()
    expect(page.get_by_text("Vous n'êtes pas encore identifié(e)")).to_have_count(0)
    checked(page, "02-roles-home-identified")

    page.get_by_role("link", name="En savoir plus").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Gestion des gestionnaires d'accès")
    expect(page.get_by_text("Vous n'avez pas d'eID ou de carte électronique")).to_be_visible()
    checked(page, "03-access-managers")
    page.get_by_role("link", name="Désigner un Gestionnaire d'Accès Principal").click()
    expect(page.get_by_role("heading", level=2, name="Enregistrer l'entreprise")).to_be_visible()
    checked(page, "04-company-number")

    # Refusals beside the field: a mistyped number, a stopped company, the register down.
    register_company(page, "0712.345.631")
    company_refusal(
        page,
        "Ce numéro d'entreprise n'existe pas : ses deux derniers chiffres ne correspondent pas "
        "aux autres. Vérifiez-le.",
        "0712.345.631",
    )
    checked(page, "05-company-number-refused")
    register_company(page, "0765.688.108")
    company_refusal(
        page,
        "Selon la Banque-Carrefour des Entreprises, cette entreprise est arrêtée : elle ne peut "
        "pas désigner de gestionnaire d'accès principal.",
        "0765.688.108",
    )
    register_outage(company_register, unavailable=True)
    try:
        register_company(page, "0712.345.630")
        company_refusal(
            page,
            "Le registre des entreprises (Banque-Carrefour des Entreprises) ne répond pas pour le "
            "moment. Rien n'a été enregistré. Réessayez dans quelques minutes.",
            "0712.345.630",
        )
        checked(page, "06-register-not-answering")
    finally:
        register_outage(company_register, unavailable=False)

    # The form: the company from the register, read-only; the GAP is another person.
    register_company(page, "0712.345.630")
    expect(
        page.get_by_role("heading", level=2, name="Enregistrement de l'entreprise")
    ).to_be_visible()
    company = page.locator("dl.identity-list").first
    expect(company).to_contain_text("0712.345.630")
    expect(company).to_contain_text("Entreprise de test")
    expect(company).to_contain_text("Avenue Georges Lemaître 19, 6041 Charleroi")
    expect(page.get_by_label("Jean-Pierre Marie Dumont (moi-même)")).to_be_checked()
    expect(page.get_by_text("campagnes de communication de Mon Espace")).to_be_visible()
    checked(page, "07-gap-form")
    page.get_by_label("Autre personne").check()
    page.get_by_label("Nom", exact=True).fill("Ducoeur")
    page.get_by_label("Prénom", exact=True).fill("Chloé")
    page.get_by_label("Numéro de registre national").fill("79.11.02-216.06")
    page.get_by_label("E-mail", exact=True).fill(CHLOE_GAP_EMAIL)
    page.get_by_label("Téléphone").fill("+32 81 12 34 56")
    page.get_by_role("button", name="Suivant").click()
    national_number = page.get_by_label("Numéro de registre national")
    expect(national_number).to_have_accessible_description(
        re.compile("ses deux derniers chiffres ne correspondent pas")
    )
    expect(national_number).to_have_value("79.11.02-216.06")
    expect(page.get_by_label("E-mail", exact=True)).to_have_value(CHLOE_GAP_EMAIL)
    checked(page, "08-gap-form-refused")
    national_number.fill("79.11.02-216.05")
    page.get_by_role("button", name="Suivant").click()

    # The summary, then "Confirmer".
    expect(page.get_by_role("heading", level=2, name="Résumé")).to_be_visible()
    gap = page.locator("dl.identity-list").nth(1)
    expect(gap).to_contain_text("Ducoeur")
    expect(gap).to_contain_text("79.11.02-216.05")
    expect(gap).to_contain_text(CHLOE_GAP_EMAIL)
    checked(page, "09-summary")
    page.get_by_role("button", name="Confirmer").click()
    expect(page.get_by_role("status")).to_contain_text(
        "Chloé Ducoeur est désormais le gestionnaire d'accès principal de « Entreprise de test »."
    )
    checked(page, "10-confirmation")

    # Both are told by e-mail.
    [to_gap] = mails_to(CHLOE_GAP_EMAIL, subject=GAP_SUBJECT)
    assert "Jean-Pierre Marie Dumont" in str(to_gap["text"])
    [to_representative] = mails_to(JP_EMAIL, subject=REPRESENTATIVE_SUBJECT)
    assert "Chloé Ducoeur" in str(to_representative["text"])


def test_someone_who_represents_no_company_is_refused(
    page: Page, base_url: str, card_slots: CardSlots, e2e_data_dir: Path
) -> None:
    active_account(e2e_data_dir, "chloe-ducoeur", CHLOE_EMAIL)
    card_slots.insert(0, "chloe-ducoeur")
    # Not logged in: the page needs the eID card, and comes back after it.
    page.goto(base_url + "/roles/gestionnaires-acces/designer-gap")
    expect(page).to_have_url(re.compile(r"/connexion/eid/?\?suite="))
    identify_with_the_card(page, "Chloé Ducoeur")
    expect(page).to_have_url(re.compile(r"/roles/gestionnaires-acces/designer-gap/?$"))
    register_company(page, "0712.345.630")
    company_refusal(page, NOT_REPRESENTATIVE, "0712.345.630")
    checked(page, "11-not-a-representative")
