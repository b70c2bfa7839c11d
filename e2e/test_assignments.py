""" "Gérer les attributions de rôles" (seed 001 "Consulter le rôle attribué à vos collaborateurs",
"Suspendre l'ancien rôle"; seed 002 §4) through eID cards in the virtual readers and the mailbox
over SMTP: Chloé Ducoeur, GAP of "Entreprise de test", finds Naïma Mremi's Rédacteur de dossiers
in the overview (sorted, searched, its description reached with the keyboard), stops it (the
confirmation, the banner, the history, the e-mail to Naïma), changes the expiry date of Naïma's
Relecteur de dossiers (a day in the past refused beside the field), deactivates then restarts it,
and exports the CSV, which the test opens. She manages one company: the picker is skipped (its
own journey is e2e/test_assignment_picker.py).

Set up through the services against the e2e database: the designations (the register asked over
HTTP; their own journey is e2e/test_gap_designation.py) and the roles given directly by Chloé.
Set MONESPACE_E2E_SCREENSHOTS=<folder> to keep a screenshot of every page.
"""

from __future__ import annotations

import csv
import io
import re
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from playwright.sync_api import Locator, Page, expect

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
from portal.companies.assignment_errors import RoleAlreadyHeldError
from portal.companies.dates import today
from portal.companies.direct import DirectDraft, Person, assign_by_national_number
from simulators.company_register.web import CompanyRegisterSimulator
from simulators.eid.card_slots import CardSlots
from simulators.personas.loader import Persona, persona

pytestmark = pytest.mark.e2e

WRITER, READER, EDITOR = "monespace.writer", "monespace.reader", "monespace.editor"
OWNER = "monespace.space_owner"
CHLOE, NAIMA = persona("chloe-ducoeur"), persona("naima-mremi")
# Colleagues whose rows fill the table beside Naïma's.
COLLEAGUES = (
    (persona("sofia-marchetti"), EDITOR),
    (persona("helene-lambert"), READER),
    (persona("marouan-el-yakoubi"), WRITER),
    (persona("lucien-vandermeulen"), EDITOR),
    (CHLOE, OWNER),
)
OVERVIEW = "Gérer les attributions de rôles - Aperçu"
DETAIL = "Gestion des attributions de rôles - Détail"


def given(db_dir: Path, base_url: str, person: Persona, role: str) -> None:
    """Chloé gives ``person`` the role at once (their journey: helper-10's direct assignment);
    a role held from an earlier run of the session stays as it is."""
    now = datetime.now(UTC)
    with database(db_dir) as db:
        try:
            assign_by_national_number(
                db,
                card_session(CHLOE, now),
                Person(person.national_number, person.surname, person.given_names, person.email),
                DirectDraft(TEST_COMPANY, (role,), valid_from=today(now)),
                now,
                public_origin=base_url,
            )
            db.commit()
        except RoleAlreadyHeldError:
            db.rollback()


@pytest.fixture(scope="module")
def chloe_manages(
    e2e_data_dir: Path, base_url: str, company_register: CompanyRegisterSimulator
) -> None:
    """Chloé is the GAP of "Entreprise de test", where Naïma holds Rédacteur and Relecteur de
    dossiers, beside colleagues' roles."""
    make_gap(e2e_data_dir, company_register.url, base_url, gap=CHLOE)
    active_account(e2e_data_dir, NAIMA)
    for role in (WRITER, READER):
        given(e2e_data_dir, base_url, NAIMA, role)
    for person, role in COLLEAGUES:
        given(e2e_data_dir, base_url, person, role)


def to_overview(page: Page, base_url: str, card_slots: CardSlots, person: Persona) -> None:
    card_slots.insert(0, person.slug)
    log_in(page, base_url, f"{person.first_name} {person.surname}")
    expect(page).to_have_url(re.compile(r"/mes-espaces/?$"))
    page.goto(base_url + "/roles")
    page.get_by_role("link", name="Gestion d'attribution de rôle").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(OVERVIEW)


def row_of(table: Locator, role: str, user: str = "Naïma Samira Mremi") -> Locator:
    return table.get_by_role("row").filter(has_text=role).filter(has_text=user)


def open_detail(page: Page, role: str) -> None:
    table = page.get_by_role(
        "table", name="Attributions de rôles de l'entreprise Entreprise de test"
    )
    row_of(table, role).get_by_role("link", name=re.compile(r"^Détails")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(DETAIL)
    expect(page.locator("dl.identity-list")).to_contain_text(role)


def history(page: Page) -> Locator:
    return page.get_by_role("table", name="Historique de l'attribution de rôle")


def newest(address: str, subject: str, *, before: int) -> str:
    return str(mails_to(address, subject=subject, more_than=before)[0]["text"])


def count(address: str, subject: str) -> int:
    return len(mails_to(address, subject=subject, timeout=0))


def focus_by_tab(page: Page, target: Locator, *, limit: int = 40) -> None:
    """Tab until ``target`` has the focus: it is reachable with the keyboard alone."""
    for _ in range(limit):
        if target.evaluate("element => element === document.activeElement"):
            return
        page.keyboard.press("Tab")
    pytest.fail("the keyboard never reached the element")


def test_chloe_finds_stops_changes_and_exports_naimas_assignments(
    page: Page, base_url: str, card_slots: CardSlots, chloe_manages: None
) -> None:
    # One company: no picker; the company's block, closed as the seed shows it.
    to_overview(page, base_url, card_slots, CHLOE)
    expect(page.get_by_role("heading", level=3)).to_have_text(
        re.compile(r'^Entreprise: "Entreprise de test", 0712\.345\.630, \(\d+\)$')
    )
    show_all = page.get_by_role("button", name="Montrer toutes les attributions de rôles.")
    expect(show_all).to_have_attribute("aria-expanded", "false")
    checked(page, "assignments-overview-closed")
    show_all.click()
    expect(page.get_by_role("button", name="Cacher les détails")).to_be_visible()
    table = page.get_by_role(
        "table", name="Attributions de rôles de l'entreprise Entreprise de test"
    )
    expect(table).to_be_visible()
    expect(page.get_by_role("button", name="Aperçu détaillé")).to_have_attribute(
        "aria-pressed", "true"
    )
    writer = row_of(table, "Rédacteur de dossiers")
    expect(writer).to_contain_text("Illimité")
    expect(writer).to_contain_text("Actif(s)/active(s)")
    expect(writer).to_contain_text(NAIMA.email)
    checked(page, "assignments-overview")

    # Sorted by a column's header, both ways, said by aria-sort.
    user_header = table.get_by_role("columnheader", name=re.compile("^Utilisateur"))
    user_header.get_by_role("button").click()
    expect(user_header).to_have_attribute("aria-sort", "ascending")
    expect(table.get_by_role("row").nth(1)).to_contain_text("Chloé Anne Ducoeur")
    user_header.get_by_role("button").click()
    expect(user_header).to_have_attribute("aria-sort", "descending")
    expect(table.get_by_role("row").nth(1)).to_contain_text("Lucien Henri Vandermeulen")

    # Searched; the simple view keeps the main columns.
    search = page.get_by_role("searchbox", name="Chercher dans l'entreprise")
    search.fill("mremi")
    search.press("Enter")
    expect(table.get_by_role("row")).to_have_count(3)
    page.get_by_role("button", name="Aperçu simplifié").click()
    expect(table.get_by_role("columnheader", name=re.compile("^Date de début"))).to_have_count(0)
    page.get_by_role("button", name="Aperçu détaillé").click()

    # The role's description: reached with the keyboard alone, read with the role, shown.
    role = writer.get_by_role("button", name="Rédacteur de dossiers")
    expect(role).to_have_accessible_description("Créer, lire, modifier et supprimer les dossiers.")
    search.focus()
    focus_by_tab(page, role)
    expect(writer.get_by_role("tooltip")).to_be_visible()
    checked(page, "assignments-role-description")
    # Escape hides it without moving the focus (WCAG 1.4.13); it shows again on the next focus.
    page.keyboard.press("Escape")
    expect(writer.get_by_role("tooltip")).to_be_hidden()
    expect(role).to_be_focused()
    expect(role).to_have_accessible_description("Créer, lire, modifier et supprimer les dossiers.")
    search.focus()
    focus_by_tab(page, role)
    expect(writer.get_by_role("tooltip")).to_be_visible()
    search.focus()  # hovered only: Escape, though the focus is in the search field
    role.hover()
    expect(writer.get_by_role("tooltip")).to_be_visible()
    page.keyboard.press("Escape")
    expect(writer.get_by_role("tooltip")).to_be_hidden()
    expect(search).to_be_focused()

    # Naïma's Rédacteur de dossiers: Arrêter, asked first.
    open_detail(page, "Rédacteur de dossiers")
    expect(page.locator("dl.identity-list")).to_contain_text(
        "Créer, lire, modifier et supprimer des dossiers ainsi que les éléments"
    )
    checked(page, "assignment-detail")
    stopped_before = count(
        NAIMA.email, "Modification de votre attribution de rôle Rédacteur de dossiers"
    )
    page.get_by_role("button", name="Arrêter").click()
    dialog = page.get_by_role("alertdialog", name="Arrêter")
    expect(dialog).to_contain_text("Voulez-vous vraiment arrêter cette attribution de rôle ?")
    expect(
        dialog.get_by_role("button", name="Oui, arrêter cette attribution de rôle")
    ).to_be_focused()
    checked(page, "assignment-stop-confirmation")
    dialog.get_by_role("button", name="Oui, arrêter cette attribution de rôle").click()
    banner = page.get_by_role("status")
    expect(banner).to_contain_text("Opération réussie!")
    expect(banner).to_contain_text(
        "Une demande a été envoyée afin de suspendre cette attribution de rôle."
    )
    expect(page.locator("dl.identity-list")).to_contain_text("Suspendu(e)")
    expect(page.get_by_role("button", name="Recommencer")).to_be_visible()
    expect(page.get_by_role("button", name="Arrêter")).to_have_count(0)
    lines = history(page).get_by_role("row")
    expect(lines.nth(1)).to_contain_text("Automatique")
    expect(lines.nth(1)).to_contain_text("Archivé(e)")
    expect(lines.nth(2)).to_contain_text("Chloé Anne Ducoeur")
    expect(lines.nth(2)).to_contain_text("Suspension approuvée")
    expect(lines.nth(3)).to_contain_text("Suspension demandée")
    checked(page, "assignment-stopped")
    mail = newest(
        NAIMA.email,
        "Modification de votre attribution de rôle Rédacteur de dossiers",
        before=stopped_before,
    )
    assert "L'attribution de rôle a été suspendue" in mail
    assert "Approbateur : Chloé Anne Ducoeur" in mail
    assert "Entreprise : « Entreprise de test », 0712345630" in mail

    # Back to the overview, open on the company: the row reads Suspendu(e).
    page.get_by_role("link", name="Retour à l'aperçu").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(OVERVIEW)
    expect(row_of(table, "Rédacteur de dossiers")).to_contain_text("Suspendu(e)")

    # Naïma's Relecteur de dossiers: a new expiry date, the past refused beside the field.
    open_detail(page, "Relecteur de dossiers")
    page.get_by_role("button", name="Modifier la date d'expiration").click()
    end = page.get_by_label("Nouvelle date de fin")
    expect(end).to_be_disabled()  # "Illimité" is ticked: no end date yet
    unlimited = page.get_by_label("Illimité", exact=True)
    unlimited.click()  # a box the page's state holds: unticked once the server answers
    expect(unlimited).not_to_be_checked()
    expect(end).to_be_enabled()
    yesterday = today(datetime.now(UTC)) - timedelta(days=1)
    end.fill(yesterday.strftime("%d/%m/%Y"))
    page.get_by_role("button", name="Enregistrer la date d'expiration").click()
    expect(end).to_have_accessible_description(
        re.compile("La nouvelle date de fin ne peut pas être dans le passé.")
    )
    expect(end).to_be_focused()
    checked(page, "assignment-expiry-refused")
    later = (today(datetime.now(UTC)) + timedelta(days=90)).strftime("%d/%m/%Y")
    end.fill(later)
    page.get_by_role("button", name="Enregistrer la date d'expiration").click()
    expect(page.get_by_role("status")).to_contain_text(
        "Une demande a été envoyée afin de modifier la date d'expiration"
    )
    expect(page.locator("dl.identity-list")).to_contain_text(later)
    expect(history(page).get_by_role("row").nth(1)).to_contain_text(
        f"Date de fin : {later} (auparavant : Illimité)"
    )

    # Désactiver temporairement, then Recommencer.
    page.get_by_role("button", name="Désactiver temporairement").click()
    expect(page.get_by_role("status")).to_contain_text("désactiver temporairement")
    expect(page.locator("dl.identity-list")).to_contain_text("Désactivé(e) temporairement")
    checked(page, "assignment-deactivated")
    page.get_by_role("button", name="Recommencer").click()
    expect(page.get_by_role("status")).to_contain_text(
        "Une demande a été envoyée afin de réactiver cette attribution de rôle."
    )
    expect(page.locator("dl.identity-list")).to_contain_text("Actif(s)/active(s)")
    # Eight lines: the five newest, then the whole timeline.
    expect(history(page).get_by_role("row")).to_have_count(6)
    page.get_by_role("button", name="Afficher la ligne du temps complète").click()
    expect(history(page).get_by_role("row")).to_have_count(9)
    checked(page, "assignment-restarted")

    # The CSV export, downloaded and read back.
    page.get_by_role("link", name="Retour à l'aperçu").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(OVERVIEW)
    with page.expect_download() as download:
        page.get_by_role("link", name="Exporter les attributions de rôles").click()
    saved = download.value
    named = r"attributions-de-roles-0712345630-\d{4}-\d{2}-\d{2}\.csv"
    assert re.fullmatch(named, saved.suggested_filename)
    content = Path(saved.path()).read_bytes()
    assert content.startswith(b"\xef\xbb\xbf")  # the BOM Excel reads UTF-8 by
    rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][:4] == ["Rôle", "Utilisateur", "Adresse e-mail", "Date de début"]
    assert rows[0][4:6] == ["Date de fin", "Statut"]
    naima = sorted((r[0], r[2], r[4], r[5]) for r in rows if r[1] == "Naïma Samira Mremi")
    assert naima == [
        ("Relecteur de dossiers", NAIMA.email, later, "Actif(s)/active(s)"),
        ("Rédacteur de dossiers", NAIMA.email, "Illimité", "Suspendu(e)"),
    ]
