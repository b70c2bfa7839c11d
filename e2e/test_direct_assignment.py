"""Direct assignment (seed 001 "Adapter le rôle attribué" steps 4–12, seed 002 §4), through eID
cards in the virtual readers and the mailbox over SMTP:

- Chloé Ducoeur, GAP of "Entreprise de test", gives Naïma Mremi (a member: she holds Rédacteur
  de dossiers) "Editeur de dossiers" directly in the five steps; the e-mail "… est octroyée"
  arrives; Naïma logs in and sees the role active in Mes attributions de rôles.
- The wizard "via numéro de registre national" with the keyboard alone.
The role administrators, a person's own request and the invitations sent are
e2e/test_role_administrators.py. axe-core finds nothing on every page. Set
MONESPACE_E2E_SCREENSHOTS=<folder> for screenshots.

Set up through the services against the e2e database: Chloé's designation (the register asked
over HTTP), the accounts and Naïma's earlier role.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect
from sqlmodel import select

from e2e.steps import (
    TEST_COMPANY,
    active_account,
    card_session,
    checked,
    database,
    log_in,
    mails_to,
    make_gap,
)
from e2e.test_invitation_wizard import focus
from foundation.models.companies import RoleAssignment
from portal.companies.dates import today
from portal.companies.direct import DirectDraft, Person, assign_by_national_number
from simulators.company_register.web import CompanyRegisterSimulator
from simulators.eid.card_slots import CardSlots
from simulators.personas.loader import Persona, persona

pytestmark = pytest.mark.e2e

CHLOE, NAIMA = persona("chloe-ducoeur"), persona("naima-mremi")
MAROUAN, SOFIA = persona("marouan-el-yakoubi"), persona("sofia-marchetti")
WRITER = "monespace.writer"
EDITOR = "Espace Personnel Wallon - Editeur de dossiers"
READER = "Espace Personnel Wallon - Relecteur de dossiers"
DIRECT = "/roles/gestion-attributions/attribution-directe"
ADMINISTRATORS = "/roles/gestion-attributions/administrateurs"
BY_NUMBER = "/roles/gestion-attributions/registre-national"


def count(address: str, subject: str) -> int:
    return len(mails_to(address, subject=subject, timeout=0))


def newest(address: str, subject: str, *, before: int) -> dict[str, object]:
    return mails_to(address, subject=subject, more_than=before)[0]


@pytest.fixture
def chloe_is_gap(
    e2e_data_dir: Path, base_url: str, company_register: CompanyRegisterSimulator
) -> None:
    """Chloé is the GAP of "Entreprise de test"; Naïma and Marouan have active accounts; Naïma
    is a member of the company (Rédacteur de dossiers, given directly once)."""
    make_gap(e2e_data_dir, company_register.url, base_url, gap=CHLOE)
    for person in (NAIMA, MAROUAN):
        active_account(e2e_data_dir, person)
    now = datetime.now(UTC)
    with database(e2e_data_dir) as db:
        held = db.exec(
            select(RoleAssignment).where(RoleAssignment.national_number == NAIMA.national_number)
        ).first()
        if held is None:
            naima = Person(NAIMA.national_number, NAIMA.surname, NAIMA.given_names, NAIMA.email)
            draft = DirectDraft(TEST_COMPANY, (WRITER,), valid_from=today(now))
            assign_by_national_number(
                db, card_session(CHLOE, now), naima, draft, now, public_origin=base_url
            )
            db.commit()


def logged_in(page: Page, base_url: str, card_slots: CardSlots, person: Persona) -> None:
    card_slots.insert(0, person.slug)
    log_in(page, base_url, f"{person.first_name} {person.surname}")
    expect(page).to_have_url(re.compile(r"/mes-espaces/?$"))


def leave(page: Page, card_slots: CardSlots) -> None:
    page.get_by_role("button", name="Se déconnecter").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Guichet électronique de la Fédération Wallonie-Bruxelles"
    )
    card_slots.remove(0)


def heading(page: Page, text: str) -> None:
    expect(page.locator("main").get_by_role("heading", level=2, name=text)).to_be_visible()


def next_step(page: Page) -> None:
    page.get_by_role("button", name="Étape suivante").click()


def pick(page: Page, search: str, role: str) -> None:
    page.get_by_label("Filtrer les valeurs possibles").fill(search)
    box = page.get_by_role("checkbox", name=role)
    box.click()  # the state holds the tick: not .check(), which wants it changed at once
    expect(box).to_be_checked()
    page.get_by_role("button", name="Ajouter les valeurs cochées").click()
    chosen = page.get_by_role("list", name="Valeurs choisies")
    expect(chosen.get_by_role("checkbox", name=role)).to_be_visible()


def shown(day: date) -> str:
    return day.strftime("%d/%m/%Y")


def test_chloe_gives_naima_editeur_directly_and_naima_sees_it(
    page: Page, base_url: str, card_slots: CardSlots, chloe_is_gap: None
) -> None:
    granted_subject = "Votre attribution de rôle Editeur de dossiers est octroyée"
    before = count(NAIMA.email, granted_subject)
    logged_in(page, base_url, card_slots, CHLOE)
    page.goto(base_url + "/roles/gestion-attributions")
    page.get_by_role("link", name="Donner une attribution de rôle à un salarié existant").click()
    expect(page).to_have_url(re.compile(DIRECT + "/?$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Gestion d'attribution de rôle : attribuer directement un nouveau rôle"
    )

    heading(page, "Étape 1 : personnes")
    expect(page.get_by_text("Vous n'avez encore ajouté aucune personne.")).to_be_visible()
    checked(page, "direct-1-persons")
    page.get_by_role("button", name="Rechercher").click()  # no field filled in
    expect(page.locator("#search-error")).to_have_text(
        "Complétez au moins 1 des champs de recherche."
    )
    page.get_by_label("Nom", exact=True).fill("mremi")
    page.get_by_role("button", name="Rechercher").click()
    results = page.get_by_role("table", name="Résultats de la recherche")
    expect(results).to_contain_text(NAIMA.email)
    box = results.get_by_role("checkbox", name=re.compile("Naïma Samira Mremi"))
    box.click()
    expect(box).to_be_checked()
    checked(page, "direct-1-results")
    page.get_by_role("button", name="Ajouter les personnes sélectionnées").click()
    chosen = page.get_by_role("table", name="Personnes choisies")
    expect(chosen).to_contain_text("Entreprise de test")
    checked(page, "direct-1-chosen")
    next_step(page)

    heading(page, "Étape 2 : Sélectionner entreprise")
    expect(page.get_by_label("Entreprise de test (0712.345.630)")).to_be_checked()
    page.get_by_role("button", name="Afficher les entreprises gérées").click()
    page.get_by_label("Chercher un numéro d'entreprise").fill("0712.345")
    expect(page.get_by_label("Entreprise de test (0712.345.630)")).to_be_visible()
    checked(page, "direct-2-company")
    next_step(page)

    heading(page, "Étape 3 : Rôles")
    next_step(page)  # nothing chosen yet: refused beside "Valeurs choisies"
    expect(page.locator("#roles-chosen-error")).to_contain_text("Choisissez au moins un rôle")
    pick(page, "editeur", EDITOR)
    checked(page, "direct-3-roles")
    next_step(page)

    heading(page, "Étape 4 : choix des propriétés")
    expect(page.get_by_label("ou Illimité")).to_be_checked()
    checked(page, "direct-4-validity")
    next_step(page)

    heading(page, "Étape 5 : Aperçu de l'attribution directe de rôle")
    expect(page.get_by_role("region", name="Étape 1 : Personnes")).to_contain_text(NAIMA.email)
    period = f"Période de validité du {shown(date.today())} au permanent"
    expect(page.get_by_text(period)).to_be_visible()
    page.get_by_role("button", name="Modifier — Étape 3 : Rôles").click()
    heading(page, "Étape 3 : Rôles")
    expect(page.get_by_role("list", name="Valeurs choisies")).to_contain_text(EDITOR)
    next_step(page)
    next_step(page)
    page.get_by_label("Ajouter un message personnel").fill("Pour signer et soumettre les dossiers.")
    checked(page, "direct-5-preview")
    page.get_by_role("button", name="Terminer l'attribution directe de rôle").click()

    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Gestion d'attribution de rôle : l'attribution directe de rôle est terminée"
    )
    expect(page.get_by_role("status")).to_contain_text("Le nouveau rôle est opérationnel")
    expect(page.get_by_text(f"Naïma Samira Mremi — {EDITOR}")).to_be_visible()
    checked(page, "direct-done")
    mail = newest(NAIMA.email, granted_subject, before=before)
    assert "votre attribution de rôle Editeur de dossiers est octroyée." in str(mail["text"])
    leave(page, card_slots)

    logged_in(page, base_url, card_slots, NAIMA)
    page.goto(base_url + "/roles/mes-attributions")
    row = page.get_by_role("row").filter(has_text="Editeur de dossiers")
    expect(row).to_contain_text("Entreprise de test")
    expect(row).to_contain_text("Actif(s)/active(s)")
    checked(page, "direct-naima-sees-it")


def test_by_national_number_with_the_keyboard_alone(
    page: Page, base_url: str, card_slots: CardSlots, chloe_is_gap: None
) -> None:
    logged_in(page, base_url, card_slots, CHLOE)
    page.goto(base_url + BY_NUMBER)
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Gestion d'attribution de rôle : attribuer un rôle via numéro de registre national"
    )
    heading(page, "Étape 1 : personne")
    checked(page, "by-number-1")
    focus(page, page.get_by_label("Numéro de registre national *"))
    page.keyboard.type("88.05.30-124.84")
    page.keyboard.press("Enter")  # "Rechercher"
    number = page.get_by_label("Numéro de registre national *")
    expect(number).to_have_accessible_description(re.compile("deux derniers chiffres"))
    checked(page, "by-number-1-refused")
    number.press("End")
    page.keyboard.press("Backspace")
    page.keyboard.type("3")
    page.keyboard.press("Enter")
    expect(page.get_by_text("Mon Espace ne connaît pas encore cette personne")).to_be_visible()
    expect(page.get_by_label("Nom *", exact=True)).to_be_focused()
    page.keyboard.type(SOFIA.surname)
    page.keyboard.press("Tab")
    page.keyboard.type("Sofia")
    page.keyboard.press("Tab")
    expect(page.get_by_label("Adresse e-mail *")).to_be_focused()
    page.keyboard.type(SOFIA.email)
    checked(page, "by-number-1-unknown")
    page.keyboard.press("Enter")  # "Étape suivante"

    heading(page, "Étape 2 : Sélectionner entreprise")
    expect(page.get_by_role("heading", name="Étape 2 : Sélectionner entreprise")).to_be_focused()
    focus(page, page.get_by_role("button", name="Étape suivante"))
    page.keyboard.press("Enter")

    heading(page, "Étape 3 : Rôles")
    focus(page, page.get_by_label("Filtrer les valeurs possibles"))
    page.keyboard.type("gestionnaire")
    role = "Espace Personnel Wallon - Gestionnaire de l'espace"
    box = page.get_by_role("checkbox", name=role)
    focus(page, box)
    page.keyboard.press("Space")
    expect(box).to_be_checked()
    focus(page, page.get_by_role("button", name="Ajouter les valeurs cochées"))
    page.keyboard.press("Enter")
    expect(page.get_by_role("list", name="Valeurs choisies")).to_contain_text(role)
    focus(page, page.get_by_role("button", name="Étape suivante"))
    page.keyboard.press("Enter")

    heading(page, "Étape 4 : choix des propriétés")
    focus(page, page.get_by_role("button", name="Étape suivante"))
    page.keyboard.press("Enter")

    heading(page, "Étape 5 : Aperçu de l'attribution directe de rôle")
    expect(page.get_by_role("region", name="Étape 1 : Personnes")).to_contain_text(SOFIA.email)
    checked(page, "by-number-5-preview")
    focus(page, page.get_by_role("button", name="Terminer l'attribution directe de rôle"))
    page.keyboard.press("Enter")
    expect(page.get_by_text(f"Sofia Marchetti — {role}")).to_be_visible()
    checked(page, "by-number-done")
