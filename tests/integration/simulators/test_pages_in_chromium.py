"""The simulators' pages in Chromium, as testers and trainers use them: axe finds no violation,
the buttons and forms work without JavaScript, and a screenshot of the portal's QR code enrols the
authenticator phone."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
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


def assert_no_axe_violations(page: Page) -> None:
    results = _AXE.run(page)
    assert results.violations_count == 0, results.generate_report()


@pytest.fixture
def simulators(tmp_path: Path) -> Iterator[KeySimulators]:
    ports = KeySimulatorPorts(*(free_port() for _ in range(6)))
    running = start_key_simulators(tmp_path, ports=ports, sms_token="t", clock=lambda: NOW)
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


def test_itsme_phone_confirms_with_the_button(page: Page, simulators: KeySimulators) -> None:
    created = call(
        "POST",
        f"{simulators.itsme_url}/api/requests",
        json_body={"phone": "+32470123456", "client": "monespace"},
    ).json()
    page.goto(simulators.itsme.phone_url("+32470123456"))
    expect(page.get_by_role("heading", name="Mon Espace souhaite vous identifier")).to_be_visible()
    assert_no_axe_violations(page)
    page.get_by_role("button", name="Confirmer").click()
    expect(page.get_by_role("status")).to_contain_text("Vous avez confirmé votre identité.")
    assert_no_axe_violations(page)
    answer = call("GET", f"{simulators.itsme_url}/api/requests/{created['id']}").json()
    assert answer["status"] == "approved"
    assert answer["identity"]["surname"] == "El Yakoubi"


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
