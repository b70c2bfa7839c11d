"""The account (seed 004 §5–6): change the e-mail, log out, delete and withdraw, purge."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from e2e.accessibility import assert_no_axe_violations
from e2e.database import database_url
from e2e.steps import link_in, log_in, log_in_with_account, mails_to, register_and_activate
from foundation.settings import PROJECT_ROOT
from simulators.eid.card_slots import CardSlots

pytestmark = pytest.mark.e2e


def open_account_page(page: Page) -> None:
    page.get_by_text("Marouan El Yakoubi").or_(page.get_by_text("Jean-Pierre Dumont")).first.click()
    page.get_by_role("link", name="Compte").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("MON COMPTE")


def test_new_email_is_verified_before_it_replaces_the_old(
    page: Page, base_url: str, card_slots: CardSlots
) -> None:
    card_slots.insert(0, "marouan-el-yakoubi")
    log_in_with_account(page, base_url, "Marouan El Yakoubi", "marouan.1@example.org")
    open_account_page(page)
    assert_no_axe_violations(page)
    old = page.locator("dl.identity-list dd").nth(2).inner_text()
    page.get_by_label("Nouvel e-mail*").fill("marouan.new@example.org")
    page.get_by_label("E-mail de confirmation*").fill("marouan.new@example.org")
    page.get_by_role("button", name="Enregistrer").click()
    expect(page.get_by_role("status")).to_contain_text("Un e-mail de confirmation a été envoyé")
    # Not yet replaced.
    expect(page.locator("dl.identity-list")).to_contain_text(old)
    [confirm] = mails_to(
        "marouan.new@example.org", subject="Confirmez votre adresse e-mail Mon Espace"
    )
    page.goto(link_in(confirm, "/compte/confirmer-email"))
    expect(page.get_by_role("status")).to_contain_text(
        "Votre nouvelle adresse e-mail est confirmée"
    )
    page.goto(base_url + "/compte")
    expect(page.locator("dl.identity-list")).to_contain_text("marouan.new@example.org")
    [notice] = mails_to(old, subject="L'adresse e-mail de votre compte Mon Espace a changé")
    assert "marouan.new@example.org" in str(notice["text"])


def test_after_logout_the_back_button_shows_nothing_private(
    page: Page, base_url: str, card_slots: CardSlots
) -> None:
    card_slots.insert(0, "marouan-el-yakoubi")
    log_in_with_account(page, base_url, "Marouan El Yakoubi", "marouan.2@example.org")
    page.get_by_role("link", name="Mon tableau de bord").first.click()
    expect(
        page.get_by_role("cell", name="Inscription en première année du secondaire")
    ).to_be_visible()
    page.get_by_text("Marouan El Yakoubi").first.click()
    page.get_by_role("button", name="Quitter").click()
    expect(page).to_have_url(re.compile(r"localhost:\d+/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Guichet électronique de la Fédération Wallonie-Bruxelles"
    )
    expect(page.get_by_text("Marouan El Yakoubi")).to_have_count(0)
    page.go_back()
    expect(page).to_have_url(re.compile(r"/connexion/?$"))
    expect(page.get_by_text("Inscription en première année du secondaire")).to_have_count(0)
    expect(page.get_by_text("Marouan El Yakoubi")).to_have_count(0)


def test_delete_then_withdraw_within_30_days(
    page: Page, base_url: str, card_slots: CardSlots
) -> None:
    card_slots.insert(0, "marouan-el-yakoubi")
    log_in_with_account(page, base_url, "Marouan El Yakoubi", "marouan.3@example.org")
    open_account_page(page)
    page.get_by_role("link", name="Suppression du compte").click()
    expect(page.get_by_text("Vous êtes sur le point de supprimer votre compte")).to_be_visible()
    expect(page.get_by_text("délai de rétractation de 30 jours calendrier")).to_be_visible()
    assert_no_axe_violations(page)
    page.get_by_role("button", name="Supprimer votre compte").click()
    expect(page.get_by_text("Votre compte est supprimé.")).to_be_visible()
    assert_no_axe_violations(page)
    page.get_by_role("button", name="Annuler la suppression de mon compte").click()
    expect(page.get_by_role("status")).to_have_text(
        "La suppression de votre compte est annulée. Vos données sont intactes."
    )
    page.get_by_role("link", name="Mes espaces").click()
    page.get_by_role("link", name="Mon tableau de bord").first.click()
    expect(
        page.get_by_role("cell", name="Inscription en première année du secondaire")
    ).to_be_visible()


def test_delete_then_delete_for_good(page: Page, base_url: str, card_slots: CardSlots) -> None:
    card_slots.insert(0, "jean-pierre-dumont")
    log_in_with_account(page, base_url, "Jean-Pierre Dumont", "jp.1@example.org")
    open_account_page(page)
    page.get_by_role("link", name="Suppression du compte").click()
    page.get_by_role("button", name="Supprimer votre compte").click()
    page.get_by_role("button", name="Supprimer définitivement mon compte").click()
    expect(page.get_by_role("alert")).to_contain_text("Une dernière confirmation s'impose")
    page.get_by_role("button", name="Oui, supprimer définitivement mon compte").click()
    expect(page.get_by_role("status")).to_have_text(
        "Votre compte Mon Espace a été supprimé définitivement."
    )
    assert_no_axe_violations(page)
    # The same card again: it is a first login once more.
    log_in(page, base_url, "Jean-Pierre Dumont")
    expect(page).to_have_url(re.compile(r"/mon-compte/inscription/?$"))


def test_purge_after_30_days_keeps_the_dossiers(
    page: Page, base_url: str, card_slots: CardSlots, e2e_data_dir: Path
) -> None:
    card_slots.insert(0, "marouan-el-yakoubi")
    log_in_with_account(page, base_url, "Marouan El Yakoubi", "marouan.4@example.org")
    open_account_page(page)
    page.get_by_role("link", name="Suppression du compte").click()
    page.get_by_role("button", name="Supprimer votre compte").click()
    expect(page.get_by_text("Votre compte est supprimé.")).to_be_visible()

    # What cron runs every night, here as if 31 days had gone by.
    later = (datetime.now(UTC) + timedelta(days=31)).isoformat()
    env = {
        **os.environ,
        "MONESPACE_DATABASE_URL": database_url(e2e_data_dir),
        "MONESPACE_DATA_DIR": str(e2e_data_dir),
    }
    done = subprocess.run(
        [sys.executable, "-m", "monespace_app.jobs", "purge", "--as-of", later],
        cwd=PROJECT_ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    assert done.stdout.strip() == "purged 1 account(s)"

    log_in(page, base_url, "Marouan El Yakoubi")
    expect(page).to_have_url(re.compile(r"/mon-compte/inscription/?$"))
    register_and_activate(page, "marouan.5@example.org")
    page.get_by_role("link", name="Mon tableau de bord").first.click()
    expect(
        page.get_by_role("cell", name="Inscription en première année du secondaire")
    ).to_be_visible()
    expect(page.get_by_role("link", name="1 Mes documents")).to_be_visible()
