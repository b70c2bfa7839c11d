"""Role administrators, a person's own request and the invitations sent (seed 001, the actions
of "Gérer les attributions de rôles"; seed 000), through eID cards and the mailbox over SMTP:

- Chloé Ducoeur, GAP of "Entreprise de test", names Marouan El Yakoubi role administrator (a
  mistyped national number refused beside its field; another person named then removed after the
  confirmation); Naïma Mremi asks for "Relecteur de dossiers" herself (a mistyped company number
  refused); Marouan, who is not GAP, approves it from Mes tâches ouvertes.
- An invitation sent is sent again, then withdrawn: its link shows its refusal page.
axe-core finds nothing on every page. Set MONESPACE_E2E_SCREENSHOTS=<folder> for screenshots.
The set-up is e2e/test_direct_assignment.py's (through the services).
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from e2e.steps import TEST_COMPANY, card_session, checked, database, shoot
from e2e.test_direct_assignment import (
    ADMINISTRATORS,
    CHLOE,
    MAROUAN,
    NAIMA,
    READER,
    SOFIA,
    WRITER,
    chloe_is_gap,
    count,
    leave,
    logged_in,
    newest,
    pick,
)
from portal.companies.dates import today
from portal.companies.invitations import InvitationDraft, Invitee, create_invitation
from simulators.eid.card_slots import CardSlots
from simulators.personas.loader import Persona

pytestmark = pytest.mark.e2e
__all__ = ["chloe_is_gap"]  # the fixture, shared


def test_a_role_administrator_approves_naimas_own_request(
    page: Page, base_url: str, card_slots: CardSlots, chloe_is_gap: None
) -> None:
    named = "Vous êtes administrateur de l'attribution des rôles de « Entreprise de test »"
    named_before = count(MAROUAN.email, named)
    logged_in(page, base_url, card_slots, CHLOE)
    page.goto(base_url + "/roles/gestion-attributions")
    page.get_by_role("link", name="Gérer les administrateurs de l'attribution des rôles").click()
    expect(page).to_have_url(re.compile(ADMINISTRATORS + "/?$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Gérer les administrateurs de l'attribution des rôles"
    )
    checked(page, "administrators")

    def name(person: Persona, number: str) -> None:
        page.get_by_label("Nom *", exact=True).fill(person.surname)
        page.get_by_label("Prénom *").fill(person.given_names)
        page.get_by_label("Numéro de registre national *").fill(number)
        page.get_by_label("Adresse e-mail *").fill(person.email)
        page.get_by_role("button", name="Ajouter", exact=True).click()

    name(MAROUAN, "92.07.25-133.32")  # a typing mistake: the check digits do not match
    number = page.get_by_label("Numéro de registre national *")
    expect(number).to_have_accessible_description(re.compile("deux derniers chiffres"))
    expect(page.get_by_label("Nom *", exact=True)).to_have_value(MAROUAN.surname)
    checked(page, "administrators-refused")
    number.fill("92.07.25-133.31")
    page.get_by_role("button", name="Ajouter", exact=True).click()
    table = page.get_by_role("table", name="Administrateurs de l'attribution des rôles")
    expect(table).to_contain_text(MAROUAN.email)
    expect(page.get_by_role("status")).to_contain_text("est désigné")
    assert "vous a désigné(e)" in str(newest(MAROUAN.email, named, before=named_before)["text"])

    name(SOFIA, "88.05.30-124.83")  # named by mistake, then removed
    expect(table).to_contain_text(SOFIA.email)
    table.get_by_role("button", name=re.compile("Supprimer Sofia")).click()
    dialog = page.get_by_role("alertdialog")
    expect(dialog).to_contain_text("Retirer Sofia Giulia Marchetti")
    checked(page, "administrators-remove")
    dialog.get_by_role("button", name="Supprimer").click()
    expect(page.get_by_role("status")).to_contain_text("est retiré")
    expect(table).not_to_contain_text(SOFIA.email)
    expect(table).to_contain_text(MAROUAN.email)
    checked(page, "administrators-named")
    leave(page, card_slots)

    # Naïma asks for Relecteur de dossiers herself.
    logged_in(page, base_url, card_slots, NAIMA)
    page.goto(base_url + "/roles/mes-attributions")
    page.get_by_role("link", name="Demander soi-même une attribution de rôle").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Demander soi-même une attribution de rôle"
    )
    expect(page.get_by_label("Adresse e-mail *")).to_have_value(NAIMA.email)
    checked(page, "self-request")
    company = page.get_by_label("Numéro d'entreprise *")
    company.fill("0712.345.631")
    page.get_by_role("button", name="Envoyer la demande").click()
    expect(company).to_have_accessible_description(re.compile("deux derniers chiffres"))
    checked(page, "self-request-refused")
    company.fill("0712.345.630")
    pick(page, "relecteur", READER)
    page.get_by_label("Message pour l'approbateur").fill("Pour relire les dossiers de l'équipe.")
    page.get_by_role("button", name="Envoyer la demande").click()
    expect(page.get_by_role("status")).to_contain_text("Votre demande d'attribution de rôle est")
    expect(page.get_by_text("Entreprise de test (0712.345.630)")).to_be_visible()
    checked(page, "self-request-sent")
    leave(page, card_slots)

    # Marouan, role administrator but not GAP, approves it.
    logged_in(page, base_url, card_slots, MAROUAN)
    page.goto(base_url + "/roles/taches-ouvertes")
    table = page.get_by_role("table", name="Demandes d'attribution de rôle en attente")
    row = table.get_by_role("row").filter(has_text="Relecteur de dossiers")
    expect(row).to_contain_text("Naïma Samira Mremi")
    box = row.get_by_role("checkbox")
    box.click()
    expect(box).to_be_checked()
    page.get_by_role("button", name="Visualiser et évaluer les demandes sélectionnées").click()
    expect(page.locator("dl.identity-list").first).to_contain_text(
        "Message personnelPour relire les dossiers de l'équipe."
    )
    granted_subject = "Votre attribution de rôle Relecteur de dossiers est octroyée"
    before = count(NAIMA.email, granted_subject)
    page.get_by_role("button", name="Approuver").click()
    expect(page.get_by_role("status")).to_contain_text("est approuvée")
    shoot(page, "self-request-approved-by-administrator")
    newest(NAIMA.email, granted_subject, before=before)


def test_an_invitation_sent_again_then_withdrawn_shows_its_refusal_page(
    page: Page, base_url: str, card_slots: CardSlots, e2e_data_dir: Path, chloe_is_gap: None
) -> None:
    now = datetime.now(UTC)
    with database(e2e_data_dir) as db:
        created = create_invitation(
            db,
            card_session(CHLOE, now),
            InvitationDraft(
                TEST_COMPANY,
                (WRITER,),
                valid_from=today(now),
                persons=(Invitee(SOFIA.surname, "Sofia", SOFIA.email),),
            ),
            now,
            public_origin=base_url,
        )
        db.commit()
    invited = "Invitation à accepter un rôle dans une application eGov"
    before = count(SOFIA.email, invited)
    logged_in(page, base_url, card_slots, CHLOE)
    page.goto(base_url + "/roles/invitations")
    sent = page.get_by_role("table", name="Invitations envoyées")
    row = sent.get_by_role("row").filter(has_text=SOFIA.email)
    expect(row).to_contain_text("Rédacteur de dossiers")
    checked(page, "invitations-sent")
    row.get_by_role("button", name=re.compile("^Renvoyer")).click()
    expect(page.get_by_role("status")).to_contain_text("renvoyée par e-mail à 1 personne")
    newest(SOFIA.email, invited, before=before)
    row.get_by_role("button", name=re.compile("^Retirer")).click()
    dialog = page.get_by_role("alertdialog")
    expect(dialog).to_contain_text(
        "Retirer l'invitation « Rédacteur de dossiers (Entreprise de test) » ?"
    )
    checked(page, "invitations-sent-withdraw")
    dialog.get_by_role("button", name="Retirer").click()
    expect(page.get_by_role("status")).to_contain_text("L'invitation est retirée")
    expect(sent.get_by_role("row").filter(has_text=SOFIA.email)).to_have_count(0)

    page.goto(f"{base_url}/roleinvitation/accept?invitation={created.id}")
    expect(page.get_by_role("heading", level=1)).to_have_text("Invitation retirée")
    expect(
        page.get_by_role("button", name="Accepter la demande d'attribution de rôle")
    ).to_have_count(0)
    checked(page, "invitation-withdrawn-link")
