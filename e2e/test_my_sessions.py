"""Mes sessions, in Mon profil (#13, ASVS 7.5.2): Naïma is logged in with her eID in two browsers.
The first lists both sessions, this one marked, each with its browser, key, level and times; it
logs the other out, whose next action lands on the key chooser (and cannot end the first's
session any more); then "Déconnecter toutes les autres sessions" ends a new one at once. The
tabs' state files, meanwhile, are the portal user's alone."""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, Locator, Page, expect

from e2e.steps import active_account, checked, log_in
from foundation.settings import PROJECT_ROOT
from simulators.eid.card_slots import CardSlots
from simulators.personas.loader import persona

pytestmark = pytest.mark.e2e

NAIMA = persona("naima-mremi")
PROFILE = "/citoyen/profil"


@pytest.fixture
def second_browser(browser: Browser, browser_context_args: dict[str, Any]) -> Iterator[Page]:
    """A tab of another browser (its own cookies): Naïma's second device."""
    context = browser.new_context(**browser_context_args)
    yield context.new_page()
    context.close()


def logged_in(page: Page, base_url: str) -> None:
    log_in(page, base_url, NAIMA.display_name)
    expect(page).to_have_url(re.compile(r"/mes-espaces/?$"))


def sessions_table(page: Page, base_url: str) -> Locator:
    page.goto(base_url + PROFILE)
    section = page.get_by_role("region", name="Mes sessions")
    expect(section).to_be_visible()
    return section.get_by_role("table")


def test_a_session_ended_from_mes_sessions_is_out_at_its_next_step(
    page: Page,
    second_browser: Page,
    base_url: str,
    card_slots: CardSlots,
    e2e_data_dir: Path,
) -> None:
    active_account(e2e_data_dir, NAIMA)
    card_slots.insert(0, NAIMA.slug)
    logged_in(page, base_url)
    logged_in(second_browser, base_url)

    table = sessions_table(page, base_url)
    rows = table.locator("tbody tr")
    expect(rows).to_have_count(2)
    this = rows.filter(has_text="Cette session")
    expect(this).to_have_count(1)
    other = rows.filter(has_not_text="Cette session")
    for row in (this, other):
        expect(row).to_contain_text("Chrome sur Linux")  # Playwright's Chromium
        expect(row).to_contain_text("lecteur de cartes eID")
        expect(row).to_contain_text("élevé")
        expect(row).to_contain_text(re.compile(r"\d\d/\d\d/\d{4} \d\d:\d\d"))
    checked(page, "my-sessions-two")

    # The second browser waits on its own profile, both sessions listed.
    expect(sessions_table(second_browser, base_url).locator("tbody tr")).to_have_count(2)

    other.get_by_role("button", name=re.compile("^Déconnecter")).click()
    expect(page.get_by_role("status")).to_contain_text("La session a été déconnectée.")
    expect(rows).to_have_count(1)
    expect(page.get_by_text("Vous n'êtes connecté nulle part ailleurs.")).to_be_visible()
    checked(page, "my-sessions-one")

    # Its next step, an event on the page it still shows: the key chooser, and the first
    # browser's session, which that button would have ended, stays.
    second_rows = second_browser.locator("tbody tr")
    second_rows.filter(has_not_text="Cette session").get_by_role(
        "button", name=re.compile("^Déconnecter")
    ).click()
    expect(second_browser).to_have_url(re.compile(r"/connexion/?$"))
    expect(sessions_table(page, base_url).locator("tbody tr")).to_have_count(1)

    # Logged in again there; "all the others" ends it at once.
    logged_in(second_browser, base_url)
    table = sessions_table(page, base_url)
    expect(table.locator("tbody tr")).to_have_count(2)
    page.get_by_role("button", name="Déconnecter toutes les autres sessions").click()
    expect(page.get_by_role("status")).to_contain_text(
        "Toutes les autres sessions ont été déconnectées."
    )
    expect(table.locator("tbody tr")).to_have_count(1)
    second_browser.goto(base_url + PROFILE)
    expect(second_browser).to_have_url(re.compile(r"/connexion"))

    states_are_private(page)


def states_are_private(page: Page) -> None:
    """What the tab's pages hold between events, its request headers and session cookie
    included, is in the portal's memory (rxconfig.py: the memory state manager; Redis, private,
    in a scaled deployment), not in files another user of the machine could read: no file of
    Reflex's disk state manager names this tab's token, however long one waits for it."""
    token = page.evaluate("() => window.sessionStorage.getItem('token')")
    assert token
    folder = PROJECT_ROOT / ".states"
    time.sleep(3)  # the disk manager, were it in use, writes a couple of seconds after an event
    assert not folder.exists() or not _files_naming(folder, token)


def _files_naming(folder: Path, token: str) -> list[Path]:
    found = []
    for path in folder.glob("*.pkl"):
        try:
            if token.encode() in path.read_bytes():
                found.append(path)
        except FileNotFoundError:  # purged meanwhile
            continue
    return found
