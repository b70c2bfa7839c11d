"""The paper token (seed 004 "Demander votre code unique (TOKEN)"): an officer registers a person
without a Belgian card, the person activates the token from the e-mailed link, then logs in; a
locked token is renewed at the office; another person activates the mobile app instead.

The journeys run in file order with Anna Kowalska."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from playwright.sync_api import Locator, Page, expect

from e2e.accessibility import assert_no_axe_violations
from e2e.steps import (
    checked,
    credentials_step,
    link_in,
    log_in,
    log_out,
    mails_to,
    national_number_of,
    other_than,
    wear_down_key,
)
from e2e.test_phone_and_password_keys import next_code_by_sms
from simulators.authenticator.otp import current_code, parse_otpauth
from simulators.authenticator.qr import decode_qr
from simulators.eid.card_slots import CardSlots

pytestmark = pytest.mark.e2e

EMAIL = "anna.kowalska@example.pl"
USERNAME = "anna.kowalska"
PASSWORD = "Tulipes-de-Cracovie-7"
ACTIVATION_SUBJECT = "Activez votre clé numérique Mon Espace"
ANNA = {
    "surname": "Kowalska",
    "first_names": "Anna Maria",
    "birth_date": "1990-05-17",
    "document": "EA 1234567",
    "email": EMAIL,
}
JAN = {
    "surname": "Nowak",
    "first_names": "Jan",
    "birth_date": "1985-11-02",
    "document": "EB 7654321",
    "email": "jan.nowak@example.pl",
}


def open_the_office(page: Page, base_url: str, card_slots: CardSlots) -> None:
    """Hélène Lambert, officer in Namur, logs in with her eID and opens the back office."""
    card_slots.insert(0, "helene-lambert")
    log_in(page, base_url, "Hélène Lambert")
    # An officer needs no Mon Espace account of her own: the eID session is enough.
    expect(page).to_have_url(re.compile(r"/mon-compte/inscription/?$"))
    page.goto(base_url + "/bureau-enregistrement")
    expect(page.get_by_role("heading", level=1)).to_have_text("Bureau d'enregistrement local")
    expect(page.get_by_text("Bureau d'enregistrement local de Namur")).to_be_visible()


def fill_registration(form: Locator, person: dict[str, str]) -> None:
    form.get_by_label("Nom*").fill(person["surname"])
    form.get_by_label("Prénom(s)*").fill(person["first_names"])
    form.get_by_label("Date de naissance*").fill(person["birth_date"])
    form.get_by_label("Document d'identité présenté*").select_option(label="Passeport")
    form.get_by_label("Numéro du document*").fill(person["document"])
    form.get_by_label("Adresse e-mail de la personne*").fill(person["email"])
    form.get_by_label("J'ai vérifié le document original").check()


def issued_code(page: Page, full_name: str) -> str:
    """The activation code the office prints for the person just registered."""
    expect(page.get_by_role("status")).to_contain_text("La personne est enregistrée")
    expect(page.get_by_text(full_name)).to_be_visible()
    code = page.locator("#activation-code").inner_text()
    assert re.fullmatch(r"[2-9A-HJ-NP-Z]{5}( [2-9A-HJ-NP-Z]{5}){3}", code)
    return code


def register_at_the_office(page: Page, base_url: str, card_slots: CardSlots) -> str:
    """Hélène Lambert registers Anna Kowalska; returns the code she prints."""
    open_the_office(page, base_url, card_slots)
    assert_no_axe_violations(page)
    form = page.get_by_role("form", name="Enregistrer une personne")
    fill_registration(form, ANNA | {"email": "anna.kowalska@example"})
    form.get_by_role("button", name="Enregistrer et délivrer le code d'activation").click()
    # A wrong address is refused with a message, and nothing typed is lost.
    expect(page.get_by_role("alert")).to_have_text(
        "Cette adresse e-mail n'est pas valable. Vérifiez-la (par exemple nom@exemple.be)."
    )
    expect(form.get_by_label("Nom*")).to_have_value("Kowalska")
    form.get_by_label("Adresse e-mail de la personne*").fill(EMAIL)
    form.get_by_role("button", name="Enregistrer et délivrer le code d'activation").click()
    code = issued_code(page, "Anna Maria Kowalska")
    assert_no_axe_violations(page)
    log_out(page, "Hélène Lambert")
    return code


def activate_token(page: Page, activation_link: str, code: str) -> dict[str, str]:
    """From the e-mailed link to the printed card; returns the card's codes by number."""
    page.goto(activation_link)
    expect(page.get_by_role("heading", level=1)).to_have_text("Activer votre clé numérique")
    page.get_by_label("Code d'activation*").fill(code)
    page.get_by_role("button", name="Suivant").click()
    expect(page.get_by_text("Anna Maria Kowalska")).to_be_visible()
    page.get_by_label("Code de sécurité via token").check()
    page.get_by_label("Ma préférence linguistique*").select_option("fr")
    page.get_by_label("J'accepte les conditions d'usage*").check()
    page.get_by_role("button", name="Activer une clé numérique").click()
    page.get_by_label("Nom d'utilisateur*").fill(USERNAME)
    page.get_by_label("Mot de passe*", exact=True).fill(PASSWORD)
    page.get_by_label("Confirmez le mot de passe*").fill(PASSWORD)
    page.get_by_role("button", name="Créer mon token").click()
    expect(page.get_by_role("status")).to_contain_text(
        "Votre code de sécurité via token a été créé avec succès !"
    )
    cells = page.get_by_role("table").locator("tbody").locator("th, td").all_inner_texts()
    return dict(zip(cells[::2], cells[1::2], strict=True))


def asked_number(page: Page) -> str:
    """After username + password: the number of the card's code the portal asks for."""
    prompt = page.get_by_text("Saisissez le code de sécurité de votre token portant le numéro")
    expect(prompt).to_be_visible()
    return prompt.locator("strong").inner_text()


def enter_token_code(page: Page, code: str) -> None:
    page.get_by_role("textbox", name="Saisissez votre code unique").fill(code)
    page.get_by_role("button", name="Continuer").click()


def test_officer_registers_person_activates_token_and_logs_in(
    page: Page, base_url: str, card_slots: CardSlots
) -> None:
    code = register_at_the_office(page, base_url, card_slots)
    [mail] = mails_to(EMAIL, subject=ACTIVATION_SUBJECT)
    page.goto(link_in(mail, "/mes-cles/activer-token", "activation"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Activer votre clé numérique")
    assert_no_axe_violations(page)

    # A wrong activation code: two tries left; the right one typed loosely is accepted.
    page.get_by_label("Code d'activation*").fill("AAAAA AAAAA AAAAA AAAAA")
    page.get_by_role("button", name="Suivant").click()
    expect(page.get_by_role("alert")).to_have_text(
        "Le code d'activation est incorrect. Il vous reste 2 essai(s)."
    )
    page.get_by_label("Code d'activation*").fill(code.lower().replace(" ", "-"))
    page.get_by_role("button", name="Suivant").click()
    expect(page.get_by_text("Anna Maria Kowalska")).to_be_visible()
    # The seed recommends the mobile app, checked first; Anna has no smartphone: the token.
    expect(page.get_by_label("Code de sécurité via application mobile")).to_be_checked()
    page.get_by_label("Code de sécurité via token").check()
    assert_no_axe_violations(page)
    page.get_by_label("Ma préférence linguistique*").select_option("fr")
    page.get_by_label("J'accepte les conditions d'usage*").check()
    page.get_by_role("button", name="Activer une clé numérique").click()

    page.get_by_label("Nom d'utilisateur*").fill(USERNAME)
    page.get_by_label("Mot de passe*", exact=True).fill(PASSWORD)
    page.get_by_label("Confirmez le mot de passe*").fill(PASSWORD)
    page.get_by_role("button", name="Créer mon token").click()
    done = page.get_by_role("status")
    expect(done).to_contain_text("Votre code de sécurité via token a été créé avec succès !")
    expect(done).to_contain_text("vous avez été automatiquement déconnecté(e)")
    expect(done).to_contain_text(EMAIL)
    assert_no_axe_violations(page)
    # The card as printed: three columns of numbered codes, 1 to 24.
    cells = page.get_by_role("table").locator("tbody").locator("th, td").all_inner_texts()
    card = dict(zip(cells[::2], cells[1::2], strict=True))
    assert sorted(card, key=int) == [str(n) for n in range(1, 25)]
    assert all(re.fullmatch(r"\d{6}", code) for code in card.values())
    # Printed, the page is the card alone: no navigation, no buttons.
    page.emulate_media(media="print")
    expect(page.locator("header")).to_be_hidden()
    expect(page.get_by_role("button", name="Imprimer votre token")).to_be_hidden()
    expect(page.get_by_role("table")).to_be_visible()
    page.emulate_media(media="screen")
    [card_mail] = mails_to(EMAIL, subject="Votre token Mon Espace")
    assert f"n° {1:>2} : {card['1']}" in str(card_mail["text"])

    # Login: username + password, then the code whose number is asked.
    page.get_by_role("link", name="Identification « Mes clés numériques »").click()
    page.get_by_role("textbox", name="Nom d'utilisateur").fill(USERNAME)
    page.get_by_label("Mot de passe", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Continuer").click()
    number = asked_number(page)
    enter_token_code(page, other_than(card[number]))
    expect(page.get_by_role("alert")).to_have_text(
        f"Ce code ne correspond pas au code n° {number} de votre token. Vérifiez-le et réessayez."
    )
    enter_token_code(page, card[number])
    # No account yet for this BIS number: the first login creates it.
    expect(page).to_have_url(re.compile(r"/mon-compte/inscription/?$"))
    expect(page.get_by_text("Anna Maria")).to_be_visible()


def test_a_locked_token_is_renewed_at_the_office(
    page: Page, base_url: str, card_slots: CardSlots, e2e_data_dir: Path
) -> None:
    [card_mail] = mails_to(EMAIL, subject="Votre token Mon Espace")
    card = dict(re.findall(r"n°\s*(\d+) : (\d{6})", str(card_mail["text"])))
    # The 100th wrong code in a row locks the token; the message sends Anna to the office, since
    # she has no eID card to log in with.
    wear_down_key(e2e_data_dir, USERNAME, "paper_token")
    credentials_step(page, base_url, "paper_token", USERNAME, PASSWORD)
    enter_token_code(page, other_than(card[asked_number(page)]))
    expect(page.get_by_role("alert")).to_contain_text(
        "Votre token est bloqué après 100 codes erronés. Adressez-vous à votre bureau "
        "d'enregistrement local"
    )

    # At the office, Hélène Lambert issues a new activation code for Anna's BIS number.
    open_the_office(page, base_url, card_slots)
    renew = page.get_by_role("form", name="Délivrer un nouveau code d'activation")
    renew.get_by_label("Numéro BIS*").fill(national_number_of(e2e_data_dir, USERNAME))
    renew.get_by_role("button", name="Délivrer un nouveau code").click()
    code = issued_code(page, "Anna Maria Kowalska")
    log_out(page, "Hélène Lambert")

    # Anna activates again from the new mail: a new card, and her token opens Mon Espace again.
    mails = mails_to(EMAIL, subject=ACTIVATION_SUBJECT, more_than=1)
    assert len(mails) == 2
    newest = link_in(mails[0], "/mes-cles/activer-token", "activation")
    new_card = activate_token(page, newest, code)
    assert new_card != card
    credentials_step(page, base_url, "paper_token", USERNAME, PASSWORD)
    enter_token_code(page, new_card[asked_number(page)])
    expect(page).to_have_url(re.compile(r"/mon-compte/inscription/?$"))


def test_a_registered_person_activates_the_mobile_app_instead(
    page: Page, base_url: str, card_slots: CardSlots
) -> None:
    open_the_office(page, base_url, card_slots)
    form = page.get_by_role("form", name="Enregistrer une personne")
    fill_registration(form, JAN)
    form.get_by_role("button", name="Enregistrer et délivrer le code d'activation").click()
    code = issued_code(page, "Jan Nowak")
    log_out(page, "Hélène Lambert")

    [mail] = mails_to(JAN["email"], subject=ACTIVATION_SUBJECT)
    page.goto(link_in(mail, "/mes-cles/activer-token", "activation"))
    page.get_by_label("Code d'activation*").fill(code)
    page.get_by_role("button", name="Suivant").click()
    expect(page.get_by_text("Jan Nowak")).to_be_visible()
    # The recommended key, as the seed's step 3 shows it.
    expect(page.get_by_label("Code de sécurité via application mobile")).to_be_checked()
    page.get_by_label("Ma préférence linguistique*").select_option("fr")
    page.get_by_label("J'accepte les conditions d'usage*").check()
    page.get_by_role("button", name="Activer une clé numérique").click()

    # His phone reads the QR code off the screen; a wrong first code loses nothing typed.
    qr = page.get_by_role("img", name="Code QR à scanner avec votre application mobile")
    enrolment = parse_otpauth(decode_qr(qr.screenshot()))
    assert enrolment.issuer == "Mon Espace"
    assert_no_axe_violations(page)
    now_code = current_code(enrolment, datetime.now(UTC))
    page.get_by_label("Code de sécurité*").fill(other_than(now_code))
    page.get_by_label("Nom d'utilisateur*").fill("jan.nowak")
    page.get_by_label("Mot de passe*", exact=True).fill(PASSWORD)
    page.get_by_label("Confirmez le mot de passe*").fill(PASSWORD)
    page.get_by_role("button", name="Activer mon application mobile").click()
    expect(page.get_by_role("alert")).to_contain_text("incorrect")
    expect(page.get_by_label("Nom d'utilisateur*")).to_have_value("jan.nowak")
    page.get_by_label("Code de sécurité*").fill(current_code(enrolment, datetime.now(UTC)))
    page.get_by_role("button", name="Activer mon application mobile").click()
    done = page.get_by_role("status")
    expect(done).to_contain_text(
        "Votre code de sécurité via application mobile a été créé avec succès !"
    )
    expect(done).to_contain_text("vous avez été automatiquement déconnecté(e)")
    assert_no_axe_violations(page)

    # He logs in with username + password and the app's next code.
    page.get_by_role("link", name="Identification « Mes clés numériques »").click()
    expect(page).to_have_url(re.compile(r"/connexion/totp/?$"))
    credentials_step(page, base_url, "totp", "jan.nowak", PASSWORD)
    later = datetime.now(UTC) + timedelta(seconds=30)
    page.get_by_role("textbox", name="Saisissez votre code unique").fill(
        current_code(enrolment, later)
    )
    page.get_by_role("button", name="Continuer").click()
    expect(page).to_have_url(re.compile(r"/mon-compte/inscription/?$"))
    expect(page.get_by_text("Nowak").first).to_be_visible()


SOFIA = {
    "surname": "Rossi",
    "first_names": "Sofia",
    "birth_date": "1992-03-08",
    "document": "YA 3141592",
    "email": "sofia.rossi@example.it",
}
SOFIA_PHONE = "+32472000007"


def test_a_registered_person_activates_the_sms_code_instead(
    page: Page, base_url: str, card_slots: CardSlots
) -> None:
    """Seed 004 §3: "Il est recommandé d'installer le code de sécurité via application mobile ou
    SMS": the number, the code the SMS brings, then username + password."""
    open_the_office(page, base_url, card_slots)
    form = page.get_by_role("form", name="Enregistrer une personne")
    fill_registration(form, SOFIA)
    form.get_by_role("button", name="Enregistrer et délivrer le code d'activation").click()
    code = issued_code(page, "Sofia Rossi")
    log_out(page, "Hélène Lambert")

    [mail] = mails_to(SOFIA["email"], subject=ACTIVATION_SUBJECT)
    page.goto(link_in(mail, "/mes-cles/activer-token", "activation"))
    page.get_by_label("Code d'activation*").fill(code)
    page.get_by_role("button", name="Suivant").click()
    expect(page.get_by_text("Sofia Rossi")).to_be_visible()
    expect(
        page.get_by_text(
            "Il est recommandé d'installer le code de sécurité via application mobile ou SMS."
        )
    ).to_be_visible()
    page.get_by_text("Pourquoi ?").click()
    expect(page.get_by_text("celui du SMS arrive sur votre numéro")).to_be_visible()
    page.get_by_label("Code de sécurité via SMS").check()
    page.get_by_label("Ma préférence linguistique*").select_option("fr")
    page.get_by_label("J'accepte les conditions d'usage*").check()
    checked(page, "14-token-activation-sms-choice")
    page.get_by_role("button", name="Activer une clé numérique").click()

    # A landline is refused with a message; her mobile number gets the code.
    page.get_by_label("Numéro de GSM*").fill("081 12 34 56")
    page.get_by_role("button", name="Envoyer le code").click()
    expect(page.get_by_role("alert")).to_be_visible()
    page.get_by_label("Numéro de GSM*").fill("0472 00 00 07")
    page.get_by_role("button", name="Envoyer le code").click()
    expect(page.get_by_text("Un code d'enregistrement a été envoyé par SMS au")).to_contain_text(
        "+32 4** ** ** 07"
    )
    # The one-minute wait before another code, and why, on the page.
    expect(page.get_by_text("personne ne peut inonder votre téléphone")).to_be_visible()
    checked(page, "15-token-activation-sms-code")
    sms_code = next_code_by_sms(SOFIA_PHONE, 0)
    page.get_by_label("Code d'enregistrement*").fill(other_than(sms_code))
    page.get_by_label("Nom d'utilisateur*").fill("sofia.rossi")
    page.get_by_label("Mot de passe*", exact=True).fill(PASSWORD)
    page.get_by_label("Confirmez le mot de passe*").fill(PASSWORD)
    page.get_by_role("button", name="Activer mon code de sécurité via SMS").click()
    expect(page.get_by_role("alert")).to_contain_text("incorrect")
    expect(page.get_by_label("Nom d'utilisateur*")).to_have_value("sofia.rossi")
    page.get_by_label("Code d'enregistrement*").fill(sms_code)
    page.get_by_role("button", name="Activer mon code de sécurité via SMS").click()
    done = page.get_by_role("status")
    expect(done).to_contain_text("Votre code de sécurité via SMS a été créé avec succès !")
    expect(done).to_contain_text("+32 4** ** ** 07")
    checked(page, "16-token-activation-sms-done")

    # She logs in with username + password and the code of a new SMS.
    page.get_by_role("link", name="Identification « Mes clés numériques »").click()
    expect(page).to_have_url(re.compile(r"/connexion/sms_code/?$"))
    credentials_step(page, base_url, "sms_code", "sofia.rossi", PASSWORD)
    page.get_by_role("textbox", name="Saisissez votre code unique").fill(
        next_code_by_sms(SOFIA_PHONE, 1)
    )
    page.get_by_role("button", name="Continuer").click()
    expect(page).to_have_url(re.compile(r"/mon-compte/inscription/?$"))
    expect(page.get_by_text("Rossi").first).to_be_visible()
