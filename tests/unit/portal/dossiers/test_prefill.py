"""The forms' authentic sources, from the eID card's files, the account and the register."""

from __future__ import annotations

from datetime import date, datetime

from foundation.models.companies import Company
from portal.dossiers.forms.sources import SOURCES
from portal.dossiers.prefill import company_sources, eid_sources, person_sources
from tests.unit.portal.dossiers.card_and_company import CARD, HOME, REGISTERED


def test_the_card_gives_identity_and_address_in_the_fields_formats() -> None:
    assert eid_sources(CARD, HOME) == {
        "eid.national_number": "85073003328",
        "eid.surname": "Mremi",
        "eid.given_names": "Naïma Samira",
        "eid.first_name": "Naïma",
        "eid.birth_date": "1985-07-30",
        "eid.birth_place": "Namur",
        "eid.nationality": "Belge",
        "eid.street": "Rue de Fer 12",
        "eid.postal_code": "5000",
        "eid.municipality": "Namur",
    }


def test_without_the_address_file_the_address_is_left_to_the_person() -> None:
    assert "eid.street" not in eid_sources(CARD, None)


def test_the_account_gives_the_identity_part() -> None:
    sources = person_sources(
        national_number="85073003328",
        surname="Mremi",
        given_names="Naïma Samira",
        birth_date=date(1985, 7, 30),
    )
    assert sources.items() <= eid_sources(CARD, HOME).items()


def test_the_register_or_the_kept_company_row_gives_the_company_part() -> None:
    expected = {
        "company.number": "0845059050",
        "company.name": "Boulangerie Dupont",
        "company.legal_form": "SRL",
        "company.street": "Rue de l'Ange 4",
        "company.postal_code": "5000",
        "company.municipality": "Namur",
    }
    assert company_sources(REGISTERED) == expected
    row = Company(
        number="0845059050",
        name="Boulangerie Dupont",
        legal_form="SRL",
        street="Rue de l'Ange 4",
        zip_code="5000",
        municipality="Namur",
        registered_by="85073003328",
        registered_at=datetime(2026, 1, 1),
    )
    assert company_sources(row) == expected


def test_every_source_a_form_may_name_is_given() -> None:
    given = eid_sources(CARD, HOME) | company_sources(REGISTERED)
    assert set(given) == set(SOURCES)
