"""The company register's data file: valid numbers, the seeds' companies, the demo's people."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest

from portal.companies.company_number import is_valid_company_number
from portal.companies.national_number import is_valid_national_number
from simulators.company_register.data import COMPANIES_FILE, CompanyDataError, load_companies
from simulators.personas.loader import persona

# The companies listed in seed 001 (the company picker of "Gérer les attributions de rôles").
SEED_COMPANIES = {
    "0845059050": "BLA",
    "0478383016": "A. LAFFUT - POMPES FUNEBRES DE L'OURTHE",
    "0402497144": "ACTION ASSISTANCE MAISON-Anciens Ets Gosselin et Delaunoit",
    "0899045884": "Agence de Développement Local de Sambreville",
    "0897612858": "Agence de Développement Local d'Engis",
    "0896318107": "Agence de Développement local de Dison",
    "0822660958": "Agence de développement local de Frameries",
    "0464494297": "Arlon Centre-Ville",
    "0464816971": "ASBL Dour Centre-Ville",
    "0455025614": "AZIMUT",
}


def raw_companies() -> list[dict[str, object]]:
    with COMPANIES_FILE.open("rb") as file:
        companies: list[dict[str, object]] = tomllib.load(file)["companies"]
    return companies


def test_every_number_in_the_file_passes_its_modulo_97_check() -> None:
    raw = raw_companies()
    assert len(raw) >= 35
    for company in raw:
        number = str(company["number"])
        # Shown as the register shows them, and 97 - (first eight mod 97) = last two.
        assert re.fullmatch(r"\d{4}\.\d{3}\.\d{3}", number), number
        digits = number.replace(".", "")
        assert 97 - int(digits[:8]) % 97 == int(digits[8:]), number
        assert is_valid_company_number(number), number
        representatives = company["representatives"]
        assert isinstance(representatives, list), number
        assert representatives, number
        for representative in representatives:
            assert is_valid_national_number(representative["national_number"]), representative


def test_the_seeds_companies_are_there_active() -> None:
    companies = load_companies()
    assert len(companies) == len(raw_companies())  # no number twice
    for number, name in SEED_COMPANIES.items():
        assert companies[number].name == name
        assert companies[number].status == "active"
    assert companies["0845059050"].display_number == "0845.059.050"


def test_jean_pierre_dumont_represents_entreprise_de_test() -> None:
    dumont = persona("jean-pierre-dumont")
    (company,) = [c for c in load_companies().values() if c.name == "Entreprise de test"]
    assert company.status == "active"
    (representative,) = company.representatives
    assert representative.national_number == dumont.national_number
    assert (representative.surname, representative.first_names) == ("Dumont", dumont.given_names)


def test_a_company_of_a_persona_without_a_gap_and_a_stopped_company() -> None:
    companies = load_companies().values()
    elise = persona("elise-wauters")
    assert (elise.card.pin, elise.email) == ("1234", "elise.wauters@boulangerie-wauters.example")
    (hers,) = [
        c
        for c in companies
        if any(r.national_number == elise.national_number for r in c.representatives)
    ]
    assert (hers.name, hers.status) == ("Boulangerie Wauters", "active")
    stopped = [c.name for c in companies if c.status == "stopped"]
    assert stopped == ["Dumont Rénovation"]


def test_only_the_representative_personas_represent_companies() -> None:
    # The other personas must be refused when they try to designate a GAP.
    represented = {r.national_number for c in load_companies().values() for r in c.representatives}
    for slug in ("chloe-ducoeur", "naima-mremi", "marouan-el-yakoubi", "helene-lambert"):
        assert persona(slug).national_number not in represented, slug


def test_a_wrong_number_in_the_file_names_the_company(tmp_path: Path) -> None:
    broken = COMPANIES_FILE.read_text(encoding="utf-8").replace(
        'number = "0845.059.050"', 'number = "0845.059.051"'
    )
    path = tmp_path / "companies.toml"
    path.write_text(broken, encoding="utf-8")
    with pytest.raises(CompanyDataError, match="'BLA'"):
        load_companies(path)
