"""The simulators' pages in Chromium, as testers and trainers use them: axe finds no violation,
the buttons and forms work without JavaScript, and a screenshot of the portal's QR code enrols the
authenticator phone."""

from __future__ import annotations

import re
import threading
from collections.abc import Iterator
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlencode

import pytest
from authlib.oauth2.rfc7636 import create_s256_code_challenge
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect

from identity.totp.otp import totp
from identity.totp.provisioning import provisioning_uri, qr_data_uri
from identity.totp.secret import secret_bytes
from simulators.key_simulators import KeySimulatorPorts, KeySimulators, start_key_simulators
from tests.integration.conftest import free_port
from tests.integration.simulators.http_client import call

pytestmark = pytest.mark.integration

SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"
NOW = datetime(2026, 11, 22, 9, 0, 7, tzinfo=UTC)
_AXE = Axe()
RETURN_PATH = "/connexion/itsme/retour"


class ReturnPage(BaseHTTPRequestHandler):
    """Stands for the portal where itsme sends the browser back: a page and nothing else."""

    def do_GET(self) -> None:
        body = b'<html lang="fr"><title>Retour</title><h1>Retour au portail</h1></html>'
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        return


def assert_no_axe_violations(page: Page) -> None:
    results = _AXE.run(page)
    assert results.violations_count == 0, results.generate_report()


@pytest.fixture
def portal_url() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), ReturnPage)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


@pytest.fixture
def simulators(tmp_path: Path, portal_url: str) -> Iterator[KeySimulators]:
    ports = KeySimulatorPorts(*(free_port() for _ in range(7)))
    running = start_key_simulators(
        tmp_path, ports=ports, sms_token="t", portal_url=portal_url, clock=lambda: NOW
    )
    yield running
    running.stop()


def activation_screenshot(page: Page, account: str) -> bytes:
    """A page laid out like the portal's activation step, with the portal's own QR code."""
    uri = provisioning_uri(SECRET, account_name=account)
    page.set_content(
        '<html lang="fr"><body style="font-family:sans-serif;margin:2rem">'
        "<h1>Activer l'application mobile</h1><p>Étape 3 sur 5 : scannez ce code QR.</p>"
        f'<img alt="Code QR" src="{qr_data_uri(uri)}">'
        f"<p>Ou saisissez la clé : {SECRET}</p></body></html>"
    )
    return page.screenshot(full_page=True)


def test_screenshot_of_the_qr_code_enrols_the_phone(page: Page, simulators: KeySimulators) -> None:
    screenshot = activation_screenshot(page, "naima.mremi@example.be")
    answer = call("POST", f"{simulators.authenticator_url}/api/enrol", body=screenshot)
    assert answer.status == 201, answer.text
    (code,) = call("GET", f"{simulators.authenticator_url}/api/codes").json()
    assert code["account"] == "naima.mremi@example.be"
    assert code["code"] == totp(secret_bytes(SECRET), NOW)


def test_authenticator_page_upload_form(
    page: Page, simulators: KeySimulators, tmp_path: Path
) -> None:
    picture = tmp_path / "capture.png"
    picture.write_bytes(activation_screenshot(page, "marouan@example.be"))
    page.goto(simulators.authenticator_url)
    expect(page.get_by_role("heading", name="Mes comptes")).to_be_visible()
    assert_no_axe_violations(page)
    page.get_by_label("Capture d'écran du code QR (image PNG)").set_input_files(picture)
    page.get_by_role("button", name="Ajouter le compte").click()
    expect(page.get_by_role("status")).to_have_text(
        "Compte ajouté : Mon Espace — marouan@example.be"
    )
    expect(page.locator(".account")).to_have_text("Mon Espace — marouan@example.be")
    code = totp(secret_bytes(SECRET), NOW)
    expect(page.locator(".code")).to_have_text(f"{code[:3]} {code[3:]}")
    assert_no_axe_violations(page)


def itsme_authorize_url(simulators: KeySimulators, portal_url: str, phone: str) -> str:
    """What the portal sends the browser to (see identity.itsme)."""
    query = {
        "response_type": "code",
        "client_id": "monespace",
        "redirect_uri": portal_url + RETURN_PATH,
        "scope": "openid service:MONESPACE_LOGIN profile eid",
        "state": "state-of-this-login",
        "nonce": "nonce-of-this-login",
        "code_challenge": create_s256_code_challenge("v" * 64),
        "code_challenge_method": "S256",
        "login_hint": phone,
    }
    return f"{simulators.itsme_url}/authorize?{urlencode(query)}"


def test_itsme_pages_from_the_number_to_the_phone_and_back(
    page: Page, simulators: KeySimulators, portal_url: str
) -> None:
    page.goto(itsme_authorize_url(simulators, portal_url, "+32470123456"))
    expect(page.get_by_role("heading", name="Mon Espace souhaite vous identifier")).to_be_visible()
    expect(page.get_by_label("Numéro de GSM")).to_have_value("+32 470 12 34 56")
    assert_no_axe_violations(page)
    page.get_by_role("button", name="Envoyer la demande").click()
    waiting = page.get_by_role("status")
    expect(waiting).to_contain_text("envoyée au +32 470 12 34 56")
    expect(waiting).to_contain_text("smartphone")
    assert_no_axe_violations(page)

    phone = page.context.new_page()
    phone.goto(simulators.itsme.phone_url("+32470123456"))
    expect(phone.get_by_role("heading", name="Mon Espace souhaite vous identifier")).to_be_visible()
    assert_no_axe_violations(phone)
    phone.get_by_role("button", name="Confirmer").click()
    expect(phone.get_by_role("status")).to_contain_text("Vous avez confirmé votre identité.")
    assert_no_axe_violations(phone)

    # The waiting page sees the answer by itself and goes back with a code and the state.
    page.wait_for_url(re.compile(r"/connexion/itsme/retour\?code=.+&state=state-of-this-login"))
    expect(page.get_by_role("heading", name="Retour au portail")).to_be_visible()


def test_itsme_page_asks_again_for_a_wrong_number(
    page: Page, simulators: KeySimulators, portal_url: str
) -> None:
    page.goto(itsme_authorize_url(simulators, portal_url, ""))
    expect(page.get_by_label("Numéro de GSM")).to_have_value("")
    page.get_by_label("Numéro de GSM").fill("bonjour")
    page.get_by_role("button", name="Envoyer la demande").click()
    expect(page.get_by_role("alert")).to_have_text(
        "Ce numéro n'est pas un numéro de GSM. Vérifiez-le."
    )
    expect(page.get_by_label("Numéro de GSM")).to_have_value("bonjour")
    assert_no_axe_violations(page)


def test_sms_inbox_search_form(page: Page, simulators: KeySimulators) -> None:
    for to, text in (("+32470123456", "Code : 111 111"), ("+32471000001", "Code : 222 222")):
        call(
            "POST",
            simulators.sms_api_url,
            json_body={"to": to, "text": text},
            headers={"Authorization": "Bearer t"},
        )
    page.goto(simulators.sms_url)
    assert_no_axe_violations(page)
    page.get_by_label("Numéro de téléphone").fill("+32 471 00 00 01")
    page.get_by_role("button", name="Afficher ses SMS").click()
    expect(page.get_by_role("heading", name="SMS reçus par le +32 471 00 00 01")).to_be_visible()
    expect(page.get_by_role("table")).to_contain_text("Code : 222 222")
    expect(page.get_by_role("table")).not_to_contain_text("Code : 111 111")
    assert_no_axe_violations(page)


def test_trainers_page(page: Page, simulators: KeySimulators) -> None:
    page.goto(simulators.trainers_url)
    expect(
        page.get_by_role("link", name="Téléphone de Naïma Mremi (+32 471 00 00 01)")
    ).to_be_visible()
    assert_no_axe_violations(page)
    page.get_by_role("link", name="Téléphone de Naïma Mremi (+32 471 00 00 01)").click()
    expect(page.get_by_text("Aucune demande en attente.")).to_be_visible()


def test_company_register_search_and_outage_form(page: Page, simulators: KeySimulators) -> None:
    page.goto(simulators.company_register_url)
    expect(page.get_by_role("table")).to_contain_text("0845.059.050")
    assert_no_axe_violations(page)
    page.get_by_label("Nom, numéro d'entreprise ou numéro de registre national").fill(
        "68.09.17-171.34"
    )
    page.get_by_role("button", name="Rechercher").click()
    table = page.get_by_role("table")
    expect(table.locator("caption")).to_have_text("2 entreprises pour « 68.09.17-171.34 »")
    expect(table).to_contain_text("Entreprise de test")
    expect(table).to_contain_text("Dumont Rénovation")
    expect(table).to_contain_text("Arrêtée")
    assert_no_axe_violations(page)

    page.get_by_label("Le registre est indisponible (HTTP 503)").check()
    page.get_by_role("button", name="Appliquer").click()
    expect(page.get_by_role("status")).to_have_text(
        "L'API répond « service indisponible » (HTTP 503) à chaque demande."
    )
    assert call("GET", f"{simulators.company_register_url}/api/companies/0845059050").status == 503
    assert_no_axe_violations(page)
