"""Back to where you were (#18, seed 004 §2e and §2f, option A). Marouan chose "code de sécurité
via application mobile" (or "par e-mail") without that key active: the page sends him to identify
with his eID first, and that login opens the activation of the key he asked for, not Mes espaces.
Sent there by a page that needed a higher level, "Retour à l'application" at the end of the
activation brings him back to that page. And Élise, invited to a role before she ever had an
account: her first login creates the account, whose activation leads back to the invitation.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import quote

import pytest
from playwright.sync_api import Page, expect

from e2e.steps import (
    TEST_COMPANY,
    card_session,
    checked,
    confirm_certificate,
    credentials_step,
    database,
    enter_pin,
    link_in,
    log_out,
    mails_to,
    make_gap,
    with_password_in_reader,
)
from portal.companies.dates import today
from portal.companies.invitations import InvitationDraft, create_invitation
from simulators.authenticator.otp import current_code, parse_otpauth
from simulators.authenticator.qr import decode_qr
from simulators.company_register.web import CompanyRegisterSimulator
from simulators.eid.card_slots import CardSlots
from simulators.personas.loader import persona

pytestmark = pytest.mark.e2e

MAROUAN = persona("marouan-el-yakoubi")
CHLOE, ELISE = persona("chloe-ducoeur"), persona("elise-wauters")
HOLDER = "Marouan El Yakoubi"
USERNAME, PASSWORD = "marouan.ey", "Tartine-au-speculoos-47"
DASHBOARD = "/citoyen/tableau-de-bord"
EID_LINK = "IDENTIFICATION avec un lecteur de cartes eID"
# The wizards' forward button ("Continuer", or the guide's "Suivant").
FORWARD = re.compile(r"^(Continuer|Suivant)$")


@pytest.fixture
def marouan(e2e_data_dir: Path, card_slots: CardSlots) -> CardSlots:
    """His active account, a username + password and no other key; his card in the reader."""
    return with_password_in_reader(e2e_data_dir, card_slots, MAROUAN, USERNAME, PASSWORD)


def identify_with_the_card(page: Page) -> None:
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Identification avec lecteur de carte eID"
    )
    page.get_by_role("button", name="S'identifier").click()
    confirm_certificate(page, HOLDER)
    enter_pin(page, "1234")


def test_the_app_not_active_yet_the_eid_then_its_activation_then_back(
    page: Page, base_url: str, marouan: CardSlots
) -> None:
    # His password alone (level low) does not open his dashboard: the step-up.
    credentials_step(page, base_url, "password", USERNAME, PASSWORD)
    expect(page.get_by_role("heading", level=1)).to_have_text("MES ESPACES")
    page.get_by_role("link", name="Mon tableau de bord").first.click()
    expect(page).to_have_url(re.compile(re.escape(f"?suite={quote(DASHBOARD, safe='')}")))
    page.get_by_role(
        "link", name="IDENTIFICATION avec un code de sécurité via une application mobile"
    ).click()

    # Option A: not activated yet; the eID login offered leads to its activation.
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "S'identifier avec un code de sécurité via une application mobile"
    )
    help_text = page.get_by_text("Vous n'avez pas encore activé cette clé numérique ?")
    expect(help_text).to_contain_text("vous arrivez directement à l'activation de cette clé")
    checked(page, "back-to-purpose-app-not-active")
    page.get_by_role("link", name=EID_LINK).click()
    identify_with_the_card(page)

    back = quote(DASHBOARD, safe="")
    expect(page).to_have_url(
        re.compile(r"/mes-cles/activer/totp/?\?retour=" + re.escape(back) + "$")
    )
    expect(page.get_by_role("heading", level=1)).to_have_text("Activer une application mobile")
    checked(page, "back-to-purpose-app-activation")
    page.get_by_role("button", name=FORWARD).click()  # Coordonnées
    page.get_by_role("button", name=FORWARD).click()  # Installer une application mobile
    qr = page.get_by_role("img", name="Code QR à scanner avec votre application mobile")
    enrolment = parse_otpauth(decode_qr(qr.screenshot()))
    page.get_by_label("Code de sécurité*").fill(current_code(enrolment, datetime.now(UTC)))
    page.get_by_role("button", name=FORWARD).click()
    expect(
        page.get_by_text("Vous avez déjà un nom d'utilisateur et un mot de passe")
    ).to_be_visible()
    page.get_by_role("button", name=FORWARD).click()
    expect(page.get_by_role("status")).to_contain_text("Application mobile activée !")

    # "Retour à l'application": the dashboard that asked for the login in the first place.
    page.get_by_role("link", name="Retour à l'application").click()
    expect(page).to_have_url(re.compile(re.escape(DASHBOARD) + "/?$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("MON TABLEAU DE BORD")
    log_out(page, HOLDER)


def test_the_mail_code_not_active_yet_the_eid_then_its_activation(
    page: Page, base_url: str, marouan: CardSlots
) -> None:
    page.goto(base_url + "/connexion")
    page.get_by_role(
        "link", name="IDENTIFICATION avec un code de sécurité envoyé par e-mail"
    ).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Identifiez-vous à l'aide du code de sécurité envoyé par e-mail"
    )
    page.get_by_role("link", name=EID_LINK).click()
    identify_with_the_card(page)

    # Straight to the activation he asked for; opened from the key chooser itself, its
    # "Retour à l'application" is Mes espaces.
    expect(page).to_have_url(re.compile(r"/mes-cles/activer/email_code/?$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Code de sécurité par e-mail")
    checked(page, "back-to-purpose-mail-activation")
    log_out(page, HOLDER)


@pytest.fixture
def invitation_link(
    e2e_data_dir: Path, base_url: str, company_register: CompanyRegisterSimulator
) -> str:
    """Chloé, GAP of "Entreprise de test", invites whoever has the link as Rédacteur de dossiers
    (through the services; the wizard's own journey is e2e/test_invitation_wizard.py)."""
    make_gap(e2e_data_dir, company_register.url, base_url, gap=CHLOE)
    now = datetime.now(UTC)
    with database(e2e_data_dir) as db:
        created = create_invitation(
            db,
            card_session(CHLOE, now),
            InvitationDraft(TEST_COMPANY, ("monespace.writer",), valid_from=today(now)),
            now,
            public_origin=base_url,
        )
        db.commit()
        return f"{base_url}/roleinvitation/accept?invitation={created.id}"


def test_an_invitation_survives_the_creation_of_the_account(
    page: Page, base_url: str, card_slots: CardSlots, invitation_link: str
) -> None:
    card_slots.insert(0, ELISE.slug)
    page.goto(invitation_link)
    expect(page.locator("main").get_by_role("heading", level=2)).to_have_text("Étape 1 : Aperçu")
    page.get_by_role("link", name="S'identifier").click()
    page.get_by_role("link", name=EID_LINK).click()
    page.get_by_role("button", name="S'identifier").click()
    confirm_certificate(page, f"{ELISE.given_names} {ELISE.surname}")
    enter_pin(page, "1234")

    # Her first login: the account first, as always.
    expect(page.get_by_role("heading", level=1)).to_have_text("MON COMPTE")
    page.get_by_label("E-mail*", exact=True).fill(ELISE.email)
    page.get_by_label("E-mail de confirmation*").fill(ELISE.email)
    page.get_by_role("button", name="Enregistrer").click()
    expect(page.get_by_text("Merci de valider votre compte via le lien fourni")).to_be_visible()
    [mail] = mails_to(ELISE.email, subject="Activez votre compte Mon Espace")
    page.goto(link_in(mail, "/mon-compte/activer"))
    expect(page.get_by_role("status")).to_contain_text(
        "Votre compte Mon Espace est maintenant activé"
    )
    checked(page, "back-to-purpose-account-activated")

    # Then back to the invitation she was accepting, now at its second step.
    page.get_by_role("link", name="Reprendre là où vous étiez").click()
    expect(page).to_have_url(re.compile(r"/roleinvitation/accept/?\?invitation="))
    expect(page.locator("main").get_by_role("heading", level=2)).to_have_text(
        "Étape 2 : Coordonnées"
    )
    expect(page.get_by_label("Adresse e-mail *")).to_have_value(ELISE.email)
