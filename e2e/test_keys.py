"""The other digital keys (seed 004 §2b, §2d–2f): activated from an eID session, then used."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

import pytest
from playwright.sync_api import Page, expect

from e2e.accessibility import assert_no_axe_violations
from e2e.steps import (
    credentials_step,
    key_tile,
    log_in,
    log_in_with_account,
    log_out,
    mails_to,
    remove_key,
)
from simulators.authenticator.otp import current_code, parse_otpauth
from simulators.authenticator.qr import decode_qr
from simulators.eid.card_slots import CardSlots

pytestmark = pytest.mark.e2e

USERNAME = "jp.dumont"
PASSWORD = "Cartable-vert-2026"


def test_mobile_app_activation_login_and_removal(
    page: Page, base_url: str, card_slots: CardSlots
) -> None:
    card_slots.insert(0, "jean-pierre-dumont")
    log_in_with_account(page, base_url, "Jean-Pierre Dumont", "jp.keys@example.org")
    page.goto(base_url + "/mes-cles")
    expect(page.get_by_role("heading", level=1)).to_have_text("Mes clés numériques")
    assert_no_axe_violations(page)
    page.goto(base_url + "/mes-cles/activer/totp")
    assert_no_axe_violations(page)
    page.get_by_role("button", name="Continuer").click()  # Coordonnées
    expect(page.get_by_text("FreeOTP")).to_be_visible()
    assert_no_axe_violations(page)
    page.get_by_role("button", name="Continuer").click()  # Installer une application mobile
    qr = page.get_by_role("img", name="Code QR à scanner avec votre application mobile")
    expect(qr).to_be_visible()
    assert_no_axe_violations(page)
    # The phone reads the QR code off the screen, as a person's phone would.
    enrolment = parse_otpauth(decode_qr(qr.screenshot()))
    assert enrolment.issuer == "Mon Espace"
    page.get_by_label("Code de sécurité*").fill(current_code(enrolment, datetime.now(UTC)))
    page.get_by_role("button", name="Continuer").click()
    page.get_by_label("Nom d'utilisateur*").fill(USERNAME)
    page.get_by_label("Mot de passe*", exact=True).fill(PASSWORD)
    page.get_by_label("Confirmez le mot de passe*").fill(PASSWORD)
    page.get_by_role("button", name="Continuer").click()
    expect(page.get_by_role("status")).to_contain_text("Application mobile activée !")
    assert mails_to(
        "jp.keys@example.org",
        subject="Une clé numérique a été ajoutée à votre compte Mon Espace",
    )
    log_out(page, "Jean-Pierre Dumont")

    # Username + password, then the app's code.
    credentials_step(page, base_url, "totp", USERNAME, PASSWORD)
    page.get_by_role("textbox", name="Saisissez votre code unique").fill("000000")
    page.get_by_role("button", name="Continuer").click()
    expect(page.get_by_role("alert")).to_be_visible()
    # The first step was spent at activation: the next one is within the accepted window.
    later = datetime.now(UTC) + timedelta(seconds=30)
    page.get_by_role("textbox", name="Saisissez votre code unique").fill(
        current_code(enrolment, later)
    )
    page.get_by_role("button", name="Continuer").click()
    expect(page).to_have_url(re.compile(r"/mes-espaces/?$"))
    log_out(page, "Jean-Pierre Dumont")

    # Removing a key asks for a fresh eID login; the person is told by e-mail.
    log_in(page, base_url, "Jean-Pierre Dumont")
    expect(page).to_have_url(re.compile(r"/mes-espaces/?$"))
    app_key = key_tile(page, base_url, "code de sécurité via application mobile")
    expect(app_key).to_contain_text("ACTIVE")
    remove_key(page, app_key)
    assert mails_to(
        "jp.keys@example.org",
        subject="Une clé numérique a été supprimée de votre compte Mon Espace",
    )


def test_unknown_user_and_wrong_password_read_the_same(page: Page, base_url: str) -> None:
    messages = []
    for username in ("personne.inconnue", USERNAME):
        page.goto(f"{base_url}/connexion/password")
        page.get_by_role("textbox", name="Nom d'utilisateur").fill(username)
        page.get_by_label("Mot de passe", exact=True).fill("Pas-le-bon-mot-2026")
        page.get_by_role("button", name="Continuer").click()
        messages.append(page.get_by_role("alert").inner_text())
    assert messages[0] == messages[1]
    assert_no_axe_violations(page)


def test_email_code_activation_and_login(page: Page, base_url: str, card_slots: CardSlots) -> None:
    card_slots.insert(0, "jean-pierre-dumont")
    log_in_with_account(page, base_url, "Jean-Pierre Dumont", "jp.keys@example.org")
    page.goto(base_url + "/mes-cles/activer/email_code")
    assert_no_axe_violations(page)
    page.get_by_label("Adresse e-mail*").fill("jp.codes@example.org")
    page.get_by_role("button", name="Continuer").click()
    [registration] = mails_to(
        "jp.codes@example.org", subject="Votre code d'enregistrement Mon Espace"
    )
    code = re.search(r"\b(\d{6})\b", str(registration["text"]))
    assert code
    page.get_by_label("Code d'enregistrement*").fill(code.group(1))
    assert_no_axe_violations(page)
    page.get_by_role("button", name="Continuer").click()
    expect(
        page.get_by_text("Vous avez déjà un nom d'utilisateur et un mot de passe")
    ).to_be_visible()
    assert_no_axe_violations(page)
    page.get_by_role("button", name="Continuer").click()  # the username + password exist
    expect(page.get_by_role("status")).to_contain_text("L'adresse e-mail est activée !")
    log_out(page, "Jean-Pierre Dumont")

    credentials_step(page, base_url, "email_code", USERNAME, PASSWORD)
    expect(page.get_by_text("j*****@example.org")).to_be_visible()
    [login_mail] = mails_to("jp.codes@example.org", subject="Votre code de sécurité Mon Espace")
    login_code = re.search(r"\b(\d{6})\b", str(login_mail["text"]))
    assert login_code
    page.get_by_role("textbox", name="Saisissez votre code unique").fill(login_code.group(1))
    page.get_by_role("button", name="Continuer").click()
    expect(page).to_have_url(re.compile(r"/mes-espaces/?$"))
