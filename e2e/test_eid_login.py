"""Logging in with the virtual eID card (seed 004 §2c), and every way it can fail."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from e2e.accessibility import assert_no_axe_violations
from e2e.steps import (
    confirm_certificate,
    enter_pin,
    link_in,
    log_in,
    mails_to,
    register_and_activate,
    start_eid_login,
)
from simulators.eid.card_slots import CardSlots

pytestmark = pytest.mark.e2e


def alert(page: Page) -> str:
    return page.get_by_role("alert").inner_text()


@pytest.mark.scaled
def test_first_login_of_a_teacher_down_to_her_dashboards(
    page: Page, base_url: str, card_slots: CardSlots
) -> None:
    card_slots.insert(0, "naima-mremi")
    start_eid_login(page, base_url)
    expect(page.get_by_role("dialog", name="Confirmer le certificat")).to_contain_text(
        "Valide à partir du"
    )
    assert_no_axe_violations(page)
    confirm_certificate(page, "Naïma Mremi")
    assert_no_axe_violations(page)
    enter_pin(page, "1234")

    # Prefilled from the card, read-only.
    expect(page).to_have_url(re.compile(r"/mon-compte/inscription/?$"))
    identity = page.locator("dl.identity-list")
    expect(identity).to_contain_text("Mremi")
    expect(identity).to_contain_text("Naïma")
    assert_no_axe_violations(page)

    # A mistyped confirmation is refused, and what was typed stays.
    page.get_by_label("E-mail*", exact=True).fill("naima.mremi@example.org")
    page.get_by_label("E-mail de confirmation*").fill("naima.mremi@example.com")
    page.get_by_role("button", name="Enregistrer").click()
    expect(page.get_by_role("alert")).to_have_text(
        "Les deux adresses e-mail ne sont pas identiques. Veuillez les saisir à nouveau."
    )
    expect(page.get_by_label("E-mail*", exact=True)).to_have_value("naima.mremi@example.org")

    register_and_activate(page, "naima.mremi@example.org")
    [mail] = mails_to("naima.mremi@example.org", subject="Activez votre compte Mon Espace")
    assert str(mail["text"]).startswith("Bonjour Naïma")
    assert "Annuler l'activation du compte Mon Espace" in str(mail["html"])

    expect(page.get_by_role("heading", name="Citoyen")).to_be_visible()
    expect(
        page.get_by_role("heading", name="Membre des personnels de l'enseignement")
    ).to_be_visible()
    assert_no_axe_violations(page)

    page.get_by_role("link", name="Mon tableau de bord").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("MON TABLEAU DE BORD")
    expect(page.get_by_role("link", name="3 Mes documents")).to_be_visible()
    expect(page.get_by_role("link", name="8 Mes notifications")).to_be_visible()
    expect(page.get_by_role("link", name="4 Communications")).to_be_visible()
    expect(page.get_by_text("Demande d'allocation d'études 2026-2027")).to_be_visible()
    assert_no_axe_violations(page)

    page.get_by_role("link", name="Mon profil").click()
    expect(page.get_by_role("img", name="Photo de la carte d'identité")).to_be_visible()
    expect(page.locator("dl.identity-list")).to_contain_text("naima.mremi@example.org")

    # The teaching space asks once which address to use for career matters.
    page.goto(base_url + "/enseignement/tableau-de-bord")
    expect(
        page.get_by_role("heading", level=1, name=re.compile("Choisissez et validez"))
    ).to_be_visible()
    assert_no_axe_violations(page)
    page.get_by_role("button", name="Valider").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("MON TABLEAU DE BORD")
    expect(page.get_by_role("link", name="2 Mes documents")).to_be_visible()

    # Editable later in Mon profil; another address is verified first.
    page.get_by_role("link", name="Mon profil").click()
    section = (
        page.get_by_role("region")
        .or_(page.locator("section"))
        .filter(has_text="Membre des personnels de l'enseignement")
        .last
    )
    expect(section).to_contain_text("naima.mremi@example.org")
    page.get_by_role("button", name="Modifier cette adresse").click()
    page.get_by_label("Via une autre adresse de mon choix :").check()
    page.get_by_label("Introduisez votre adresse e-mail").fill("n.mremi@ecole.example.org")
    page.get_by_label("Confirmez votre adresse e-mail").fill("n.mremi@ecole.example.org")
    page.get_by_role("button", name="Valider").click()
    expect(page.get_by_role("status")).to_contain_text("Un e-mail de confirmation a été envoyé")
    [confirm] = mails_to(
        "n.mremi@ecole.example.org", subject="Confirmez votre adresse e-mail Mon Espace"
    )
    page.goto(link_in(confirm, "/enseignement/confirmer-email"))
    expect(page.get_by_role("status")).to_contain_text("est confirmée")


def test_wrong_pin_shows_tries_left_then_the_right_pin_gets_in(
    page: Page, base_url: str, card_slots: CardSlots
) -> None:
    card_slots.insert(1, "chloe-ducoeur")
    start_eid_login(page, base_url)
    confirm_certificate(page, "Chloé Ducoeur")
    enter_pin(page, "9999")
    expect(page.get_by_role("alert")).to_have_text(
        "Code PIN incorrect. Il vous reste 2 essai(s) avant le blocage de la carte."
    )
    enter_pin(page, "1234")
    expect(page).to_have_url(re.compile(r"/mon-compte/inscription/?$"))


def test_three_wrong_pins_block_the_card(page: Page, base_url: str, card_slots: CardSlots) -> None:
    card_slots.insert(0, "marouan-el-yakoubi")
    start_eid_login(page, base_url)
    confirm_certificate(page, "Marouan El Yakoubi")
    enter_pin(page, "0000")
    expect(page.get_by_role("alert")).to_contain_text("Il vous reste 2 essai(s)")
    enter_pin(page, "0001")
    expect(page.get_by_role("alert")).to_contain_text("Il vous reste 1 essai(s)")
    enter_pin(page, "0002")
    expect(page.get_by_role("alert")).to_have_text(re.compile("Votre code PIN est bloqué"))
    # Trying again with the right PIN does not help: the card says so at once.
    start_eid_login(page, base_url)
    confirm_certificate(page, "Marouan El Yakoubi")
    enter_pin(page, "1234")
    expect(page.get_by_role("alert")).to_have_text(re.compile("Votre code PIN est bloqué"))
    expect(page).to_have_url(re.compile(r"/connexion/eid/?$"))


def test_revoked_certificate_is_refused(page: Page, base_url: str, card_slots: CardSlots) -> None:
    card_slots.insert(0, "sofia-marchetti")
    log_in(page, base_url, "Sofia Marchetti")
    expect(page.get_by_role("alert")).to_have_text(
        "Le certificat de votre carte d'identité a été révoqué. Adressez-vous à votre commune."
    )
    expect(page).to_have_url(re.compile(r"/connexion/eid/?$"))


def test_expired_card_is_refused(page: Page, base_url: str, card_slots: CardSlots) -> None:
    card_slots.insert(0, "lucien-vandermeulen")
    log_in(page, base_url, "Lucien Vandermeulen")
    expect(page.get_by_role("alert")).to_have_text(
        "Votre carte d'identité est expirée. Demandez une nouvelle carte à votre commune."
    )


def test_card_pulled_out_during_the_login(page: Page, base_url: str, card_slots: CardSlots) -> None:
    card_slots.insert(0, "chloe-ducoeur")
    start_eid_login(page, base_url)
    confirm_certificate(page, "Chloé Ducoeur")
    card_slots.remove(0)
    enter_pin(page, "1234")
    expect(page.get_by_role("alert")).to_have_text(
        "La carte a été retirée pendant l'opération. Réinsérez-la et recommencez."
    )


def test_no_card_in_the_reader(page: Page, base_url: str, card_slots: CardSlots) -> None:
    start_eid_login(page, base_url)
    expect(page.get_by_role("alert")).to_have_text(
        "Aucune carte n'est insérée dans le lecteur. Insérez votre carte eID."
    )
    expect(page.get_by_role("button", name="S'identifier")).to_be_visible()
    assert_no_axe_violations(page)


def test_cancel_at_the_certificate_goes_back_to_the_start(
    page: Page, base_url: str, card_slots: CardSlots
) -> None:
    card_slots.insert(0, "chloe-ducoeur")
    start_eid_login(page, base_url)
    page.get_by_role("dialog").get_by_role("button", name="Annuler").click()
    expect(page.get_by_role("button", name="S'identifier")).to_be_visible()
    expect(page.get_by_role("alert")).to_have_count(0)


def test_resend_is_throttled_and_the_cancel_link_removes_the_account(
    page: Page, base_url: str, card_slots: CardSlots
) -> None:
    card_slots.insert(0, "jean-pierre-dumont")
    log_in(page, base_url, "Jean-Pierre Dumont")
    page.get_by_label("E-mail*", exact=True).fill("jp.first@example.org")
    page.get_by_label("E-mail de confirmation*").fill("jp.first@example.org")
    page.get_by_role("button", name="Enregistrer").click()
    [first] = mails_to("jp.first@example.org", subject="Activez votre compte Mon Espace")
    page.get_by_role("button", name="Renvoyer l'e-mail").click()
    page.get_by_role("textbox", name="E-mail").fill("jp.second@example.org")
    page.get_by_role("button", name="Renvoyer mail d'activation").click()
    # Too soon after the first one: the person is told to wait.
    expect(page.get_by_role("alert")).to_contain_text("Patientez une minute")
    assert (
        mails_to("jp.second@example.org", subject="Activez votre compte Mon Espace", timeout=1)
        == []
    )
    page.goto(link_in(first, "/mon-compte/annuler-activation"))
    expect(page.get_by_role("status")).to_have_text(
        "La création du compte Mon Espace a été annulée. Aucune donnée n'a été conservée."
    )
    assert_no_axe_violations(page)
