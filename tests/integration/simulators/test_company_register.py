"""The simulated company register over real HTTP, read through the portal's own client."""

from __future__ import annotations

import time
from collections.abc import Iterator
from http import HTTPStatus

import pytest

from portal.companies.company_number import CompanyNumberCheckError
from portal.companies.register import (
    CompanyRegisterUnavailableError,
    CompanyStatus,
    HttpCompanyRegister,
    LegalRepresentative,
)
from simulators.company_register import CompanyRegisterSimulator
from simulators.loopback_web import LoopbackService, SimulatorHandler
from tests.integration.simulators.http_client import call

pytestmark = pytest.mark.integration

DUMONT = "68091717134"


@pytest.fixture
def register() -> Iterator[CompanyRegisterSimulator]:
    service = CompanyRegisterSimulator(port=0)
    service.start()
    yield service
    service.stop()


def test_a_registered_company_is_found_with_its_address_and_representatives(
    register: CompanyRegisterSimulator,
) -> None:
    client = HttpCompanyRegister(register.url, timeout=5)
    company = client.find("BE 0402.497.144")
    assert company is not None
    assert company.number == "0402497144"
    assert company.display_number == "0402.497.144"
    assert company.name == "ACTION ASSISTANCE MAISON-Anciens Ets Gosselin et Delaunoit"
    assert (company.legal_form, company.street, company.zip_code, company.municipality) == (
        "SA",
        "Rue Saint-Léonard 220",
        "4000",
        "Liège",
    )
    assert company.is_active
    assert [r.function for r in company.representatives] == [
        "Administratrice déléguée",
        "Président du conseil d'administration",
    ]


def test_entreprise_de_test_is_represented_by_jean_pierre_dumont(
    register: CompanyRegisterSimulator,
) -> None:
    client = HttpCompanyRegister(register.url + "/", timeout=5)
    (number,) = [n for n, c in register.companies.items() if c.name == "Entreprise de test"]
    company = client.find(number)
    assert company is not None
    assert company.representatives == (
        LegalRepresentative(DUMONT, "Dumont", "Jean-Pierre Marie", "Administrateur délégué"),
    )
    assert company.is_represented_by(DUMONT)
    assert not company.is_represented_by("79110221605")  # Chloé Ducoeur


def test_a_stopped_company_says_so(register: CompanyRegisterSimulator) -> None:
    (number,) = [n for n, c in register.companies.items() if c.status == "stopped"]
    company = HttpCompanyRegister(register.url, timeout=5).find(number)
    assert company is not None
    assert company.status is CompanyStatus.STOPPED
    assert not company.is_active


def test_an_unknown_number_is_none_and_a_wrong_one_is_refused_before_asking(
    register: CompanyRegisterSimulator,
) -> None:
    client = HttpCompanyRegister(register.url, timeout=5)
    assert client.find("0123.456.749") is None  # valid check digits, no such company
    with pytest.raises(CompanyNumberCheckError):
        client.find("0845.059.051")


def test_a_stopped_register_is_unavailable(register: CompanyRegisterSimulator) -> None:
    client = HttpCompanyRegister(register.url, timeout=5)
    register.stop()
    with pytest.raises(CompanyRegisterUnavailableError, match="unreachable"):
        client.find("0845.059.050")


def test_a_very_slow_register_gives_up_after_the_timeout(
    register: CompanyRegisterSimulator,
) -> None:
    answer = call("POST", f"{register.url}/api/simulation", json_body={"delay_seconds": 10})
    assert answer.json() == {"delay_seconds": 10.0, "unavailable": False}
    client = HttpCompanyRegister(register.url, timeout=0.5)
    started = time.monotonic()
    with pytest.raises(CompanyRegisterUnavailableError):
        client.find("0845.059.050")
    assert time.monotonic() - started < 3  # the person is not kept waiting for the 10 s


def test_a_register_answering_503_is_unavailable(register: CompanyRegisterSimulator) -> None:
    call("POST", f"{register.url}/api/simulation", json_body={"unavailable": True})
    with pytest.raises(CompanyRegisterUnavailableError, match="HTTP 503"):
        HttpCompanyRegister(register.url, timeout=5).find("0845.059.050")
    call("POST", f"{register.url}/api/simulation", json_body={"unavailable": False})
    assert HttpCompanyRegister(register.url, timeout=5).find("0845.059.050") is not None


def test_an_answer_that_is_not_the_contract_is_unavailable() -> None:
    class Garbled(SimulatorHandler):
        def on_get(self) -> None:
            self.send_body(HTTPStatus.OK, b"<html>maintenance</html>", "text/html")

    service = LoopbackService(Garbled, host="127.0.0.1", port=0)
    service.start()
    try:
        with pytest.raises(CompanyRegisterUnavailableError, match="unreadable"):
            HttpCompanyRegister(service.url, timeout=5).find("0845.059.050")
    finally:
        service.stop()


def test_the_api_lists_a_representatives_companies(register: CompanyRegisterSimulator) -> None:
    answer = call("GET", f"{register.url}/api/companies?representative=68.09.17-171.34")
    assert answer.status == 200
    assert sorted((c["name"], c["status"]) for c in answer.json()) == [
        ("Dumont Rénovation", "stopped"),
        ("Entreprise de test", "active"),
    ]
    assert call("GET", f"{register.url}/api/companies?representative=79110221605").json() == []
    assert len(call("GET", f"{register.url}/api/companies").json()) == len(register.companies)
    wrong = call("GET", f"{register.url}/api/companies?representative=68091717135")
    assert (wrong.status, wrong.json()["error"]) == (400, "invalid_national_number")


def test_the_api_answers_errors_as_json(register: CompanyRegisterSimulator) -> None:
    unknown = call("GET", f"{register.url}/api/companies/0123456749")
    assert (unknown.status, unknown.json()["error"]) == (404, "unknown_company")
    wrong = call("GET", f"{register.url}/api/companies/0845059051")
    assert (wrong.status, wrong.json()["error"]) == (400, "invalid_number")
    refused = call("POST", f"{register.url}/api/simulation", json_body={"delay_seconds": 999})
    assert (refused.status, refused.json()["error"]) == (400, "invalid_simulation")


def test_the_trainers_page_lists_and_searches_the_companies(
    register: CompanyRegisterSimulator,
) -> None:
    page = call("GET", f"{register.url}/")
    assert page.status == 200
    assert '<html lang="fr">' in page.text
    assert f"{len(register.companies)} entreprises inscrites" in page.text
    assert "0845.059.050" in page.text
    assert "Arrêtée" in page.text
    found = call("GET", f"{register.url}/?q=wauters").text
    assert "1 entreprise pour « wauters »" in found
    assert "Boulangerie Wauters" in found
    assert "BLA" not in found
    assert "Aucune entreprise pour « xyz »" in call("GET", f"{register.url}/?q=xyz").text


def test_the_outage_form_sets_and_clears_the_simulation(
    register: CompanyRegisterSimulator,
) -> None:
    form = {"Content-Type": "application/x-www-form-urlencoded"}
    answer = call(
        "POST", f"{register.url}/simulation", body=b"delay=0&unavailable=on", headers=form
    )
    assert (answer.status, answer.headers["Location"]) == (303, "/")
    assert call("GET", f"{register.url}/api/simulation").json()["unavailable"] is True
    call("POST", f"{register.url}/simulation", body=b"delay=4", headers=form)
    assert call("GET", f"{register.url}/api/simulation").json() == {
        "delay_seconds": 4.0,
        "unavailable": False,
    }
    refused = call("POST", f"{register.url}/simulation", body=b"delay=abc", headers=form)
    assert refused.status == 400
    assert "entre 0 et 120" in refused.text
