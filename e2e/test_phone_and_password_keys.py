"""SMS code, itsme and username + password (seed 004 §2b, §2d): activation from an eID session,
login, wrong code, locked keys and the way out, modification and removal.

The journeys run in file order with Naïma Mremi: the SMS activation creates her username and
password, which the password journey then locks, changes and removes.
"""

from __future__ import annotations

import json
import re
import time
import urllib.request
from datetime import UTC, datetime
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect
from sqlmodel import Session

from e2e.accessibility import assert_no_axe_violations
from e2e.conftest import E2E_SMS_PORT
from e2e.database import portal_engine
from e2e.steps import (
    credentials_step,
    key_tile,
    log_in,
    log_in_with_account,
    log_out,
    mails_to,
    other_than,
    wear_down_key,
)
from identity.keys.lockout import MAX_CONSECUTIVE_FAILURES
from identity.password import check_credentials
from identity.password.errors import InvalidCredentialsError
from simulators.eid.card_slots import CardSlots
from simulators.itsme.web import ItsmeSimulator

pytestmark = pytest.mark.e2e

HOLDER = "Naïma Mremi"
ACCOUNT_EMAIL = "naima.mremi@example.org"
PHONE = "+32471000001"  # her itsme phone too (simulators/itsme/phones.toml)
USERNAME = "naima.mremi"
PASSWORD = "Craie-et-tableau-2026"
NEW_PASSWORD = "Cahier-de-textes-2027"
SMS_API = f"http://127.0.0.1:{E2E_SMS_PORT}/api/messages"


def texts_to(number: str) -> list[str]:
    with urllib.request.urlopen(f"{SMS_API}?to={number}", timeout=5) as response:
        return [str(m["text"]) for m in json.loads(response.read())]


def next_code_by_sms(number: str, already: int, timeout: float = 15.0) -> str:
    """The 6-digit code of the first SMS after the ``already`` ones the gateway holds (the
    inbox lists the newest first)."""
    deadline = time.monotonic() + timeout
    while len(texts := texts_to(number)) <= already:
        assert time.monotonic() < deadline, f"no new SMS to {number}"
        time.sleep(0.3)
    oldest_first = texts[::-1]
    found = re.search(r"\b(\d{6})\b", oldest_first[already])
    assert found, oldest_first[already]
    return found.group(1)


def password_step(page: Page, base_url: str, kind: str, password: str = PASSWORD) -> None:
    credentials_step(page, base_url, kind, USERNAME, password)


def test_sms_code_activation_login_and_lock(
    page: Page, base_url: str, card_slots: CardSlots, e2e_data_dir: Path
) -> None:
    card_slots.insert(0, "naima-mremi")
    log_in_with_account(page, base_url, HOLDER, ACCOUNT_EMAIL)
    page.goto(base_url + "/mes-cles/activer/sms_code")
    expect(page.get_by_role("heading", level=1)).to_have_text("Code de sécurité via SMS")
    # Its risks are said where it is chosen (ASVS 6.6.1).
    expect(
        page.get_by_text("Un code par SMS est moins sûr que l'application mobile")
    ).to_be_visible()
    assert_no_axe_violations(page)
    # A number that is not a mobile number is refused with a message.
    page.get_by_label("Numéro de GSM*").fill("02 413 25 10")
    page.get_by_role("button", name="Continuer").click()
    expect(page.get_by_role("alert")).to_be_visible()
    sent = len(texts_to(PHONE))
    page.get_by_label("Numéro de GSM*").fill("0471 00 00 01")
    page.get_by_role("button", name="Continuer").click()
    page.get_by_label("Code d'enregistrement*").fill(next_code_by_sms(PHONE, sent))
    assert_no_axe_violations(page)
    page.get_by_role("button", name="Continuer").click()
    # Her first code key: she chooses her username and password.
    page.get_by_label("Nom d'utilisateur*").fill(USERNAME)
    page.get_by_label("Mot de passe*", exact=True).fill(PASSWORD)
    page.get_by_label("Confirmez le mot de passe*").fill(PASSWORD)
    assert_no_axe_violations(page)
    page.get_by_role("button", name="Continuer").click()
    expect(page.get_by_role("status")).to_contain_text("Le numéro de GSM est activé !")
    assert_no_axe_violations(page)
    assert mails_to(
        ACCOUNT_EMAIL, subject="Une clé numérique a été ajoutée à votre compte Mon Espace"
    )
    log_out(page, HOLDER)

    sent = len(texts_to(PHONE))
    password_step(page, base_url, "sms_code")
    expect(page.get_by_text("+32 4** ** ** 01")).to_be_visible()
    code = next_code_by_sms(PHONE, sent)
    page.get_by_role("textbox", name="Saisissez votre code unique").fill(other_than(code))
    page.get_by_role("button", name="Continuer").click()
    expect(page.get_by_role("alert")).to_contain_text("incorrect")
    page.get_by_role("textbox", name="Saisissez votre code unique").fill(code)
    page.get_by_role("button", name="Continuer").click()
    expect(page).to_have_url(re.compile(r"/mes-espaces/?$"))
    log_out(page, HOLDER)

    # The 100th wrong code in a row locks the key.
    wear_down_key(e2e_data_dir, USERNAME, "sms_code")
    sent = len(texts_to(PHONE))
    password_step(page, base_url, "sms_code")
    code = next_code_by_sms(PHONE, sent)
    page.get_by_role("textbox", name="Saisissez votre code unique").fill(other_than(code))
    page.get_by_role("button", name="Continuer").click()
    expect(page.get_by_role("alert")).to_contain_text("Cette clé numérique est bloquée")
    expect(page).to_have_url(re.compile(r"/connexion/sms_code/?$"))
    # (after an eID login she removes it, at the end of the password journey below)


def test_itsme_refused_then_confirmed_on_the_phone(
    page: Page, base_url: str, itsme_simulator: ItsmeSimulator
) -> None:
    phone = page.context.new_page()
    for answer in ("Refuser", "Confirmer"):
        page.goto(base_url + "/connexion/itsme")
        page.get_by_role("textbox", name="Numéro de GSM (BE +32)").fill("0471 00 00 01")
        page.get_by_role("button", name="Envoyer").click()
        # itsme's own page (an OpenID provider): the number to confirm, then the wait.
        expect(page.get_by_role("textbox", name="Numéro de GSM", exact=True)).to_have_value(
            "+32 471 00 00 01"
        )
        page.get_by_role("button", name="Envoyer la demande").click()
        waiting = page.get_by_role("status").filter(has_text="smartphone")
        expect(waiting).to_be_visible()
        if answer == "Refuser":
            assert_no_axe_violations(page)
        phone.goto(itsme_simulator.phone_url(PHONE))
        phone.get_by_role("button", name=answer).click()
        expect(phone.get_by_role("status")).to_be_visible()
        if answer == "Refuser":
            # Back on the portal's return page, which says why no session opened.
            expect(page.get_by_role("alert")).to_have_text(
                "La demande d'identification a été refusée dans l'application itsme. "
                "Si c'était une erreur, recommencez."
            )
            assert_no_axe_violations(page)
    # The approval: back through the return page, the code exchanged, the session opened.
    expect(page).to_have_url(re.compile(r"/mes-espaces/?$"))
    phone.close()
    log_out(page, HOLDER)


def test_password_locked_then_changed_then_removed(
    page: Page, base_url: str, card_slots: CardSlots, e2e_data_dir: Path
) -> None:
    # 99 wrong passwords straight through the login service, the 100th in the browser.
    with Session(portal_engine(e2e_data_dir)) as db:
        for _ in range(MAX_CONSECUTIVE_FAILURES - 1):
            with pytest.raises(InvalidCredentialsError):
                check_credentials(
                    db, username=USERNAME, password="pas-le-bon", now=datetime.now(UTC)
                )
    password_step(page, base_url, "password", "pas-le-bon-non-plus")
    locked = "Votre nom d'utilisateur et mot de passe sont bloqués après 100 essais erronés."
    expect(page.get_by_role("alert")).to_contain_text(locked)
    # Locked: even the right password is refused, with the way out.
    password_step(page, base_url, "password")
    expect(page.get_by_role("alert")).to_contain_text("connectez-vous avec votre carte")

    # The way out: an eID login, then a new password in Mes clés numériques.
    card_slots.insert(0, "naima-mremi")
    log_in(page, base_url, HOLDER)
    expect(page).to_have_url(re.compile(r"/mes-espaces/?$"))
    password_key = key_tile(page, base_url, "nom d'utilisateur et mot de passe")
    expect(password_key).to_contain_text("BLOQUÉE")
    password_key.get_by_role("link", name="Modifier").click()
    page.get_by_label("Nom d'utilisateur*").fill(USERNAME)
    page.get_by_label("Mot de passe*", exact=True).fill(NEW_PASSWORD)
    page.get_by_label("Confirmez le mot de passe*").fill(NEW_PASSWORD + "x")
    page.get_by_role("button", name="Continuer").click()
    expect(page.get_by_role("alert")).to_have_text("Les deux mots de passe ne sont pas identiques.")
    page.get_by_label("Mot de passe*", exact=True).fill(NEW_PASSWORD)
    page.get_by_label("Confirmez le mot de passe*").fill(NEW_PASSWORD)
    page.get_by_role("button", name="Continuer").click()
    expect(page.get_by_role("status")).to_contain_text("sont enregistrés")
    assert_no_axe_violations(page)
    log_out(page, HOLDER)

    password_step(page, base_url, "password", NEW_PASSWORD)
    expect(page).to_have_url(re.compile(r"/mes-espaces/?$"))
    log_out(page, HOLDER)

    # Removal (again after an eID login); the old username no longer opens anything.
    log_in(page, base_url, HOLDER)
    expect(page).to_have_url(re.compile(r"/mes-espaces/?$"))
    password_key = key_tile(page, base_url, "nom d'utilisateur et mot de passe")
    expect(password_key).to_contain_text("ACTIVE")
    # The SMS key locked in the first journey only works with the password: the confirmation
    # names it, and it goes with it (#18).
    sms_key = page.locator("li.tile").filter(has_text="code de sécurité via SMS")
    expect(sms_key).to_contain_text("BLOQUÉE")
    password_key.get_by_role("button", name="Supprimer").click()
    dialog = page.get_by_role("alertdialog")
    expect(dialog.get_by_role("listitem")).to_have_text(["code de sécurité via SMS"])
    dialog.get_by_role("button", name="Supprimer").click()
    expect(page.get_by_role("status")).to_contain_text("Les clés numériques ont été supprimées")
    expect(password_key).to_contain_text("Non activée")
    expect(sms_key).to_contain_text("Non activée")
    assert mails_to(
        ACCOUNT_EMAIL, subject="Des clés numériques ont été supprimées de votre compte Mon Espace"
    )
    log_out(page, HOLDER)
    password_step(page, base_url, "password", NEW_PASSWORD)
    expect(page.get_by_role("alert")).to_be_visible()
    expect(page).to_have_url(re.compile(r"/connexion/password/?$"))
