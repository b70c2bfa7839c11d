"""start_key_simulators: the seven services together, as the demo starts them."""

from __future__ import annotations

import re
import socket
from pathlib import Path

import pytest

from simulators.key_simulators import KeySimulatorPorts, KeySimulatorsError, start_key_simulators
from simulators.stack.processes import port_is_free
from tests.integration.conftest import free_port
from tests.integration.simulators.http_client import call

pytestmark = pytest.mark.integration


def free_ports() -> KeySimulatorPorts:
    return KeySimulatorPorts(*(free_port() for _ in range(7)))


def test_all_seven_answer_and_the_trainers_page_links_to_them(tmp_path: Path) -> None:
    ports = free_ports()
    simulators = start_key_simulators(
        tmp_path,
        ports=ports,
        sms_token="secret-token",
        mailbox_url="http://127.0.0.1:8126",
        portal_url="http://127.0.0.1:3100",
    )
    try:
        assert simulators.sms_token == "secret-token"
        assert simulators.sms_url == f"http://127.0.0.1:{ports.sms}"
        assert simulators.sms_api_url == f"http://127.0.0.1:{ports.sms}/api/sms"
        assert simulators.itsme_url == f"http://127.0.0.1:{ports.itsme}"
        assert simulators.authenticator_url == f"http://127.0.0.1:{ports.authenticator}"
        assert simulators.trainers_url == f"http://127.0.0.1:{ports.trainers}"
        assert simulators.company_register_url == f"http://127.0.0.1:{ports.company_register}"
        assert simulators.back_office_url == f"http://127.0.0.1:{ports.back_office}"
        assert simulators.eidas_node_url == f"http://127.0.0.1:{ports.eidas_node}"
        assert simulators.eidas_metadata_url == simulators.eidas_node_url + "/metadata"
        assert call("GET", simulators.eidas_metadata_url).status == 200

        sent = call(
            "POST",
            simulators.sms_api_url,
            json_body={"to": "+32470123456", "text": "code"},
            headers={"Authorization": "Bearer secret-token"},
        )
        assert sent.status == 202
        assert (tmp_path / "sms-gateway" / "messages.json").exists()

        page = call("GET", simulators.trainers_url + "/")
        assert page.status == 200
        html = page.text
        assert "Mon Espace — outils des formateurs" in html
        links = re.findall(r'<a href="([^"]+)">([^<]+)</a>', html)
        assert ("http://127.0.0.1:3100", "Mon Espace") in links
        assert ("http://127.0.0.1:3100/bureau-enregistrement", "Back office du bureau") in links
        assert ("http://127.0.0.1:8126", "Boîte aux lettres") in links
        assert (simulators.sms_url, "SMS reçus") in links
        assert (simulators.authenticator_url, "Application d&#x27;authentification") in links
        assert (simulators.company_register_url, "Registre des entreprises") in links
        assert (simulators.back_office_url, "Back-office de l&#x27;administration") in links
        status = call("GET", simulators.back_office_url + "/api/status").json()
        assert status == {"portal_url": "http://127.0.0.1:3100"}
        register = call("GET", simulators.company_register_url + "/api/companies/0845059050")
        assert register.json()["name"] == "BLA"
        phone_links = [url for url, label in links if label.startswith("Téléphone de ")]
        assert len(phone_links) == 3
        for url in phone_links:
            assert call("GET", url.replace("&amp;", "&")).status == 200
        assert "python -m simulators.eid insert naima-mremi" in html
        # The eIDAS node and each of its citizens, a link to their row of the node's page.
        assert (simulators.eidas_node_url, "Nœud eIDAS de démonstration") in links
        citizen_links = [
            url for url, label in links if url.startswith(simulators.eidas_node_url + "/#")
        ]
        assert len(citizen_links) == 8
        assert (
            simulators.eidas_node_url + "/#lena-schneider",
            "Lena Schneider (Allemagne)",
        ) in links
        assert "niveau élevé, identifiant DE/BE/7c1f0e9a4b2d4c6e8f10" in html
        node_page = call("GET", simulators.eidas_node_url + "/").text
        for url in citizen_links:
            assert f'id="{url.rsplit("#", 1)[1]}"' in node_page

        sections = call("GET", simulators.trainers_url + "/api/links").json()
        assert [s["title"] for s in sections][:4] == [
            "Portail",
            "Bureau d'enregistrement local (token papier)",
            "E-mails",
            "SMS",
        ]
    finally:
        simulators.stop()
    assert all(port_is_free(port) for port, _ in ports.named())


def test_a_taken_port_leaves_nothing_running(tmp_path: Path) -> None:
    ports = free_ports()
    with socket.socket() as squatter:
        squatter.bind(("127.0.0.1", ports.authenticator))
        squatter.listen()
        with pytest.raises(KeySimulatorsError, match=f"port {ports.authenticator}"):
            start_key_simulators(tmp_path, ports=ports)
    assert port_is_free(ports.sms)
    assert port_is_free(ports.itsme)


def test_default_ports() -> None:
    assert KeySimulatorPorts().named() == [
        (8027, "SMS gateway"),
        (8028, "itsme simulator"),
        (8029, "authenticator phone"),
        (8030, "trainers' page"),
        (8031, "company register"),
        (8032, "back office"),
        (8033, "eIDAS node"),
    ]
