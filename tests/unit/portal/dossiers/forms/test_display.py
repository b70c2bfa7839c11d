"""Cleaned values as a person reads them on a read-only field or a summary."""

from __future__ import annotations

from decimal import Decimal

import pytest

from portal.dossiers.forms.display import display_value, money
from tests.unit.portal.dossiers.forms.form_data import one_field

LEVELS = [{"value": "master", "label": "Master", "label_nl": "Master (NL)"}]


@pytest.mark.parametrize(
    ("kind", "value", "language", "shown"),
    [
        ("date", "2026-11-30", "fr", "30/11/2026"),
        ("iban", "BE68539007547034", "fr", "BE68 5390 0754 7034"),
        ("national_number", "85073003328", "fr", "85.07.30-033.28"),
        ("company_number", "0845059050", "en", "0845.059.050"),
        ("checkbox", "true", "fr", "Oui"),
        ("checkbox", "", "nl", "Nee"),
        ("phone", "+32470123456", "fr", "+32470123456"),
        ("text", "Rue de Fer 12", "fr", "Rue de Fer 12"),
        ("date", "not a date", "fr", "not a date"),
        ("date", "", "fr", ""),
    ],
)
def test_values_are_written_for_people(kind: str, value: str, language: str, shown: str) -> None:
    assert display_value(one_field(kind), value, language) == shown


def test_a_choice_shows_its_label_in_the_language() -> None:
    field = one_field("choice", choices=LEVELS)
    assert display_value(field, "master", "nl") == "Master (NL)"
    assert display_value(field, "master", "de") == "Master"


def test_amounts_are_written_the_way_each_language_writes_money() -> None:
    assert display_value(one_field("amount"), "1250.5", "fr") == "1\u202f250,50 €"
    assert money(Decimal("1250.50"), "nl") == "€ 1.250,50"
    assert money(Decimal("1250.50"), "de") == "1.250,50 €"
    assert money(Decimal("1250.50"), "en") == "€1,250.50"
