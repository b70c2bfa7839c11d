"""The trainers' tools (issue 15) through the real stack: the trainers' page in Chromium (axe
clean), each scenario reset (a button, a guide's button, the command line, the API) followed by
what a trainer then shows in the portal, and the demo clock moved 31 days to show an account
deletion become definitive.

Set MONESPACE_E2E_SCREENSHOTS=<folder> to keep a screenshot of every page.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import urllib.request
from datetime import UTC, datetime
from pathlib import Path

import pytest
from playwright.sync_api import BrowserContext, Page, expect

from e2e.conftest import E2E_TRAINERS_PORT
from e2e.steps import (
    active_account,
    checked,
    credentials_step,
    key_tile,
    log_in,
    mails_to,
    register_and_activate,
)
from foundation.settings import PROJECT_ROOT
from simulators.authenticator.otp import current_code
from simulators.authenticator.web import AuthenticatorPhone
from simulators.eid.card_slots import CardSlots
from simulators.mailbox.store import MailStore
from simulators.personas.loader import persona
from simulators.trainers_page import TrainersPage

pytestmark = pytest.mark.e2e

NAIMA, MAROUAN, CHLOE = (
    persona("naima-mremi"),
    persona("marouan-el-yakoubi"),
    persona("chloe-ducoeur"),
)
INVITATION_SUBJECT = "Invitation à accepter un rôle dans une application eGov"


def status(page: Page) -> str:
    return page.get_by_role("status").inner_text()


def reset_with_the_button(page: Page, trainers_page: TrainersPage, name: str, title: str) -> None:
    page.goto(trainers_page.url)
    scenario = page.locator(f"#scenario-{name}")
    scenario.get_by_role("button", name="Remettre la démo dans cet état").click()
    expect(page.get_by_role("status")).to_contain_text(f"La démo est dans l'état « {title} »")


def test_the_trainers_page_and_first_login(
    page: Page,
    context: BrowserContext,
    base_url: str,
    trainers_page: TrainersPage,
    card_slots: CardSlots,
    mail_store: MailStore,
    e2e_data_dir: Path,
) -> None:
    """Naïma had an account and was logged in; after `first-login` her open page is back at
    the key chooser at its next click, and her card's login leads to the account form."""
    active_account(e2e_data_dir, NAIMA)
    card_slots.insert(0, NAIMA.slug)
    portal = context.new_page()
    log_in(portal, base_url, "Naïma Mremi")
    expect(portal).to_have_url(re.compile(r"/mes-espaces/?$"))

    page.goto(trainers_page.url)
    expect(page.get_by_role("heading", level=1)).to_have_text("Mon Espace — outils des formateurs")
    for heading in (
        "Horloge de la démo",
        "Remettre la démo dans un état connu",
        "Guides pas à pas",
        "Matériel simulé",
    ):
        expect(page.get_by_role("heading", level=2, name=heading)).to_be_visible()
    checked(page, "trainers-01-home")
    reset_with_the_button(page, trainers_page, "first-login", "Première connexion")
    readers = page.get_by_role("table", name="Lecteurs de cartes eID")
    expect(readers.get_by_role("row", name=re.compile("Lecteur 1"))).to_contain_text("Naïma Mremi")
    expect(readers.get_by_role("row", name=re.compile("Lecteur 2"))).to_contain_text(
        "Chloé Ducoeur"
    )
    checked(page, "trainers-02-reset")
    assert mail_store.all() == []

    portal.reload()
    expect(portal).to_have_url(re.compile(r"/connexion/?$"))
    log_in(portal, base_url, "Naïma Mremi")
    expect(portal).to_have_url(re.compile(r"/mon-compte/inscription/?$"))
    expect(portal.get_by_role("heading", level=1)).to_have_text("MON COMPTE")


def test_keys_reset_from_the_command_line(
    page: Page, trainers_page: TrainersPage, base_url: str, authenticator_phone: AuthenticatorPhone
) -> None:
    """`python -m simulators.demo reset --scenario keys` against this stack's trainers' page;
    then Marouan logs in with his app (the phone has his account) and sees his keys ACTIVE."""
    env = {**os.environ, "MONESPACE_DEMO_KEY_SIMULATORS_PORT": str(E2E_TRAINERS_PORT - 3)}
    done = subprocess.run(
        [sys.executable, "-m", "simulators.demo", "reset", "--scenario", "keys"],
        cwd=PROJECT_ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "La démo est dans l'état « Clés numériques »" in done.stdout
    [enrolment] = authenticator_phone.wallet.all()
    assert enrolment.account == MAROUAN.email

    credentials_step(page, base_url, "totp", "marouan.elyakoubi", "Orage-velours-42")
    page.get_by_role("textbox", name="Saisissez votre code unique").fill(
        current_code(enrolment, datetime.now(UTC))
    )
    page.get_by_role("button", name="Continuer").click()
    expect(page).to_have_url(re.compile(r"/mes-espaces/?$"))
    for key in (
        "code de sécurité via application mobile",
        "code de sécurité par e-mail",
        "nom d'utilisateur et mot de passe",
    ):
        expect(key_tile(page, base_url, key)).to_contain_text("ACTIVE")
    checked(page, "trainers-03-keys")
    # The registration code and the "key added" e-mails of the set-up are not in the mailbox.
    added = "Une clé numérique a été ajoutée à votre compte Mon Espace"
    assert mails_to(MAROUAN.email, subject=added, timeout=0) == []


def test_companies_reset_from_a_guide(
    page: Page, context: BrowserContext, base_url: str, trainers_page: TrainersPage
) -> None:
    """Guide 001's page resets to `companies`; Chloé (its step 1.1 says her card is in reader
    1) finds the request to evaluate, the pending invitations and every status."""
    page.goto(trainers_page.url + "/guides/001-gestion-roles")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Gestion des rôles et accès par le gestionnaire d'accès principal"
    )
    checked(page, "trainers-04-guide")
    page.get_by_role(
        "button", name="Remettre la démo dans l'état « Entreprises et rôles »"
    ).first.click()
    expect(page.get_by_role("status")).to_contain_text("Entreprises et rôles")
    first = page.locator("#etape-1\\.1")
    expect(first).to_contain_text("Carte eID : dans le lecteur 1 (PIN 1234)")
    expect(first.get_by_role("link", name="Ouvrir l'étape 1.1 dans le portail")).to_have_attribute(
        "href", base_url + "/roles"
    )
    checked(page, "trainers-05-guide-reset")
    assert len(mails_to(persona("elise-wauters").email, subject=INVITATION_SUBJECT)) == 1
    assert len(mails_to(NAIMA.email, subject=INVITATION_SUBJECT)) == 1

    portal = context.new_page()
    log_in(portal, base_url, "Chloé Ducoeur")
    expect(portal).to_have_url(re.compile(r"/mes-espaces/?$"))
    portal.goto(base_url + "/roles/taches-ouvertes")
    tasks = portal.get_by_role("table", name="Demandes d'attribution de rôle en attente")
    expect(tasks).to_contain_text("El Yakoubi")
    expect(tasks).to_contain_text("Editeur de dossiers")
    portal.goto(base_url + "/roles/invitations")
    expect(portal.get_by_role("main")).to_contain_text("Wauters")
    expect(portal.get_by_role("main")).to_contain_text("Mremi")
    portal.goto(base_url + "/roles/gestion-attributions")
    expect(portal.get_by_role("main")).to_contain_text("0712.345.630, (8)")
    portal.get_by_role("button", name="Montrer toutes les attributions de rôles.").click()
    overview = portal.get_by_role("table", name=re.compile("Attributions de rôles de l'entreprise"))
    for shown in (
        "Actif(s)/active(s)",
        "Demandé(e) – en attente d'approbation",
        "Rejeté(e)",
        "Suspendu(e)",
        "Désactivé(e) temporairement",
        "Expiré(e)",
    ):
        expect(overview).to_contain_text(shown)
    checked(portal, "trainers-06-companies")


def test_dossiers_reset_through_the_api(
    page: Page, base_url: str, trainers_page: TrainersPage
) -> None:
    """`POST /api/scenarios/dossiers` (what the command line sends); Naïma's Mes dossiers lists
    the draft, the submitted one and the one the administration asks a complement for."""
    request = urllib.request.Request(
        trainers_page.url + "/api/scenarios/dossiers", data=b"", method="POST"
    )
    with urllib.request.urlopen(request, timeout=120) as response:
        report = json.loads(response.read())
    assert report["scenario"] == "dossiers"
    assert report["readers"][0] == NAIMA.slug

    log_in(page, base_url, "Naïma Mremi")
    expect(page).to_have_url(re.compile(r"/mes-espaces/?$"))
    page.goto(base_url + "/citoyen/dossiers")
    table = page.get_by_role("table", name="Dossiers de l'espace")
    expect(table).to_contain_text("Prime à la rénovation")
    expect(table).to_contain_text("Brouillon")
    expect(table).to_contain_text("Introduit")
    expect(table).to_contain_text("Complément demandé")
    checked(page, "trainers-07-dossiers")


def test_the_demo_clock_makes_a_deletion_definitive(
    page: Page, context: BrowserContext, base_url: str, trainers_page: TrainersPage
) -> None:
    """Naïma deletes her account; 31 days later on the demo clock (and the hourly jobs) it is
    gone for good: her next login creates a new account."""
    reset_with_the_button(page, trainers_page, "first-login", "Première connexion")
    portal = context.new_page()
    log_in(portal, base_url, "Naïma Mremi")
    register_and_activate(portal, NAIMA.email)
    portal.goto(base_url + "/compte/suppression")
    portal.get_by_role("button", name="Supprimer votre compte").click()
    expect(portal.get_by_text("Votre compte est supprimé.")).to_be_visible()

    page.goto(trainers_page.url)
    clock = page.locator("#horloge")
    clock.get_by_role("button", name="+30 jours").click()
    expect(page.get_by_role("status")).to_have_text("L'horloge de la démo a été déplacée.")
    page.locator("#horloge").get_by_role("button", name="+1 jour").click()
    expect(page.locator("#horloge")).to_contain_text("en avance de 31 jours")
    page.locator("#horloge").get_by_role("button", name="Lancer les tâches horaires").click()
    expect(page.get_by_role("status")).to_contain_text("Tâches horaires lancées")
    checked(page, "trainers-08-clock")

    # 31 days on, her session has long expired; her card's login finds no account any more.
    log_in(portal, base_url, "Naïma Mremi")
    expect(portal).to_have_url(re.compile(r"/mon-compte/inscription/?$"))

    page.locator("#horloge").get_by_role("button", name="Revenir à maintenant").click()
    expect(page.locator("#horloge")).to_contain_text("à l'heure réelle")
