"""itsme through the real OpenID Connect flow (#13): the portal's page, itsme's pages (the
number, the wait), the phone, and back; a number nobody holds sees exactly what a known one
sees; too many pushes to one number are refused; each way it can end has its own words.

Seed 004 §2d as a citizen follows it (#18): "Se souvenir de mon numéro?" keeps the number in this
browser only, offered again after "Quitter", forgotten when unticked, never kept unticked; the
prerequisites with "Plus d'info", and "Créer votre compte itsme" under the key, both on itsme's
site (the simulator's page in the demo).

The journey that logs in after a refusal is e2e/test_phone_and_password_keys.py.
"""

from __future__ import annotations

import re
import time
import urllib.request
from pathlib import Path

import pytest
from playwright.sync_api import BrowserContext, Page, expect

from e2e.steps import active_account, checked, log_out
from simulators.itsme.web import ItsmeSimulator
from simulators.personas.loader import persona

pytestmark = pytest.mark.e2e

KNOWN = ("0470 12 34 56", "+32 470 12 34 56", "+32470123456")  # typed, shown, E.164
NOBODY = ("0479 99 99 99", "+32 479 99 99 99", "+32479999999")
CHLOE = persona("chloe-ducoeur")  # her itsme phone: +32 472 00 00 02 (simulators/itsme/phones.toml)
COOKIE = "monespace_itsme_phone"  # over http; __Host-monespace_itsme_phone over https
REMEMBER = "Se souvenir de mon numéro?"
PHONE_FIELD = "Numéro de GSM (BE +32)"
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


def kept_number(context: BrowserContext) -> dict[str, object] | None:
    """The cookie in which this browser keeps the itsme number, if any."""
    found = [c for c in context.cookies() if c["name"] == COOKIE]
    return dict(found[0]) if found else None


def log_in_with_itsme(page: Page, base_url: str, itsme: ItsmeSimulator, *, remember: bool) -> None:
    """From the itsme page as it is shown (the number typed or offered), the box set as asked,
    then itsme's page, Chloé's phone confirming, and her spaces."""
    field = page.get_by_role("textbox", name=PHONE_FIELD)
    if not field.input_value():
        field.fill("0472 00 00 02")
    page.get_by_role("checkbox", name=REMEMBER).set_checked(remember)
    page.get_by_role("button", name="envoyer").click()
    expect(page.get_by_role("textbox", name="Numéro de GSM", exact=True)).to_have_value(
        "+32 472 00 00 02"
    )
    page.get_by_role("button", name="Envoyer la demande").click()
    expect(page.get_by_role("status")).to_contain_text("envoyée au +32 472 00 00 02")
    phone = page.context.new_page()
    phone.goto(itsme.phone_url("+32472000002"))
    phone.get_by_role("button", name="Confirmer").click()
    expect(phone.get_by_role("status")).to_be_visible()
    phone.close()
    expect(page).to_have_url(re.compile(r"/mes-espaces/?$"))


def itsme_page_from_home(page: Page) -> None:
    """As a person comes back: Me connecter, then the itsme key."""
    page.get_by_role("link", name="Me connecter").first.click()
    page.get_by_role("link", name="IDENTIFICATION via itsme").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("IDENTIFICATION via itsme")


def test_remember_my_number_ticked_kept_after_quitter_then_unticked_forgotten(
    page: Page, base_url: str, itsme_simulator: ItsmeSimulator, e2e_data_dir: Path
) -> None:
    active_account(e2e_data_dir, CHLOE)
    page.goto(base_url + "/connexion/itsme")
    box = page.get_by_role("checkbox", name=REMEMBER)
    expect(box).not_to_be_checked()
    expect(page.get_by_role("textbox", name=PHONE_FIELD)).to_have_value("")
    checked(page, "itsme-login")

    # Ticked: kept in this browser's cookie only, for a year, sent to this site only.
    log_in_with_itsme(page, base_url, itsme_simulator, remember=True)
    cookie = kept_number(page.context)
    assert cookie is not None
    assert cookie["value"] == "+32472000002"
    assert cookie["sameSite"] == "Lax"
    assert cookie["path"] == "/"
    assert cookie["domain"] == "localhost"  # no Domain attribute: this host only
    assert not cookie["secure"]  # plain http here; Secure and __Host- over https
    assert 364 * 86400 < float(str(cookie["expires"])) - time.time() <= 365 * 86400

    # Quitter, then back to itsme: the number is there, the box ticked.
    log_out(page, CHLOE.display_name)
    itsme_page_from_home(page)
    expect(page.get_by_role("textbox", name=PHONE_FIELD)).to_have_value("+32 472 00 00 02")
    expect(page.get_by_role("checkbox", name=REMEMBER)).to_be_checked()
    checked(page, "itsme-login-remembered")

    # Unticked this time: forgotten at once, and still forgotten after Quitter.
    log_in_with_itsme(page, base_url, itsme_simulator, remember=False)
    assert kept_number(page.context) is None
    log_out(page, CHLOE.display_name)
    itsme_page_from_home(page)
    expect(page.get_by_role("textbox", name=PHONE_FIELD)).to_have_value("")
    expect(page.get_by_role("checkbox", name=REMEMBER)).not_to_be_checked()


def test_not_ticked_the_number_is_never_kept(
    page: Page, base_url: str, itsme_simulator: ItsmeSimulator, e2e_data_dir: Path
) -> None:
    active_account(e2e_data_dir, CHLOE)
    page.goto(base_url + "/connexion/itsme")
    log_in_with_itsme(page, base_url, itsme_simulator, remember=False)
    assert kept_number(page.context) is None
    log_out(page, CHLOE.display_name)
    assert kept_number(page.context) is None
    page.goto(base_url + "/connexion/itsme")
    expect(page.get_by_role("textbox", name=PHONE_FIELD)).to_have_value("")
    expect(page.get_by_role("checkbox", name=REMEMBER)).not_to_be_checked()


def test_a_kept_value_that_is_no_mobile_number_is_not_shown_and_is_forgotten(
    page: Page, base_url: str
) -> None:
    page.context.add_cookies(
        [{"name": COOKIE, "value": "0812345678", "url": base_url}]  # a landline
    )
    page.goto(base_url + "/connexion/itsme")
    expect(page.get_by_role("textbox", name=PHONE_FIELD)).to_have_value("")
    expect(page.get_by_role("checkbox", name=REMEMBER)).not_to_be_checked()
    deadline = time.monotonic() + 10
    while kept_number(page.context) is not None and time.monotonic() < deadline:
        page.wait_for_timeout(100)
    assert kept_number(page.context) is None


def test_the_prerequisites_and_plus_d_info_on_itsme_s_site(
    page: Page, base_url: str, itsme_simulator: ItsmeSimulator
) -> None:
    page.goto(base_url + "/connexion/itsme")
    needs = page.get_by_role("complementary", name="Prérequis")
    for text in (
        "Adresse e-mail privée",
        "Votre smartphone",
        "L'application « itsme » installée et configurée sur votre smartphone.",
        "Carte eID ou carte bancaire",
        "Lecteur carte eID ou carte bancaire",
        "Code PIN",
        "Numéro de téléphone belge",
    ):
        item = needs.get_by_role("listitem").filter(has_text=re.compile(f"^{re.escape(text)}$"))
        expect(item).to_have_count(1)
    more = needs.get_by_role("link", name="Plus d'info (site d'itsme)")
    expect(more).to_have_attribute("href", f"{itsme_simulator.url}/get-started")
    more.click()
    expect(page.get_by_role("heading", name="Dans la démonstration")).to_be_visible()
    checked(page, "itsme-get-started")


def test_create_your_itsme_account_under_the_itsme_key(
    page: Page, base_url: str, itsme_simulator: ItsmeSimulator
) -> None:
    page.goto(base_url + "/connexion")
    key = page.get_by_role("listitem").filter(
        has=page.get_by_role("link", name="IDENTIFICATION via itsme")
    )
    create = key.get_by_role("link", name="Créer votre compte itsme (site d'itsme)")
    expect(create).to_be_visible()
    checked(page, "key-chooser-itsme-account")
    create.click()
    expect(page).to_have_url(f"{itsme_simulator.url}/get-started")
    # In the demo the accounts are the personas': their phones, to confirm a request.
    page.get_by_role("link", name="Téléphone de Chloé Ducoeur").click()
    expect(page.get_by_role("heading", name="Téléphone de Chloé Ducoeur")).to_be_visible()
