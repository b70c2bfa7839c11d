"""The invite → accept → approve cycle of "Ma gestion des rôles eGov" (seed 000, seed 001 sub-steps
2 and 3, seed 002 §3.2.2), through eID cards in the virtual readers and the mailbox over SMTP:
Chloé Ducoeur, GAP of "Entreprise de test", has invited Naïma Mremi as Rédacteur de dossiers;
Naïma opens the e-mail's link, identifies with her card and accepts; Chloé approves from Mes tâches
ouvertes; both are told; Naïma's role is active. Also: an expired link's own page, and a
rejection whose reason reaches the person.

Chloé invites through the wizard (its own journey, refusals and keyboard included, is
e2e/test_invitation_wizard.py). Set up through the services against the e2e database: Chloé's
designation, the register asked over HTTP (its own journey is e2e/test_gap_designation.py), and
the invitations of the expired link and of the rejection. Set MONESPACE_E2E_SCREENSHOTS=<folder>
to keep a screenshot of every page.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from e2e.steps import (
    TEST_COMPANY,
    active_account,
    card_session,
    checked,
    confirm_certificate,
    database,
    enter_pin,
    invite_through_the_wizard,
    link_in,
    log_in,
    log_out,
    mails_to,
    make_gap,
)
from portal.companies.acceptance import accept
from portal.companies.dates import today
from portal.companies.invitations import InvitationDraft, create_invitation
from simulators.company_register.web import CompanyRegisterSimulator
from simulators.eid.card_slots import CardSlots
from simulators.personas.loader import Persona, persona

pytestmark = pytest.mark.e2e

WRITER, READER = "monespace.writer", "monespace.reader"
WRITER_NAME = "Rédacteur de dossiers"
CHLOE, NAIMA = persona("chloe-ducoeur"), persona("naima-mremi")
INVITED_SUBJECT = "Invitation à accepter un rôle dans une application eGov"
TO_EVALUATE_SUBJECT = "Une demande d'attribution de rôle attend votre évaluation"
GRANTED = "Votre attribution de rôle Rédacteur de dossiers est octroyée"
GRANTED_TO_GAP = "L'attribution de rôle Rédacteur de dossiers de Naïma Samira Mremi est octroyée"
REJECTED = "Votre demande d'attribution de rôle Relecteur de dossiers est rejetée"


def newest(address: str, subject: str, *, before: int) -> dict[str, object]:
    """The mail that arrived after the ``before`` ones already there (other journeys of the run
    may have sent the same)."""
    return mails_to(address, subject=subject, more_than=before)[0]


def count(address: str, subject: str) -> int:
    return len(mails_to(address, subject=subject, timeout=0))


@pytest.fixture
def chloe_is_gap(
    e2e_data_dir: Path, base_url: str, company_register: CompanyRegisterSimulator
) -> None:
    """Chloé is the GAP of "Entreprise de test" (designated through the services, the register
    asked over HTTP); she and Naïma have active accounts."""
    make_gap(e2e_data_dir, company_register.url, base_url, gap=CHLOE)
    active_account(e2e_data_dir, NAIMA)


def invitation(data_dir: Path, base_url: str, *, role: str, at: datetime | None = None) -> str:
    """Chloé's invitation for whoever has the link, created through the service ``at`` (now by
    default: a date long past makes an expired one)."""
    at = at or datetime.now(UTC)
    with database(data_dir) as db:
        created = create_invitation(
            db,
            card_session(CHLOE, at),
            InvitationDraft(
                TEST_COMPANY,
                (role,),
                valid_from=today(at),
                message="Bienvenue dans l'équipe des dossiers.",
            ),
            at,
            public_origin=base_url,
        )
        db.commit()
    return created.id


def identify(page: Page, person: Persona) -> None:
    """From the eID login page (opened by a section, itself or through the chooser)."""
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Identification avec lecteur de carte eID"
    )
    page.get_by_role("button", name="S'identifier").click()
    confirm_certificate(page, f"{person.first_name} {person.surname}")
    enter_pin(page, "1234")


def leave(page: Page) -> None:
    page.get_by_role("button", name="Se déconnecter").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Guichet électronique de la Fédération Wallonie-Bruxelles"
    )


def open_tasks_as_chloe(page: Page, card_slots: CardSlots, tasks_url: str) -> None:
    """Chloé follows her e-mail's link: the eID login first, then back to her open tasks."""
    card_slots.insert(0, "chloe-ducoeur")
    page.goto(tasks_url)
    identify(page, CHLOE)
    expect(page).to_have_url(re.compile(r"/roles/taches-ouvertes/?$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Mes tâches ouvertes")


def evaluate_naimas_request(page: Page, role: str) -> None:
    table = page.get_by_role("table", name="Demandes d'attribution de rôle en attente")
    row = table.get_by_role("row").filter(has_text=f"Attribuer : {role}")
    expect(row).to_contain_text("Naïma Samira Mremi")
    expect(row).to_contain_text("Entreprise de test")
    box = row.get_by_role("checkbox")
    box.click()  # a box the page's state holds: checked once the server answers
    expect(box).to_be_checked()
    page.get_by_role("button", name="Visualiser et évaluer les demandes sélectionnées").click()
    expect(page.locator("main").get_by_role("heading", level=2)).to_have_text(
        f"Demande : {role} par Naïma Samira Mremi"
    )


@pytest.mark.scaled
def test_naima_accepts_from_the_link_and_chloe_approves(
    page: Page, base_url: str, card_slots: CardSlots, e2e_data_dir: Path, chloe_is_gap: None
) -> None:
    invited_before = count(NAIMA.email, INVITED_SUBJECT)
    told_before = count(CHLOE.email, TO_EVALUATE_SUBJECT)
    card_slots.insert(0, CHLOE.slug)
    log_in(page, base_url, "Chloé Ducoeur")
    expect(page).to_have_url(re.compile(r"/mes-espaces/?$"))
    invite_through_the_wizard(page, base_url, NAIMA, f"Espace Personnel Wallon - {WRITER_NAME}")
    log_out(page, "Chloé Ducoeur")
    card_slots.remove(0)
    invited = newest(NAIMA.email, INVITED_SUBJECT, before=invited_before)
    link = link_in(invited, "/roleinvitation/accept", "invitation")

    # Étape 1: Aperçu, before logging in.
    page.goto(link)
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Bienvenue sur Ma gestion de rôles eGov"
    )
    expect(page.locator("main").get_by_role("heading", level=2)).to_have_text("Étape 1 : Aperçu")
    expect(page.get_by_text("Bienvenue dans l'équipe des dossiers.")).to_be_visible()
    expect(page.get_by_role("heading", level=4)).to_have_text("Entreprise de test")
    page.locator("summary", has_text="Afficher les détails").click()
    expect(page.get_by_text("Espace Personnel Wallon - Rédacteur de dossiers")).to_be_visible()
    checked(page, "acceptance-overview")

    # "S'identifier": the key chooser, her card, and back to the same link at Étape 2.
    card_slots.insert(0, "naima-mremi")
    page.get_by_role("link", name="S'identifier").click()
    page.get_by_role("link", name="IDENTIFICATION avec un lecteur de cartes eID").click()
    identify(page, NAIMA)
    expect(page).to_have_url(re.compile(r"/roleinvitation/accept/?\?invitation="))
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Mes attributions de rôles - accepter une invitation d'attribution de rôle"
    )
    expect(page.locator("main").get_by_role("heading", level=2)).to_have_text(
        "Étape 2 : Coordonnées"
    )
    email = page.get_by_label("Adresse e-mail *")
    expect(email).to_have_value(NAIMA.email)
    checked(page, "acceptance-contact")
    email.fill("")
    page.get_by_role("button", name="Accepter la demande d'attribution de rôle").click()
    expect(email).to_have_accessible_description(re.compile("adresse e-mail n'est pas valable"))
    email.fill(NAIMA.email)
    page.get_by_role("button", name="Accepter la demande d'attribution de rôle").click()

    # Mes attributions de rôles: "Opération réussie! L'invitation est acceptée."
    expect(page).to_have_url(re.compile(r"/roles/mes-attributions/?$"))
    expect(page.get_by_role("status")).to_contain_text("Opération réussie!")
    expect(page.get_by_role("status")).to_contain_text("L'invitation est acceptée.")
    mine = page.get_by_role("table", name="Aperçu des attributions de rôles")
    expect(mine).to_contain_text("Rédacteur de dossiers")
    expect(mine).to_contain_text("Demandé(e) – en attente d'approbation")
    checked(page, "my-assignments-accepted")
    leave(page)

    # Chloé is told, opens Mes tâches ouvertes from the e-mail, and approves.
    told = newest(CHLOE.email, TO_EVALUATE_SUBJECT, before=told_before)
    assert "Naïma Samira Mremi a accepté votre invitation" in str(told["text"])
    links = [str(link) for link in told["links"]]  # type: ignore[attr-defined]
    [tasks_url] = [link for link in links if link.endswith("/roles/taches-ouvertes")]
    card_slots.remove(0)
    open_tasks_as_chloe(page, card_slots, tasks_url)
    expect(page.locator("main").get_by_role("heading", level=2)).to_have_text(
        "Aperçu des tâches en suspens (1)"
    )
    # The section's home counts it, and its priority task leads back here.
    page.get_by_role("link", name="Accueil", exact=True).click()
    page.get_by_role("link", name="demander ou refuser les demandes (1)").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Mes tâches ouvertes")
    checked(page, "open-tasks")
    evaluate_naimas_request(page, "Rédacteur de dossiers")
    details = page.locator("dl.identity-list")
    expect(details.first).to_contain_text(NAIMA.email)
    expect(details.nth(1)).to_contain_text("Créer, lire, modifier et supprimer les dossiers")
    expect(details.nth(1)).to_contain_text("Illimité")
    checked(page, "open-tasks-evaluate")
    granted_before = count(NAIMA.email, GRANTED)
    granted_to_gap_before = count(CHLOE.email, GRANTED_TO_GAP)
    page.get_by_role("button", name="Approuver").click()
    expect(page.get_by_role("status")).to_contain_text(
        "La demande d'attribution de rôle est approuvée"
    )
    checked(page, "open-tasks-approved")
    page.get_by_role("button", name="Retour à la liste des tâches").click()
    expect(page.locator("main").get_by_role("heading", level=2)).to_have_text(
        "Aperçu des tâches en suspens (0)"
    )

    # Both e-mails: "… est octroyée".
    to_naima = newest(NAIMA.email, GRANTED, before=granted_before)
    assert "votre attribution de rôle Rédacteur de dossiers est octroyée." in str(to_naima["text"])
    assert "Entreprise : Entreprise de test" in str(to_naima["text"])
    to_chloe = newest(CHLOE.email, GRANTED_TO_GAP, before=granted_to_gap_before)
    assert "Naïma Samira Mremi" in str(to_chloe["text"])
    leave(page)

    # Naïma's role is active in Mes attributions de rôles.
    card_slots.remove(0)
    card_slots.insert(0, "naima-mremi")
    page.goto(base_url + "/roles/mes-attributions")
    page.get_by_role("link", name="IDENTIFICATION avec un lecteur de cartes eID").click()
    identify(page, NAIMA)
    expect(page).to_have_url(re.compile(r"/roles/mes-attributions/?$"))
    # Other journeys of the suite may have given and stopped her roles of the same name before.
    rows = page.get_by_role("row").filter(has_text="Rédacteur de dossiers")
    expect(rows.filter(has_text="Actif(s)/active(s)")).to_have_count(1)
    expect(page.get_by_text("L'invitation est acceptée.")).to_have_count(0)  # said once only
    checked(page, "my-assignments-active")


def test_an_expired_invitation_has_its_own_page(
    page: Page, base_url: str, e2e_data_dir: Path, chloe_is_gap: None
) -> None:
    long_ago = datetime.now(UTC) - timedelta(days=400)
    expired = invitation(e2e_data_dir, base_url, role=WRITER, at=long_ago)
    page.goto(f"{base_url}/roleinvitation/accept?invitation={expired}")
    expect(page.get_by_role("heading", level=1)).to_have_text("Invitation expirée")
    expect(page.get_by_role("alert")).to_have_text(
        "Cette invitation a expiré. Demandez une nouvelle invitation à votre gestionnaire "
        "d'accès principal."
    )
    expect(
        page.get_by_role("button", name="Accepter la demande d'attribution de rôle")
    ).to_have_count(0)
    checked(page, "acceptance-expired")
    page.goto(f"{base_url}/roleinvitation/accept?invitation=pas-une-invitation")
    expect(page.get_by_role("heading", level=1)).to_have_text("Invitation introuvable")


def test_chloe_rejects_with_a_reason_that_reaches_naima(
    page: Page, base_url: str, card_slots: CardSlots, e2e_data_dir: Path, chloe_is_gap: None
) -> None:
    link = invitation(e2e_data_dir, base_url, role=READER)
    now = datetime.now(UTC)
    with database(e2e_data_dir) as db:  # Naïma accepted (the link's journey is above)
        accept(db, card_session(NAIMA, now), link, NAIMA.email, now, public_origin=base_url)
        db.commit()
    open_tasks_as_chloe(page, card_slots, base_url + "/roles/taches-ouvertes")
    page.get_by_role("searchbox").fill("relecteur")
    page.get_by_role("button", name="Rechercher").click()
    evaluate_naimas_request(page, "Relecteur de dossiers")
    page.get_by_role("button", name="Rejeter").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Rejeter la demande d'attribution de rôle"
    )
    reason = page.get_by_label("Raison du refus *")
    page.get_by_role("button", name="Confirmer le rejet").click()
    expect(reason).to_have_accessible_description(re.compile("Indiquez la raison du refus"))
    checked(page, "open-tasks-reject-reason")
    rejected_before = count(NAIMA.email, REJECTED)
    reason.fill("Le rôle de relecteur est réservé au service juridique.")
    page.get_by_role("button", name="Confirmer le rejet").click()
    expect(page.get_by_role("status")).to_contain_text(
        "La demande d'attribution de rôle est rejetée"
    )
    rejected = newest(NAIMA.email, REJECTED, before=rejected_before)
    assert "Raison : Le rôle de relecteur est réservé au service juridique." in str(
        rejected["text"]
    )
    assert "Approbateur : Chloé Anne Ducoeur" in str(rejected["text"])
