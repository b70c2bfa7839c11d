"""'Nom d'utilisateur et/ou mot de passe oublié(s)?' (#18, seed 004 §2e/§2f). Marouan forgot his
password: from the username + password page he opens the link, identifies with his eID card,
sees his username, chooses a new password and logs in with it. The browser where someone used the
old password is out; a password session saw no username on the way.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from e2e.steps import (
    checked,
    confirm_certificate,
    credentials_step,
    enter_pin,
    log_out,
    mails_to,
    with_password_in_reader,
)
from simulators.eid.card_slots import CardSlots
from simulators.personas.loader import persona

pytestmark = pytest.mark.e2e

MAROUAN = persona("marouan-el-yakoubi")
HOLDER = "Marouan El Yakoubi"
USERNAME, OLD_PASSWORD = "marouan.ey", "Tartine-au-speculoos-47"
NEW_PASSWORD = "Glycine sous la lanterne 8"
FORGOTTEN = "Nom d'utilisateur et/ou mot de passe oublié(s)?"
CHANGED = "Le mot de passe de votre compte Mon Espace a changé"


@pytest.fixture
def marouan(e2e_data_dir: Path, card_slots: CardSlots) -> CardSlots:
    return with_password_in_reader(e2e_data_dir, card_slots, MAROUAN, USERNAME, OLD_PASSWORD)


def test_forgotten_then_the_eid_then_a_new_password_that_logs_in(
    page: Page, browser: Browser, base_url: str, marouan: CardSlots
) -> None:
    # Elsewhere, someone logged in with the old password.
    elsewhere = browser.new_context(locale="fr-BE").new_page()
    credentials_step(elsewhere, base_url, "password", USERNAME, OLD_PASSWORD)
    expect(elsewhere.get_by_role("heading", level=1)).to_have_text("MES ESPACES")
    # That session shows no username on the page: a password is not enough here.
    elsewhere.goto(base_url + "/connexion/identifiants-oublies")
    expect(elsewhere.get_by_text("Votre identification actuelle ne suffit pas")).to_be_visible()
    expect(elsewhere.get_by_text(USERNAME)).to_have_count(0)

    # Every username + password page has the link.
    for kind in ("password", "totp", "email_code", "sms_code", "paper_token"):
        page.goto(f"{base_url}/connexion/{kind}")
        expect(page.get_by_role("link", name=FORGOTTEN)).to_be_visible()
    page.get_by_role("link", name=FORGOTTEN).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(FORGOTTEN)
    with_eid = page.get_by_role("region", name="Vous avez une carte eID ou itsme")
    expect(with_eid.get_by_role("link", name="IDENTIFICATION via itsme")).to_be_visible()
    without_eid = page.get_by_role(
        "region", name="Vous n'avez pas d'eID (token papier, étranger non domicilié en Belgique)"
    )
    expect(without_eid).to_contain_text("bureau d'enregistrement local (BEL)")
    expect(
        without_eid.get_by_role("link", name="Où trouver un bureau d'enregistrement local (BEL) ?")
    ).to_have_attribute("href", "/sans-eid/bureaux-enregistrement")
    checked(page, "forgotten-credentials")

    # His card: back on this page, his username, a new password.
    with_eid.get_by_role("link", name="IDENTIFICATION avec un lecteur de cartes eID").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Identification avec lecteur de carte eID"
    )
    page.get_by_role("button", name="S'identifier").click()
    confirm_certificate(page, HOLDER)
    enter_pin(page, "1234")
    expect(page).to_have_url(re.compile(r"/connexion/identifiants-oublies/?$"))
    expect(page.get_by_text("Votre nom d'utilisateur :")).to_contain_text(USERNAME)
    checked(page, "forgotten-credentials-new-password")
    page.get_by_label("Nouveau mot de passe*").fill("court")
    page.get_by_label("Confirmez le mot de passe*").fill("court")
    page.get_by_role("button", name="Enregistrer le nouveau mot de passe").click()
    expect(page.get_by_role("alert")).to_contain_text("au moins 12 caractères")
    page.get_by_label("Nouveau mot de passe*").fill(NEW_PASSWORD)
    page.get_by_label("Confirmez le mot de passe*").fill(NEW_PASSWORD)
    page.get_by_role("button", name="Enregistrer le nouveau mot de passe").click()
    saved = page.get_by_role("status")
    expect(saved).to_contain_text("Votre nouveau mot de passe est enregistré.")
    expect(saved).to_contain_text(USERNAME)
    checked(page, "forgotten-credentials-saved")
    assert mails_to(MAROUAN.email, subject=CHANGED)

    # The old password's browser is out at its next step.
    elsewhere.goto(base_url + "/mes-espaces")
    expect(elsewhere).to_have_url(re.compile(r"/connexion/?$"))
    elsewhere.context.close()

    # The new password logs in; the old one no more.
    log_out(page, HOLDER)
    credentials_step(page, base_url, "password", USERNAME, OLD_PASSWORD)
    expect(page.get_by_role("alert")).to_contain_text("incorrect")
    credentials_step(page, base_url, "password", USERNAME, NEW_PASSWORD)
    expect(page.get_by_role("heading", level=1)).to_have_text("MES ESPACES")
