"""A login belongs to the browser that made it (#13, login CSRF and the server's reader).

Two browsers of their own (two Playwright contexts, each its own cookies): the ticket URL of a
login made in the first, opened in the second, logs the second in as nobody, and is spent; while
the first browser's eID login holds the server's card reader, the second is told the reader is in
use and cannot read the card nor spend its PIN tries; and no page shows the holder's name before
the PIN.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, Route, expect

from e2e.steps import checked, confirm_certificate, enter_pin, start_eid_login
from identity.session_cookies import cookie_names
from simulators.eid.card_slots import CardSlots

pytestmark = pytest.mark.e2e

NAMES = cookie_names("http://localhost")  # the suite runs over plain http: bare names
READER_IN_USE = (
    "Le lecteur de cartes est utilisé par une autre identification en cours. Attendez qu'elle se "
    "termine (au plus 3 minutes), puis cliquez à nouveau sur S'identifier."
)


@pytest.fixture
def other_browser(browser: Browser, browser_context_args: dict[str, Any]) -> Iterator[Page]:
    """A tab of a second browser (its own cookies)."""
    context = browser.new_context(**browser_context_args)
    yield context.new_page()
    context.close()


TICKET = re.compile(r".*/_auth/session\?.*")


def log_in_holding_back_the_ticket(page: Page, base_url: str, holder: str) -> str:
    """The eID login, but the ticket URL it ends with is not followed: it is what someone who
    logs in could copy and hand over instead."""
    seen: list[str] = []

    def hold(route: Route) -> None:
        seen.append(route.request.url)
        route.abort()

    page.route(TICKET, hold)
    start_eid_login(page, base_url)
    confirm_certificate(page, holder)
    enter_pin(page, "1234")
    for _ in range(300):
        if seen:
            break
        page.wait_for_timeout(100)
    page.unroute(TICKET)
    [ticket_url] = seen
    return ticket_url


def session_cookies(page: Page) -> list[str]:
    return [c["name"] for c in page.context.cookies() if c["name"] == NAMES.session]


def test_a_ticket_opened_in_another_browser_logs_it_in_as_nobody(
    page: Page, other_browser: Page, base_url: str, card_slots: CardSlots
) -> None:
    card_slots.insert(0, "naima-mremi")
    ticket_url = log_in_holding_back_the_ticket(page, base_url, "Naïma Mremi")
    assert session_cookies(page) == []

    # The second browser has been on the portal before (it has a pre-login cookie of its own).
    other_browser.goto(base_url + "/")
    assert any(c["name"] == NAMES.browser for c in other_browser.context.cookies())
    other_browser.goto(ticket_url)
    expect(other_browser).to_have_url(re.compile(r"/connexion/?\?erreur=navigateur$"))
    expect(other_browser.get_by_role("alert")).to_have_text(
        "Cette identification a été faite dans un autre navigateur : elle ne vous connecte pas "
        "dans celui-ci, et son lien n'est plus valable. Identifiez-vous à nouveau dans ce "
        "navigateur."
    )
    checked(other_browser, "login-binding-ticket-of-another-browser")
    assert session_cookies(other_browser) == []
    # Not logged in: Mes espaces sends it to the key chooser.
    other_browser.goto(base_url + "/mes-espaces")
    expect(other_browser).to_have_url(re.compile(r"/connexion/?$"))
    expect(other_browser.locator("body")).not_to_contain_text("Mremi")

    # The ticket was spent there: the browser that logged in cannot use it any more either.
    page.goto(ticket_url)
    expect(page).to_have_url(re.compile(r"/connexion/?\?erreur=session$"))
    expect(page.get_by_role("alert")).to_contain_text("a expiré ou a déjà été utilisé")
    assert session_cookies(page) == []


def test_a_ticket_opened_by_a_browser_without_cookies_asks_for_them(
    page: Page, other_browser: Page, base_url: str, card_slots: CardSlots
) -> None:
    card_slots.insert(0, "chloe-ducoeur")
    ticket_url = log_in_holding_back_the_ticket(page, base_url, "Chloé Ducoeur")
    # A browser that never met the portal: the ticket's is its very first request.
    other_browser.goto(ticket_url)
    expect(other_browser).to_have_url(re.compile(r"/connexion/?\?erreur=cookies$"))
    expect(other_browser.get_by_role("alert")).to_contain_text(
        "Mon Espace a besoin des cookies pour vous identifier"
    )
    assert session_cookies(other_browser) == []


def test_a_second_browser_cannot_use_the_reader_while_a_login_holds_it(
    page: Page, other_browser: Page, base_url: str, card_slots: CardSlots
) -> None:
    card_slots.insert(0, "naima-mremi")
    start_eid_login(page, base_url)
    dialog = page.get_by_role("dialog", name="Confirmer le certificat")
    expect(dialog).to_contain_text("Citizen CA")
    # Before the PIN the page names no one: not in the dialog, nowhere on the page.
    expect(page.locator("body")).not_to_contain_text("Mremi")
    expect(page.locator("body")).not_to_contain_text("Naïma")
    checked(page, "login-binding-certificate-without-name")

    # Meanwhile, another browser asks for the same reader.
    start_eid_login(other_browser, base_url)
    expect(other_browser.get_by_role("alert")).to_have_text(READER_IN_USE)
    expect(other_browser.get_by_role("dialog")).to_have_count(0)
    expect(other_browser.get_by_label("Code PIN de votre carte d'identité")).to_have_count(0)
    expect(other_browser.locator("body")).not_to_contain_text("Mremi")
    checked(other_browser, "login-binding-reader-in-use")

    # The first browser goes on; its PIN tries are all there.
    dialog.get_by_role("button", name="OK").click()
    expect(page.get_by_text("Essais restants avant le blocage de la carte : 3")).to_be_visible()
    enter_pin(page, "1234")
    expect(page).to_have_url(re.compile(r"/mon-compte/inscription/?$"))
    # Once the PIN proved the card hers, her name shows.
    expect(page.locator("dl.identity-list")).to_contain_text("Mremi")

    # Its login over, the reader is free for the other browser.
    other_browser.get_by_role("button", name="S'identifier").click()
    expect(other_browser.get_by_role("dialog", name="Confirmer le certificat")).to_be_visible()
    other_browser.get_by_role("dialog").get_by_role("button", name="Annuler").click()
    expect(other_browser.get_by_role("button", name="S'identifier")).to_be_visible()
