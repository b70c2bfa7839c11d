"""The portal's eID login as a person does it in the browser, and the first-login account.

Shared with the project's own journeys (e2e/steps.py), so these steps follow the portal's pages.
"""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from monespace_testing.mailbox import Mailbox

SPACES_PATH = re.compile(r"/mes-espaces/?$")
AFTER_LOGIN = re.compile(r"/(mon-compte/inscription|mes-espaces)/?$")
ACTIVATION_SUBJECT = "Activez votre compte Mon Espace"


def start_eid_login(page: Page, base_url: str) -> None:
    page.goto(base_url + "/connexion")
    page.get_by_role("link", name="IDENTIFICATION avec un lecteur de cartes eID").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Identification avec lecteur de carte eID"
    )
    page.get_by_role("button", name="S'identifier").click()


def confirm_certificate(page: Page, holder: str) -> None:
    """The card's certificate, confirmed. The reader is on the server: before the PIN the page
    names no one (issuer, validity, fingerprint), so the holder's name is not in the dialog
    (a person already logged in, stepping up, sees their own name in the header)."""
    dialog = page.get_by_role("dialog", name="Confirmer le certificat")
    expect(dialog).to_contain_text("Certificat d'authentification de la carte")
    expect(dialog).to_contain_text("Émetteur : Citizen CA")
    expect(dialog).to_contain_text(re.compile(r"Empreinte : ([0-9A-F]{4} ){3}[0-9A-F]{4}"))
    expect(dialog).not_to_contain_text(holder)
    dialog.get_by_role("button", name="OK").click()


def enter_pin(page: Page, pin: str) -> None:
    page.get_by_label("Code PIN de votre carte d'identité").fill(pin)
    page.get_by_role("button", name="Valider").click()


def log_in(page: Page, base_url: str, holder: str, pin: str = "1234") -> None:
    """From the login page to the PIN typed: the card in the reader is ``holder``'s."""
    start_eid_login(page, base_url)
    confirm_certificate(page, holder)
    enter_pin(page, pin)


def log_out(page: Page, holder: str) -> None:
    """Through the holder's menu in the header, back to the home page."""
    page.get_by_text(holder).first.click()
    page.get_by_role("button", name="Quitter").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Guichet électronique de la Fédération Wallonie-Bruxelles"
    )


def register_and_activate(page: Page, email: str, mailbox: Mailbox) -> None:
    """From the account form shown at first login to an active account on Mes espaces: the
    address typed twice, then the activation link of the mail that arrives."""
    expect(page.get_by_role("heading", level=1)).to_have_text("MON COMPTE")
    page.get_by_label("E-mail*", exact=True).fill(email)
    page.get_by_label("E-mail de confirmation*").fill(email)
    page.get_by_role("button", name="Enregistrer").click()
    expect(page.get_by_text("Merci de valider votre compte via le lien fourni")).to_be_visible()
    mail = mailbox.wait_for(email, subject=ACTIVATION_SUBJECT)
    page.goto(mail.link("/mon-compte/activer?jeton="))
    expect(page.get_by_role("status")).to_contain_text(
        "Votre compte Mon Espace est maintenant activé."
    )
    page.get_by_role("link", name="Mes espaces").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("MES ESPACES")
