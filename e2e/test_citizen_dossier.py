"""Seed 003 "Initier et retrouver un dossier" for a citizen, through her eID card in the virtual
reader, the mailbox over SMTP and the administration's back office: Naïma Mremi finds the
student grant in the catalogue, starts it (identity and address read from her card), fills the
steps, saves a draft and finds it again after a reload, attaches her enrolment certificate
(a wrong file first), signs with her card (a wrong PIN once), submits; she gets the
acknowledgement e-mail and the signed receipt in Mes documents, which the test validates with
pyHanko.

Set MONESPACE_E2E_SCREENSHOTS=<folder> to keep a screenshot of every page.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from pathlib import Path

import pytest
from playwright._impl._api_structures import FilePayload
from playwright.sync_api import BrowserContext, Page, expect

from e2e.steps import active_account, checked, log_in, mails_to
from identity.eid.auth import load_trust_anchors
from portal.dossiers.receipt_signature import check_signed_receipt
from simulators.back_office.web import BackOfficeSimulator
from simulators.eid.card_slots import CardSlots
from simulators.personas.loader import persona

pytestmark = pytest.mark.e2e

NAIMA = persona("naima-mremi")
PDF = b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def attach(page: Page, name: str, content: bytes, mime: str) -> None:
    page.locator("#piece-jointe input[type=file]").set_input_files(
        files=[FilePayload(name=name, mimeType=mime, buffer=content)]
    )
    expect(page.get_by_text(name).first).to_be_visible()
    page.get_by_role("button", name="Joindre le fichier").click()


def next_step(page: Page, title: str) -> None:
    page.get_by_role("button", name="Suivant").click()
    expect(page.get_by_role("heading", level=2, name=title)).to_be_visible()


@pytest.mark.scaled
def test_naima_starts_fills_signs_and_submits_her_student_grant(
    page: Page,
    context: BrowserContext,
    base_url: str,
    card_slots: CardSlots,
    e2e_data_dir: Path,
    back_office: BackOfficeSimulator,
) -> None:
    active_account(e2e_data_dir, NAIMA)
    card_slots.insert(0, "naima-mremi")
    log_in(page, base_url, "Naïma Mremi")
    expect(page).to_have_url(re.compile(r"/mes-espaces/?$"))

    # The catalogue: search, then the démarche's page.
    page.goto(base_url + "/demarches")
    expect(page.get_by_role("heading", level=1)).to_have_text("Catalogue des démarches")
    page.get_by_label("Rechercher une démarche").fill("etudes superieures")
    page.get_by_role("button", name="Rechercher").click()
    page.get_by_role("link", name="Allocation d'études supérieures").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Allocation d'études supérieures")
    checked(page, "dossier-01-procedure")
    page.get_by_role("button", name="Commencer").click()

    # Step 1: identity and address come from the card, read-only.
    expect(page.get_by_role("heading", level=2, name="Identité de l'étudiant")).to_be_visible()
    expect(page.get_by_text("Mremi", exact=True)).to_be_visible()
    expect(page.get_by_role("textbox", name="Nom")).to_have_count(0)
    reference = re.search(r"ME-\d{4}-\d{6}", page.content())
    assert reference is not None
    page.get_by_label(re.compile("^Adresse e-mail")).fill(NAIMA.email)
    checked(page, "dossier-02-identity")
    next_step(page, "Études")

    # Step 2: a wrong value is kept and explained; the draft survives a reload.
    page.get_by_label(re.compile("^Année scolaire")).select_option("2026-2027")
    page.get_by_label(re.compile("^Établissement")).fill("Université de Namur")
    page.get_by_label(re.compile("^Niveau d'études")).select_option("master")
    page.get_by_label(re.compile("^Intitulé des études")).fill("Master en sciences biologiques")
    page.get_by_label("Non", exact=True).check()
    expect(page.get_by_label(re.compile("^Numéro de votre dossier précédent"))).to_be_visible()
    page.get_by_label("Oui", exact=True).check()
    expect(page.get_by_label(re.compile("^Numéro de votre dossier précédent"))).to_have_count(0)
    page.get_by_role("button", name="Enregistrer le brouillon").click()
    expect(page.get_by_role("status").filter(has_text="Brouillon enregistré")).to_be_visible()
    page.reload()
    expect(page.get_by_label(re.compile("^Établissement"))).to_have_value("Université de Namur")
    checked(page, "dossier-03-studies")
    next_step(page, "Revenus du ménage")

    page.get_by_label(re.compile("^Revenus imposables")).fill("24 500,00")
    page.get_by_label(re.compile("^Nombre de personnes à charge")).fill("2")
    next_step(page, "Paiement")
    page.get_by_label(re.compile("^Numéro de compte")).fill("BE00 1234")
    page.get_by_role("button", name="Suivant").click()
    expect(page.get_by_role("alert").first).to_be_visible()
    page.get_by_label(re.compile("^Numéro de compte")).fill("BE71 0961 2345 6769")
    next_step(page, "Pièces justificatives")

    # Step 5: a PNG where a PDF is asked is refused; the PDF is taken.
    attach(page, "attestation.png", PNG, "image/png")
    expect(page.get_by_role("alert")).to_contain_text("attestation.png")
    attach(page, "attestation.pdf", PDF, "application/pdf")
    expect(page.locator(".file-list")).to_contain_text("attestation.pdf")
    page.get_by_label(re.compile("Je déclare sur l'honneur")).check()
    checked(page, "dossier-04-documents")
    page.get_by_role("button", name="Vérifier le dossier").click()

    # The dossier: sign with the card, a wrong PIN first.
    expect(page.get_by_role("heading", level=1)).to_have_text("Allocation d'études supérieures")
    expect(page.locator("#etat-dossier")).to_have_text("Brouillon")
    checked(page, "dossier-05-review")
    page.get_by_role("button", name="Signer avec ma carte d'identité").click()
    page.get_by_label("Code PIN de votre carte d'identité").fill("9999")
    page.get_by_role("button", name="Signer", exact=True).click()
    expect(page.get_by_role("alert")).to_contain_text("2")
    page.get_by_label("Code PIN de votre carte d'identité").fill("1234")
    page.get_by_role("button", name="Signer", exact=True).click()
    expect(page.locator("#etat-dossier")).to_have_text("Signé", timeout=15_000)
    page.get_by_role("button", name="Soumettre le dossier").click()
    expect(page.locator("#etat-dossier")).to_have_text("Introduit")
    checked(page, "dossier-06-submitted")

    # The acknowledgement e-mail, and the signed receipt.
    mails = mails_to(NAIMA.email, subject=f"Accusé de réception de votre dossier {reference[0]}")
    assert mails
    receipt = page.get_by_role("link", name="Télécharger le dossier signé (PDF)")
    response = page.request.get(base_url + str(receipt.get_attribute("href")))
    assert response.ok
    assert response.headers["content-type"].startswith("application/pdf")
    anchors = load_trust_anchors(e2e_data_dir / "trust-anchors")
    check = check_signed_receipt(response.body(), trust_roots=anchors.roots, now=datetime.now(UTC))
    assert check.intact
    assert check.trusted
    assert check.signer_national_number == NAIMA.national_number

    # The administration's agent takes the dossier and asks for a complement.
    agent = context.new_page()
    agent.goto(back_office.url)
    expect(agent.get_by_role("heading", level=1)).to_have_text(
        "Back-office de l'administration — Dossiers à traiter"
    )
    agent.get_by_role("link", name=reference[0]).click()
    agent.get_by_role("button", name="Prendre en charge").click()
    expect(agent.get_by_text("Le dossier est pris en charge.")).to_be_visible()
    agent.get_by_label("Ce qui manque au dossier (le demandeur le lit)").fill(
        "Joignez l'avertissement-extrait de rôle de votre ménage."
    )
    agent.get_by_role("button", name="Demander un complément").click()
    expect(agent.get_by_text("La demande de complément est envoyée au demandeur.")).to_be_visible()
    assert mails_to(NAIMA.email, subject=f"Complément demandé pour votre dossier {reference[0]}")

    # Naïma sees the request on her dossier and answers with the document.
    page.reload()
    expect(page.locator("#etat-dossier")).to_have_text("Complément demandé")
    expect(page.locator("blockquote")).to_contain_text("Joignez l'avertissement-extrait de rôle")
    checked(page, "dossier-07-complement")
    page.get_by_label("Votre réponse").fill("Voici l'avertissement-extrait de rôle 2025.")
    page.get_by_label("Votre réponse").blur()
    page.locator("#complement input[type=file]").set_input_files(
        files=[FilePayload(name="avertissement.pdf", mimeType="application/pdf", buffer=PDF)]
    )
    page.get_by_role("button", name="Envoyer la réponse").click()
    expect(page.get_by_text("Votre réponse est envoyée à l'administration.")).to_be_visible()
    expect(page.locator("#etat-dossier")).to_have_text("Introduit")
    expect(page.get_by_role("link", name="avertissement.pdf")).to_be_visible()

    # The agent takes it again and closes it with a decision.
    agent.reload()
    agent.get_by_role("button", name="Prendre en charge").click()
    agent.get_by_label("Décision (le demandeur la lit)").fill(
        "Une allocation d'études de 1 850,00 € vous est octroyée pour 2026-2027."
    )
    agent.get_by_role("button", name="Clôturer avec une décision").click()
    expect(agent.get_by_text("Le dossier est clôturé")).to_be_visible()
    assert mails_to(NAIMA.email, subject=f"Décision pour votre dossier {reference[0]}")

    page.reload()
    expect(page.locator("#etat-dossier")).to_have_text("Clôturé")
    expect(page.get_by_role("paragraph").filter(has_text="1 850,00 €")).to_be_visible()
    decision = page.locator("tr", has_text="Décision").get_by_role("link")
    response = page.request.get(base_url + str(decision.first.get_attribute("href")))
    assert response.ok
    assert response.body().startswith(b"%PDF-")
    checked(page, "dossier-08-closed")
