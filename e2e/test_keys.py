"""The other digital keys (seed 004 §2b, §2d–2f): activated from an eID session, then used."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from pathlib import Path

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
    other_than,
    remove_key,
    wear_down_key,
)
from simulators.authenticator.otp import Enrolment, current_code, parse_otpauth
from simulators.authenticator.qr import decode_qr
from simulators.eid.card_slots import CardSlots

pytestmark = pytest.mark.e2e

USERNAME = "jp.dumont"
PASSWORD = "Cartable-vert-2026"
CODES_ADDRESS = "jp.codes@example.org"
CODE_SUBJECT = "Votre code de sécurité Mon Espace"
REMOVED_SUBJECT = "Une clé numérique a été supprimée de votre compte Mon Espace"
LOCKED = (
    "Cette clé numérique est bloquée après trop d'essais erronés. Connectez-vous avec votre "
    "carte d'identité électronique (eID) et réactivez-la dans « Mes clés numériques »."
)


def next_code_by_mail(address: str, already: int) -> str:
    """The code of the first login mail after the ``already`` ones."""
    mails = mails_to(address, subject=CODE_SUBJECT, more_than=already)
    assert len(mails) > already, f"no new code mailed to {address}"
    found = re.search(r"\b(\d{6})\b", str(mails[-already - 1]["text"]))
    assert found
    return found.group(1)


def wrong_code(enrolment: Enrolment, now: datetime) -> str:
    """Six digits the app shows in none of the steps the portal accepts around ``now``."""
    accepted = {current_code(enrolment, now + timedelta(seconds=30 * k)) for k in (-1, 0, 1)}
    return next(c for c in ("000000", "111111", "222222", "333333") if c not in accepted)


@pytest.mark.scaled
def test_mobile_app_activation_login_lock_and_removal(
    page: Page, base_url: str, card_slots: CardSlots, e2e_data_dir: Path
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

    # The 100th wrong code in a row locks the key, and the message names the way out.
    wear_down_key(e2e_data_dir, USERNAME, "totp")
    credentials_step(page, base_url, "totp", USERNAME, PASSWORD)
    page.get_by_role("textbox", name="Saisissez votre code unique").fill(
        wrong_code(enrolment, datetime.now(UTC))
    )
    page.get_by_role("button", name="Continuer").click()
    expect(page.get_by_role("alert")).to_have_text(LOCKED)

    # The way out: an eID login, then the app enrolled again from Mes clés numériques.
    log_in(page, base_url, "Jean-Pierre Dumont")
    expect(page).to_have_url(re.compile(r"/mes-espaces/?$"))
    app_key = key_tile(page, base_url, "code de sécurité via application mobile")
    expect(app_key).to_contain_text("BLOQUÉE")
    app_key.get_by_role("link", name="Modifier").click()
    page.get_by_role("button", name="Continuer").click()  # Coordonnées
    page.get_by_role("button", name="Continuer").click()  # Installer une application mobile
    qr = page.get_by_role("img", name="Code QR à scanner avec votre application mobile")
    renewed = parse_otpauth(decode_qr(qr.screenshot()))
    assert renewed.secret != enrolment.secret
    page.get_by_label("Code de sécurité*").fill(current_code(renewed, datetime.now(UTC)))
    page.get_by_role("button", name="Continuer").click()
    expect(
        page.get_by_text("Vous avez déjà un nom d'utilisateur et un mot de passe")
    ).to_be_visible()
    page.get_by_role("button", name="Continuer").click()
    expect(page.get_by_role("status")).to_contain_text("Application mobile activée !")

    # Removing a key asks for a recent eID login; the person is told by e-mail.
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


@pytest.mark.scaled
def test_email_code_activation_login_lock_and_removal(
    page: Page, base_url: str, card_slots: CardSlots, e2e_data_dir: Path
) -> None:
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
    # The guide's words (§2f), and the portal's one-minute wait with its reason.
    expect(
        page.get_by_text(
            "Si vous ne recevez pas d'e-mail, cliquez sur « Annuler » et demandez un nouveau code."
        )
    ).to_be_visible()
    expect(page.get_by_text("qu'une minute après le précédent")).to_be_visible()
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
    expect(page.get_by_role("complementary", name="Vous n'avez pas d'eID ?")).to_be_visible()
    assert_no_axe_violations(page)
    page.get_by_role("textbox", name="Saisissez votre mot de passe à usage unique").fill(
        next_code_by_mail(CODES_ADDRESS, 0)
    )
    page.get_by_role("button", name="Continuer").click()
    expect(page).to_have_url(re.compile(r"/mes-espaces/?$"))
    log_out(page, "Jean-Pierre Dumont")

    # A wrong code is refused; the 100th wrong one in a row locks the key.
    credentials_step(page, base_url, "email_code", USERNAME, PASSWORD)
    login_code = next_code_by_mail(CODES_ADDRESS, 1)
    other = other_than(login_code)
    page.get_by_role("textbox", name="Saisissez votre mot de passe à usage unique").fill(other)
    page.get_by_role("button", name="Continuer").click()
    expect(page.get_by_role("alert")).to_contain_text("incorrect")
    wear_down_key(e2e_data_dir, USERNAME, "email_code")
    page.get_by_role("textbox", name="Saisissez votre mot de passe à usage unique").fill(other)
    page.get_by_role("button", name="Continuer").click()
    expect(page.get_by_role("alert")).to_have_text(LOCKED)
    # Locked, the key stops the next login at once, before any code is sent.
    credentials_step(page, base_url, "email_code", USERNAME, PASSWORD)
    expect(page.get_by_role("alert")).to_have_text(LOCKED)
    assert len(mails_to(CODES_ADDRESS, subject=CODE_SUBJECT, timeout=0)) == 2

    # After an eID login the locked key can be removed; the person is told by e-mail.
    log_in(page, base_url, "Jean-Pierre Dumont")
    expect(page).to_have_url(re.compile(r"/mes-espaces/?$"))
    email_key = key_tile(page, base_url, "code de sécurité par e-mail")
    expect(email_key).to_contain_text("BLOQUÉE")
    before = len(mails_to("jp.keys@example.org", subject=REMOVED_SUBJECT, timeout=0))
    remove_key(page, email_key)
    after = mails_to("jp.keys@example.org", subject=REMOVED_SUBJECT, more_than=before)
    assert len(after) == before + 1
