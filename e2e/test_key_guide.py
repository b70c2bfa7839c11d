"""Seed 004 followed with the guide in hand (issue #18): Mes clés numériques as §2b shows it,
the mobile app's wizard with its "Modifier", the expiry of username + password, removing it
with the code keys that need it, and the help for people without an eID.

The journeys run in file order with Marouan El Yakoubi (the person of the guide's screens).
Screenshots: MONESPACE_E2E_SCREENSHOTS=docs/screenshots/key-guide (docs/journey.md).
"""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from playwright.sync_api import Locator, Page, expect

from e2e.steps import (
    checked,
    credentials_step,
    database,
    link_in,
    log_in,
    log_in_with_account,
    log_out,
    mails_to,
    national_number_of,
)
from foundation.contacts import find_account
from foundation.models.digital_keys import Credential
from identity.password import DORMANT_AFTER, warn_expiring_credentials
from simulators.authenticator.otp import Enrolment, current_code, parse_otpauth
from simulators.authenticator.qr import decode_qr
from simulators.eid.card_slots import CardSlots
from simulators.personas.loader import persona

pytestmark = pytest.mark.e2e

HOLDER = "Marouan El Yakoubi"
EMAIL = "marouan.ey@example.org"
NEW_EMAIL = "marouan_ey@example.net"
USERNAME = "marouan.ey"
PASSWORD = "Cartable-bleu-2026"
NEW_PASSWORD = "Tableau-noir-2027"
APP = "code de sécurité via application mobile"
PASSWORD_KEY = "nom d'utilisateur et mot de passe"
EXPIRING = "Votre nom d'utilisateur et mot de passe Mon Espace vont expirer"
# The app Marouan enrolled, kept from the first journey for the later logins.
PHONE: dict[str, Enrolment] = {}


def day(moment: datetime) -> str:
    return f"{moment:%d/%m/%Y}"


def set_expiry(data_dir: Path, at: datetime) -> None:
    """Two years without use, as the database would have it: the expiry moved to ``at``."""
    with database(data_dir) as db:
        row = db.get(Credential, national_number_of(data_dir, USERNAME))
        assert row is not None
        row.expires_at = at
        db.add(row)
        db.commit()


def start_app_wizard(page: Page, base_url: str) -> None:
    tile(page, base_url, APP).get_by_role("link", name="Activer").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Activer une application mobile")


def scan_and_confirm(page: Page) -> Enrolment:
    """Étape 3: the phone reads the QR code off the screen; its first code goes back."""
    qr = page.get_by_role("img", name="Code QR à scanner avec votre application mobile")
    expect(qr).to_be_visible()
    enrolment = parse_otpauth(decode_qr(qr.screenshot()))
    page.get_by_label("Code de sécurité*").fill(current_code(enrolment, datetime.now(UTC)))
    page.get_by_role("button", name="Continuer").click()
    return enrolment


def tile_of(page: Page, name: str) -> Locator:
    """The key's tile by its name alone (a note on another tile may name this key too)."""
    key_name = page.locator(".key-name").filter(has_text=re.compile(f"^{re.escape(name)}$"))
    return page.locator("li.tile").filter(has=key_name)


def tile(page: Page, base_url: str, name: str) -> Locator:
    page.goto(base_url + "/mes-cles")
    return tile_of(page, name)


def test_mes_cles_as_the_guide_shows_it_and_the_mobile_app_wizard(
    page: Page, base_url: str, card_slots: CardSlots
) -> None:
    card_slots.insert(0, "marouan-el-yakoubi")
    log_in_with_account(page, base_url, HOLDER, EMAIL)
    page.goto(base_url + "/mes-cles")
    expect(page.get_by_text("Bienvenue,")).to_contain_text(HOLDER)
    expect(page.get_by_text("Affichez des clés numériques pour :")).to_contain_text(
        "Utilisation standard"
    )
    page.get_by_text("Que veut dire « Utilisation standard » ?").click()
    expect(page.get_by_text("toutes vos clés sont affichées ici")).to_be_visible()
    checked(page, "01-mes-cles")

    # Étape 1, "Coordonnées": the address, and "Modifier" as the guide shows it.
    start_app_wizard(page, base_url)
    expect(page.get_by_text("vous pouvez l'adapter ici")).to_be_visible()
    page.get_by_role("button", name="Modifier l'adresse e-mail").click()
    page.get_by_label("Nouvel e-mail*").fill(NEW_EMAIL)
    page.get_by_label("E-mail de confirmation*").fill("marouan_ey@example.com")
    page.get_by_role("button", name="Enregistrer").click()
    expect(page.get_by_role("alert")).to_have_text(
        "Les deux adresses e-mail ne sont pas identiques. Veuillez les saisir à nouveau."
    )
    page.get_by_label("E-mail de confirmation*").fill(NEW_EMAIL)
    page.get_by_role("button", name="Enregistrer").click()
    sent = page.get_by_role("status")
    expect(sent).to_contain_text(f"Un e-mail de confirmation a été envoyé à {NEW_EMAIL}")
    # The portal's difference on purpose, said on the page: the old address stays until then.
    expect(sent).to_contain_text("une faute de frappe ne vous prive pas de nos e-mails")
    checked(page, "02-app-wizard-email-changed")
    assert mails_to(NEW_EMAIL, subject="Confirmez votre adresse e-mail Mon Espace")
    page.get_by_role("button", name="Continuer").click()  # Coordonnées
    expect(page.get_by_text("App Store (pour iPhone)")).to_be_visible()
    page.get_by_role("button", name="Continuer").click()  # Installer une application mobile
    expect(page.get_by_text("Le code ne reste valable que 30 secondes.")).to_be_visible()
    checked(page, "03-app-wizard-scan")
    PHONE["marouan"] = scan_and_confirm(page)
    # Étape 4, username + password: Marouan leaves the wizard here.
    expect(page.get_by_label("Nom d'utilisateur*")).to_be_visible()
    page.get_by_role("button", name="Annuler").click()

    # The app is held, but cannot log in without username + password: never ACTIVE.
    page.goto(base_url + "/mes-cles")
    app = tile_of(page, APP)
    expect(app).to_contain_text("INUTILISABLE")
    expect(app).not_to_contain_text("ACTIVE")
    expect(app).to_contain_text("activez la clé « nom d'utilisateur et mot de passe »")
    checked(page, "04-mes-cles-app-without-password")
    tile_of(page, PASSWORD_KEY).get_by_role("link", name="Activer").click()
    page.get_by_label("Nom d'utilisateur*").fill(USERNAME)
    page.get_by_label("Mot de passe*", exact=True).fill(PASSWORD)
    page.get_by_label("Confirmez le mot de passe*").fill(PASSWORD)
    page.get_by_role("button", name="Continuer").click()
    expect(page.get_by_role("status")).to_contain_text("sont enregistrés")

    # "Expire le" (§2b): two years from now, and the rule in the Info tab.
    page.goto(base_url + "/mes-cles")
    expect(tile_of(page, APP)).to_contain_text("ACTIVE")
    password = tile_of(page, PASSWORD_KEY)
    expect(password).to_contain_text("ACTIVE")
    expect(password).to_contain_text(f"Expire le {day(datetime.now(UTC) + DORMANT_AFTER)}")
    checked(page, "05-mes-cles-expire-le")
    page.get_by_role("button", name="Info").click()
    expect(page.get_by_text("expirent après deux ans sans utilisation")).to_be_visible()
    expect(page.get_by_text("nous ne vous demandons jamais de changer")).to_be_visible()
    checked(page, "06-mes-cles-info")
    log_out(page, HOLDER)

    # He logs in with his app, as enrolled before he set his password.
    credentials_step(page, base_url, "totp", USERNAME, PASSWORD)
    later = datetime.now(UTC) + timedelta(seconds=30)
    page.get_by_role("textbox", name="Saisissez votre code unique").fill(
        current_code(PHONE["marouan"], later)
    )
    page.get_by_role("button", name="Continuer").click()
    expect(page).to_have_url(re.compile(r"/mes-espaces/?$"))
    log_out(page, HOLDER)


def test_a_dormant_password_is_announced_renewed_by_a_login_and_expires(
    page: Page, base_url: str, card_slots: CardSlots, e2e_data_dir: Path
) -> None:
    # Nearly two years without a login: the hourly job's e-mail, thirty days before.
    now = datetime.now(UTC)
    set_expiry(e2e_data_dir, now + timedelta(days=20))
    with database(e2e_data_dir) as db:
        assert warn_expiring_credentials(db, now=now) == 1
        db.commit()
    [notice] = mails_to(EMAIL, subject=EXPIRING)
    assert day(now + timedelta(days=20)) in str(notice["text"])
    assert "Vous n'avez pas à changer de mot de passe" in str(notice["text"])

    # A login with it moves the date two years ahead.
    credentials_step(page, base_url, "password", USERNAME, PASSWORD)
    expect(page).to_have_url(re.compile(r"/mes-espaces/?$"))
    log_out(page, HOLDER)
    card_slots.insert(0, "marouan-el-yakoubi")
    log_in(page, base_url, HOLDER)
    expect(page).to_have_url(re.compile(r"/mes-espaces/?$"))
    password = tile(page, base_url, PASSWORD_KEY)
    expect(password).to_contain_text(f"Expire le {day(datetime.now(UTC) + DORMANT_AFTER)}")

    # Past its date: EXPIRÉE, and the app that needs it says so; the login is refused.
    set_expiry(e2e_data_dir, datetime.now(UTC) - timedelta(days=1))
    page.goto(base_url + "/mes-cles")
    expect(tile_of(page, PASSWORD_KEY)).to_contain_text("EXPIRÉE")
    app = tile_of(page, APP)
    expect(app).to_contain_text("EXPIRÉE")
    expect(app).to_contain_text("qui ont expiré")
    checked(page, "07-mes-cles-expired")
    log_out(page, HOLDER)
    credentials_step(page, base_url, "totp", USERNAME, PASSWORD)
    expect(page.get_by_role("alert")).to_have_text(
        "Votre mot de passe a expiré. Connectez-vous avec votre carte d'identité électronique "
        "(eID) et choisissez un nouveau mot de passe dans « Mes clés numériques »."
    )

    # The way out: an eID login and a new password; the app works again.
    log_in(page, base_url, HOLDER)
    expect(page).to_have_url(re.compile(r"/mes-espaces/?$"))
    tile(page, base_url, PASSWORD_KEY).get_by_role("link", name="Modifier").click()
    page.get_by_label("Nom d'utilisateur*").fill(USERNAME)
    page.get_by_label("Mot de passe*", exact=True).fill(NEW_PASSWORD)
    page.get_by_label("Confirmez le mot de passe*").fill(NEW_PASSWORD)
    page.get_by_role("button", name="Continuer").click()
    expect(page.get_by_role("status")).to_contain_text("sont enregistrés")
    page.goto(base_url + "/mes-cles")
    expect(tile_of(page, APP)).to_contain_text("ACTIVE")
    expect(tile_of(page, PASSWORD_KEY)).to_contain_text(
        f"Expire le {day(datetime.now(UTC) + DORMANT_AFTER)}"
    )
    log_out(page, HOLDER)


def test_removing_the_password_takes_the_app_with_it(
    page: Page, base_url: str, card_slots: CardSlots, e2e_data_dir: Path
) -> None:
    card_slots.insert(0, "marouan-el-yakoubi")
    log_in(page, base_url, HOLDER)
    expect(page).to_have_url(re.compile(r"/mes-espaces/?$"))
    password = tile(page, base_url, PASSWORD_KEY)
    password.get_by_role("button", name="Supprimer").click()
    dialog = page.get_by_role("alertdialog")
    # The confirmation names the key that goes with it, and says why it asks.
    expect(dialog).to_contain_text("Les clés suivantes ne fonctionnent qu'avec votre nom")
    expect(dialog.get_by_role("listitem")).to_have_text([APP])
    expect(dialog).to_contain_text("une clé supprimée ne peut pas être récupérée")
    checked(page, "08-remove-password-confirmation")
    dialog.get_by_role("button", name="Supprimer").click()
    expect(page.get_by_role("status")).to_have_text(
        "Les clés numériques ont été supprimées. Un e-mail vous en informe."
    )
    expect(tile_of(page, PASSWORD_KEY)).to_contain_text("Non activée")
    expect(tile_of(page, APP)).to_contain_text("Non activée")
    checked(page, "09-password-and-app-removed")
    [mail] = mails_to(
        EMAIL, subject="Des clés numériques ont été supprimées de votre compte Mon Espace"
    )
    assert "application" in str(mail["text"])
    log_out(page, HOLDER)
    # Nothing ACTIVE was left that could not log in: the app's login is refused at its first step.
    credentials_step(page, base_url, "totp", USERNAME, NEW_PASSWORD)
    expect(page.get_by_role("alert")).to_be_visible()
    expect(page).to_have_url(re.compile(r"/connexion/totp/?$"))


def test_no_eid_help_leads_to_the_registration_offices(page: Page, base_url: str) -> None:
    page.goto(base_url + "/connexion/email_code")
    help_box = page.get_by_role("complementary", name="Vous n'avez pas d'eID ?")
    expect(help_box).to_contain_text(
        "Cliquez ici pour savoir comment utiliser les services publics en ligne sans eID."
    )
    checked(page, "10-code-login-no-eid")
    help_box.get_by_role("link", name="Cliquez ici").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Utiliser les services publics en ligne sans eID"
    )
    expect(page.get_by_text("Prenez rendez-vous au bureau d'enregistrement local")).to_be_visible()
    checked(page, "11-without-eid")
    page.get_by_role("link", name="Où trouver un bureau d'enregistrement local (BEL) ?").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Bureaux d'enregistrement locaux (BEL)"
    )
    namur = page.get_by_role("row").filter(has_text="Bureau d'enregistrement local de Namur")
    expect(namur).to_contain_text("5000 Namur")
    federal = page.get_by_role("row").filter(has_text="SPF BOSA")
    expect(federal).to_contain_text("+32 (0)2 740 74 74")
    checked(page, "12-registration-offices")

    # The help page: the guide's prerequisites, with the eID software's site.
    page.goto(base_url + "/aide")
    expect(page.get_by_role("listitem").filter(has_text="Logiciel eID")).to_be_visible()
    site = page.get_by_role("link", name="https://eid.belgium.be/fr")
    expect(site).to_have_attribute("href", "https://eid.belgium.be/fr")
    checked(page, "13-help-prerequisites")


def test_the_account_address_changes_only_once_confirmed(
    page: Page, base_url: str, e2e_data_dir: Path
) -> None:
    """The address given at the wizard's first step: the account keeps the old one until the
    link sent to the new one is followed."""
    marouan = persona("marouan-el-yakoubi").national_number
    with database(e2e_data_dir) as db:
        account = find_account(db, marouan)
        assert account is not None
        assert (account.email, account.pending_email) == (EMAIL, NEW_EMAIL)
    [confirm] = mails_to(NEW_EMAIL, subject="Confirmez votre adresse e-mail Mon Espace")
    page.goto(link_in(confirm, "/compte/confirmer-email"))
    expect(page.get_by_role("status")).to_contain_text(
        "Votre nouvelle adresse e-mail est confirmée"
    )
    with database(e2e_data_dir) as db:
        account = find_account(db, marouan)
        assert account is not None
        assert account.email == NEW_EMAIL
