"""itsme through the real OpenID Connect flow (#13): the portal's page, itsme's pages (the
number, the wait), the phone, and back; a number nobody holds sees exactly what a known one
sees; too many pushes to one number are refused; each way it can end has its own words.

The journey that logs in after a refusal is e2e/test_phone_and_password_keys.py.
"""

from __future__ import annotations

import re
import urllib.request

import pytest
from playwright.sync_api import Page, expect

from e2e.steps import checked
from simulators.itsme.web import ItsmeSimulator

pytestmark = pytest.mark.e2e

KNOWN = ("0470 12 34 56", "+32 470 12 34 56", "+32470123456")  # typed, shown, E.164
NOBODY = ("0479 99 99 99", "+32 479 99 99 99", "+32479999999")
CANCELLED = (
    "Vous avez annulé l'identification sur la page d'itsme. Recommencez quand vous le souhaitez."
)


@pytest.fixture(autouse=True)
def quiet_phones(itsme_simulator: ItsmeSimulator) -> None:
    """No request, transaction or push count left by an earlier journey."""
    request = urllib.request.Request(f"{itsme_simulator.url}/api/requests", method="DELETE")
    with urllib.request.urlopen(request, timeout=5):
        pass


def send_from_the_portal(page: Page, base_url: str, typed: str) -> None:
    page.goto(base_url + "/connexion/itsme")
    page.get_by_role("textbox", name="Numéro de GSM (BE +32)").fill(typed)
    page.get_by_role("button", name="envoyer").click()


def itsme_waiting_page(page: Page, number: tuple[str, str, str]) -> str:
    """On itsme's page: the number confirmed, the request sent; what the page says (its
    countdown and addresses aside)."""
    expect(page.get_by_role("textbox", name="Numéro de GSM", exact=True)).to_have_value(number[1])
    page.get_by_role("button", name="Envoyer la demande").click()
    waiting = page.get_by_role("status")
    expect(waiting).to_contain_text(f"envoyée au {number[1]}")
    text = page.locator("main").inner_text()
    return re.sub(r"\d+ min \d+ s|\d+ s", "<temps>", text.replace(number[1], "<numéro>"))


def test_an_unknown_number_sees_what_a_known_one_sees_and_can_cancel(
    page: Page, base_url: str, itsme_simulator: ItsmeSimulator
) -> None:
    seen = []
    for number in (KNOWN, NOBODY):
        send_from_the_portal(page, base_url, number[0])
        expect(page).to_have_url(re.compile(r"/authorize/"))
        seen.append(itsme_waiting_page(page, number))
        checked(page, f"itsme-waiting-{number[2]}")
        page.get_by_role("button", name="Annuler").click()
        # Back on the portal's return page, which says how it ended.
        expect(page).to_have_url(re.compile(r"/connexion/itsme/retour/?\?"))
        expect(page.get_by_role("alert")).to_have_text(CANCELLED)
        expect(page.get_by_role("textbox", name="Numéro de GSM (BE +32)")).to_be_visible()
        checked(page, f"itsme-cancelled-{number[2]}")
    assert seen[0] == seen[1]
    # Only the known number's phone got the request (and lost it when it was cancelled).
    phone = page.context.new_page()
    phone.goto(itsme_simulator.phone_url(KNOWN[2]))
    expect(phone.get_by_text("Aucune demande en attente.")).to_be_visible()
    phone.close()


def test_pushes_to_one_number_are_limited_on_the_portal(page: Page, base_url: str) -> None:
    bombed = "0478 88 88 88"  # a number no earlier journey of this file sent to
    for _ in range(5):
        send_from_the_portal(page, base_url, bombed)
        expect(page).to_have_url(re.compile(r"/authorize/"))
    send_from_the_portal(page, base_url, bombed)
    expect(page.get_by_role("alert")).to_have_text(
        "Trop de demandes itsme ont été envoyées à ce numéro. Réessayez dans 15 minutes."
    )
    expect(page).to_have_url(re.compile(r"/connexion/itsme/?$"))
    checked(page, "itsme-throttled")
    # Another number still goes through.
    send_from_the_portal(page, base_url, KNOWN[0])
    expect(page).to_have_url(re.compile(r"/authorize/"))


def test_a_return_link_from_elsewhere_opens_nothing(page: Page, base_url: str) -> None:
    """A return URL made in another browser (login CSRF): this tab started no itsme login."""
    page.goto(base_url + "/connexion/itsme/retour?code=stolen&state=theirs&iss=x")
    expect(page.get_by_role("alert")).to_have_text(
        "Cette réponse d'itsme ne correspond à aucune identification commencée dans ce "
        "navigateur. Recommencez depuis cette page."
    )
    checked(page, "itsme-foreign-return")
