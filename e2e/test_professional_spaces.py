"""The companies' professional spaces (seed 003 "Espace professionnel de votre entreprise", seed
002 §3) through eID cards in the virtual readers: Naïma Mremi, "Propriétaire de l'espace" of BLA
and "Rédacteur de dossiers" of "Entreprise de test", sees both spaces in Mes espaces, opens each
(dashboard, Mes dossiers searched, filtered and paged, Mes documents with their download links,
Mes notifications, Gérer l'espace saved), finds nothing of one company in the other's pages, is
refused a company typed by hand and "Gérer l'espace" where her role does not allow it, and
loses BLA's space at the next load once her role there is stopped. Chloé Ducoeur, GAP of
"Entreprise de test" without a Mon Espace role, sees no professional space. Her personal space
has Mes dossiers too.

Set up directly in the e2e database: the designation of Chloé (the register asked over HTTP),
BLA's record, the roles, and the dossiers, documents and notifications each company holds.
Set MONESPACE_E2E_SCREENSHOTS=<folder> to keep a screenshot of every page.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from playwright.sync_api import Locator, Page, expect
from sqlmodel import select

from e2e.steps import TEST_COMPANY, active_account, checked, database, log_in, log_out, make_gap
from foundation.models.companies import AssignmentStatus, Company, RoleAssignment
from foundation.models.dossiers import Dossier, DossierStatus, PersonalItem
from simulators.company_register.web import CompanyRegisterSimulator
from simulators.eid.card_slots import CardSlots
from simulators.personas.loader import Persona, persona

pytestmark = pytest.mark.e2e

BLA = "0845059050"  # "BLA", 0845.059.050 (seed 001's company picker)
STOPPED_COMPANY = "0765688108"  # "Dumont Rénovation": nobody has a role there
CHLOE, NAIMA = persona("chloe-ducoeur"), persona("naima-mremi")
SOFIA, HELENE = persona("sofia-marchetti"), persona("helene-lambert")
A_DOSSIERS = 12
A_TITLE = "Aide à l'exportation n°"  # every dossier of "Entreprise de test"
NAIMA_NAME = "Naïma Mremi"


def _role(person: Persona, company: str, code: str, now: datetime) -> RoleAssignment:
    return RoleAssignment(
        company_number=company,
        role_code=code,
        national_number=person.national_number,
        surname=person.surname,
        first_names=person.given_names,
        email=person.email,
        starts_on=(now - timedelta(days=30)).date(),
        status=AssignmentStatus.ACTIVE,
        requested_at=now - timedelta(days=31),
    )


def _dossier(company: str, n: int, title: str, status: str, now: datetime) -> Dossier:
    return Dossier(
        reference=f"ME-2026-{n:06d}",
        national_number=NAIMA.national_number,
        space="entreprise",
        company_number=company,
        title=title,
        status=status,
        created_at=now,
        updated_at=now - timedelta(hours=n),
    )


@pytest.fixture(scope="module")
def two_companies(
    fresh_records: None,
    e2e_data_dir: Path,
    base_url: str,
    company_register: CompanyRegisterSimulator,
) -> None:
    make_gap(e2e_data_dir, company_register.url, base_url, gap=CHLOE)
    active_account(e2e_data_dir, NAIMA)
    now = datetime.now(UTC)
    statuses = list(DossierStatus)
    with database(e2e_data_dir) as db:
        db.add(
            Company(
                number=BLA,
                name="BLA",
                legal_form="SRL",
                street="Rue de Fer 25",
                zip_code="5000",
                municipality="Namur",
                registered_by="71020801586",
                registered_at=now,
            )
        )
        db.add(_role(NAIMA, TEST_COMPANY, "monespace.writer", now))
        db.add(_role(SOFIA, TEST_COMPANY, "monespace.editor", now))
        db.add(_role(NAIMA, BLA, "monespace.space_owner", now))
        db.add(_role(HELENE, BLA, "monespace.space_manager", now))
        a_rows = [
            _dossier(
                TEST_COMPANY,
                n,
                f"{A_TITLE} {n:02d}",
                statuses[n % len(statuses)],
                now,
            )
            for n in range(1, A_DOSSIERS + 1)
        ]
        b_rows = [
            _dossier(BLA, 101, "Prime à l'investissement BLA", DossierStatus.SUBMITTED, now),
            _dossier(BLA, 102, "Chèques-entreprises BLA", DossierStatus.COMPLEMENT_REQUESTED, now),
        ]
        for row in (*a_rows, *b_rows):
            db.add(row)
        db.flush()
        items = (
            (TEST_COMPANY, "document", "Accusé de réception — exportation n° 02", a_rows[1].id),
            (
                TEST_COMPANY,
                "notification",
                "Votre dossier d'aide à l'exportation est introduit",
                None,
            ),
            (BLA, "document", "Accusé de réception — prime à l'investissement", b_rows[0].id),
            (BLA, "notification", "Complément demandé pour les chèques-entreprises", None),
            (BLA, "notification", "Votre prime à l'investissement est introduite", None),
        )
        for company, kind, title, dossier_id in items:
            db.add(
                PersonalItem(
                    national_number=NAIMA.national_number,
                    space="entreprise",
                    company_number=company,
                    kind=kind,
                    title=title,
                    created_at=now,
                    dossier_id=dossier_id,
                )
            )
        db.commit()


def enter(page: Page, base_url: str, card_slots: CardSlots, person: Persona) -> None:
    card_slots.insert(0, person.slug)
    log_in(page, base_url, f"{person.first_name} {person.surname}")
    expect(page).to_have_url(re.compile(r"/mes-espaces/?$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("MES ESPACES")


def menu(page: Page, name: str) -> None:
    page.get_by_role("navigation", name="Menu de l'espace").get_by_role(
        "link", name=name, exact=True
    ).click()


def dossiers_table(page: Page) -> Locator:
    return page.get_by_role("table", name="Dossiers de l'espace")


def test_a_gap_without_a_role_has_no_professional_space(
    page: Page, base_url: str, card_slots: CardSlots, two_companies: None
) -> None:
    enter(page, base_url, card_slots, CHLOE)
    expect(page.get_by_role("heading", name="Citoyen")).to_be_visible()
    expect(page.get_by_text("Espace professionnel")).to_have_count(0)
    log_out(page, f"{CHLOE.first_name} {CHLOE.surname}")


def test_naima_acts_in_two_companies_spaces_kept_apart(
    page: Page,
    base_url: str,
    card_slots: CardSlots,
    two_companies: None,
    e2e_data_dir: Path,
) -> None:
    enter(page, base_url, card_slots, NAIMA)
    bla_card = page.get_by_role("listitem").filter(
        has=page.get_by_role("heading", name="Espace professionnel — BLA")
    )
    test_card = page.get_by_role("listitem").filter(
        has=page.get_by_role("heading", name="Espace professionnel — Entreprise de test")
    )
    expect(bla_card).to_be_visible()
    expect(test_card).to_be_visible()
    checked(page, "my-spaces")

    # BLA: the owner's dashboard, with the démarches she may start and "Gérer l'espace".
    bla_card.get_by_role("link", name="Mon tableau de bord").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Espace professionnel — BLA")
    side = page.get_by_role("navigation", name="Menu de l'espace")
    expect(side).to_contain_text("Votre rôle : Propriétaire de l'espace")
    expect(side.get_by_role("link", name="Gérer l'espace")).to_be_visible()
    expect(page.locator("a.tile", has_text="Mes notifications")).to_contain_text("2")
    expect(page.get_by_role("heading", name="Démarches suggérées")).to_be_visible()
    expect(page.get_by_role("link", name="Toutes les démarches")).to_have_attribute(
        "href", "/demarches"
    )
    expect(page.get_by_role("main")).to_contain_text("Prime à l'investissement BLA")
    expect(page.get_by_role("main")).not_to_contain_text(A_TITLE)
    checked(page, "company-dashboard")

    # Mes dossiers: BLA's two, and none of the other company's, even searched for.
    menu(page, "Mes dossiers")
    expect(page.get_by_role("heading", level=1)).to_have_text("Mes dossiers")
    table = dossiers_table(page)
    expect(table.get_by_role("row")).to_have_count(3)
    expect(table.get_by_role("link", name="Prime à l'investissement BLA")).to_have_attribute(
        "href", "/dossier?reference=ME-2026-000101"
    )
    expect(table).to_contain_text("Complément demandé")
    checked(page, "company-dossiers")
    page.get_by_label("Référence ou intitulé").fill("ME-2026-000001")
    page.get_by_role("button", name="Rechercher").click()
    expect(page.get_by_text("Aucun dossier ne correspond à cette recherche.")).to_be_visible()

    # Mes documents: the receipt downloads; Mes notifications.
    menu(page, "Mes documents")
    receipt = page.get_by_role("link", name="Accusé de réception — prime à l'investissement")
    expect(receipt).to_have_attribute(
        "href", "/_telechargement/dossier?reference=ME-2026-000101&document=accuse"
    )
    expect(page.get_by_role("main")).not_to_contain_text("exportation n°")
    checked(page, "company-documents")
    menu(page, "Mes notifications")
    expect(page.get_by_role("table", name="Mes notifications").get_by_role("row")).to_have_count(3)

    # Gérer l'espace: the contact address and its e-mails saved; who has access, read only.
    menu(page, "Gérer l'espace")
    expect(page.get_by_role("heading", level=1)).to_have_text("Gérer l'espace")
    members = page.get_by_role("table", name="Personnes ayant un rôle Mon Espace dans l'entreprise")
    expect(members).to_contain_text("Hélène Marie Lambert")
    expect(members).to_contain_text("Gestionnaire de l'espace")
    expect(members).not_to_contain_text("Marchetti")
    expect(page.get_by_role("link", name="Ouvrir Ma gestion des rôles eGov")).to_have_attribute(
        "href", "/roles"
    )
    address = page.get_by_label("Adresse e-mail de contact de l'espace")
    address.fill("dossiers-bla")
    page.get_by_role("button", name="Enregistrer").click()
    expect(page.get_by_text("Cette adresse e-mail n'est pas valide")).to_be_visible()
    expect(address).to_have_attribute("aria-invalid", "true")
    address.fill("dossiers@bla.example")
    page.get_by_label("Complément demandé").uncheck()
    page.get_by_role("button", name="Enregistrer").click()
    expect(page.get_by_role("status")).to_have_text(
        "Les paramètres de l'espace ont été enregistrés."
    )
    checked(page, "company-settings")
    page.reload()
    expect(page.get_by_label("Adresse e-mail de contact de l'espace")).to_have_value(
        "dossiers@bla.example"
    )
    expect(page.get_by_label("Complément demandé")).not_to_be_checked()
    expect(page.get_by_label("Dossier clôturé")).to_be_checked()

    # Entreprise de test: a writer, without "Gérer l'espace"; twelve dossiers on two pages.
    menu(page, "Mes espaces")
    test_card.get_by_role("link", name="Mon tableau de bord").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Espace professionnel — Entreprise de test"
    )
    side = page.get_by_role("navigation", name="Menu de l'espace")
    expect(side).to_contain_text("Votre rôle : Rédacteur de dossiers")
    expect(side.get_by_role("link", name="Gérer l'espace")).to_have_count(0)
    expect(page.get_by_role("main")).not_to_contain_text("BLA")
    menu(page, "Mes dossiers")
    table = dossiers_table(page)
    expect(page.get_by_role("status")).to_have_text("Dossiers trouvés : 12")
    expect(table.get_by_role("row")).to_have_count(11)
    page.get_by_role("navigation", name="Pages du tableau").get_by_role(
        "button", name="Page 2"
    ).click()
    expect(table.get_by_role("row")).to_have_count(3)
    expect(table).to_contain_text("ME-2026-000012")
    checked(page, "company-dossiers-page-2")
    page.get_by_label("Statut").select_option(label="Clôturé")
    page.get_by_role("button", name="Rechercher").click()
    expect(page.get_by_role("status")).to_have_text("Dossiers trouvés : 2")
    expect(table.get_by_role("row").nth(1)).to_contain_text("Clôturé")
    checked(page, "company-dossiers-filtered")
    expect(page.get_by_role("main")).not_to_contain_text("BLA")

    # "Gérer l'espace" typed by hand: the text names the roles that allow it.
    page.goto(f"{base_url}/espace-professionnel/gerer?entreprise={TEST_COMPANY}")
    expect(page.get_by_role("alert")).to_have_text(
        "Votre rôle ne permet pas de gérer l'espace. Il faut le rôle Gestionnaire de "
        "l'espace ou Propriétaire de l'espace."
    )
    expect(page.get_by_label("Adresse e-mail de contact de l'espace")).to_have_count(0)
    checked(page, "company-settings-refused")
    # A company where she has no role, typed by hand: refused, nothing of it shown.
    page.goto(f"{base_url}/espace-professionnel?entreprise={STOPPED_COMPANY}")
    expect(page.get_by_role("heading", level=1)).to_have_text("Accès refusé")
    expect(page.get_by_role("alert")).to_contain_text("Vous n'avez pas (ou plus) accès")
    checked(page, "company-refused")

    # Her own space has Mes dossiers too: the record held before the portal, without a link.
    page.goto(f"{base_url}/citoyen/tableau-de-bord")
    expect(page.get_by_role("main")).to_contain_text("En cours de traitement")
    checked(page, "citizen-dashboard")
    menu(page, "Mes dossiers")
    table = dossiers_table(page)
    expect(table).to_contain_text("Demande d'allocation d'études 2026-2027")
    expect(table.get_by_role("link")).to_have_count(0)
    checked(page, "citizen-dossiers")

    # Her role in BLA stopped: the next load of BLA's space is refused.
    with database(e2e_data_dir) as db:
        row = db.exec(
            select(RoleAssignment).where(
                RoleAssignment.company_number == BLA,
                RoleAssignment.national_number == NAIMA.national_number,
            )
        ).one()
        row.status = AssignmentStatus.STOPPED
        db.add(row)
        db.commit()
    page.goto(f"{base_url}/espace-professionnel/dossiers?entreprise={BLA}")
    expect(page.get_by_role("heading", level=1)).to_have_text("Accès refusé")
    expect(page.get_by_role("main")).not_to_contain_text("Prime à l'investissement")
    page.goto(f"{base_url}/mes-espaces")
    expect(test_card).to_be_visible()
    expect(bla_card).to_have_count(0)
    log_out(page, NAIMA_NAME)
