"""Logging in with a persona's eID card, and a code that comes by mail."""

from __future__ import annotations

import re
import uuid

from playwright.sync_api import Page, expect

from monespace_testing.eid import EidCards
from monespace_testing.mailbox import Mailbox
from monespace_testing.portal import Portal

NAIMA = "naima-mremi"  # applet 1.7 card, PIN 1234
MAROUAN = "marouan-el-yakoubi"


def test_naima_logs_in_with_her_card_and_sees_her_spaces(portal: Portal, page: Page) -> None:
    # Her card alone in the reader, the certificate confirmed, her PIN; at a first login the
    # account is registered and activated from the mail.
    portal.log_in_with_account(NAIMA)
    expect(page.get_by_role("heading", level=1)).to_have_text("MES ESPACES")
    expect(page.get_by_role("banner")).to_contain_text("Naïma Mremi")


def test_a_blocked_card_logs_nobody_in(portal: Portal, eid_card: EidCards, page: Page) -> None:
    card = eid_card(MAROUAN)
    card.block_pin()  # as after three wrong PINs; the fixture unblocks it after the test
    portal.log_in(MAROUAN, succeeds=False)
    expect(page.get_by_role("alert")).to_have_text(re.compile("Votre code PIN est bloqué"))
    expect(page).to_have_url(re.compile(r"/connexion/eid/?$"))


def send_code(page: Page) -> None:
    """Continuer, which mails the code; the portal mails one a minute to a person, so a run
    right after another waits as the page asks."""
    page.get_by_role("button", name="Continuer").click()
    wait = page.get_by_role("alert").filter(has_text=re.compile(r"Patientez encore \d+"))
    expect(page.get_by_label("Code d'enregistrement*").or_(wait)).to_be_visible()
    if wait.is_visible():
        seconds = re.search(r"(\d+) seconde", wait.inner_text())
        page.wait_for_timeout((int(seconds.group(1)) + 1) * 1000 if seconds else 60_000)
        page.get_by_role("button", name="Continuer").click()


def test_the_email_key_is_confirmed_with_a_code_sent_by_mail(
    portal: Portal, page: Page, mailbox: Mailbox
) -> None:
    address = f"naima.{uuid.uuid4().hex[:8]}@example.org"  # a new address each run
    portal.log_in_with_account(NAIMA)
    page.goto(portal.link("/mes-cles/activer/email_code"))
    page.get_by_label("Adresse e-mail*").fill(address)
    send_code(page)

    mail = mailbox.wait_for(address, subject="Votre code d'enregistrement Mon Espace")
    page.get_by_label("Code d'enregistrement*").fill(mail.code())
    page.get_by_role("button", name="Continuer").click()
    # The code is accepted: the wizard goes on to the username and password.
    expect(
        page.get_by_label("Nom d'utilisateur*").or_(
            page.get_by_text("Vous avez déjà un nom d'utilisateur et un mot de passe")
        )
    ).to_be_visible()

    # Removed again from Mes clés numériques, so that the next run (on a demo) starts afresh.
    page.goto(portal.link("/mes-cles"))
    tile = page.get_by_role("listitem").filter(has_text="Code de sécurité par e-mail")
    tile.get_by_role("button", name="Supprimer").click()
    page.get_by_role("alertdialog").get_by_role("button", name="Supprimer").click()
    expect(page.get_by_role("status")).to_contain_text("La clé numérique a été supprimée")
