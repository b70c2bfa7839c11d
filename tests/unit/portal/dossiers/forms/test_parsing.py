"""A mistake in a démarche's data is refused when the file is read, naming the file and field."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest

from portal.dossiers.forms.model import Condition, DateBound, FieldType
from portal.dossiers.forms.parsing import parse_form
from tests.unit.portal.dossiers.forms.form_data import field_data, form_of, one_field


def _refused(*fields: dict[str, Any]) -> str:
    with pytest.raises(ValueError, match=r"^test\.toml: ") as refused:
        form_of(*fields)
    return str(refused.value)


def test_an_unknown_type_is_refused() -> None:
    message = _refused(field_data("hours", "int"))
    assert "field 'hours'" in message
    assert "unknown type 'int'" in message


def test_an_unknown_source_is_refused() -> None:
    message = _refused(field_data("surname", "text", source="eid.nickname"))
    assert "field 'surname': unknown source 'eid.nickname'" in message


def test_a_source_that_does_not_fit_the_type_is_refused() -> None:
    assert "does not fit a text field" in _refused(
        field_data("born", "text", source="eid.birth_date")
    )


def test_a_missing_label_is_refused() -> None:
    assert "field 'surname': missing label" in _refused({"key": "surname", "type": "text"})


def test_an_attribute_the_engine_does_not_know_is_refused() -> None:
    assert "unknown attribute(s) requird" in _refused(field_data("name", "text", requird=True))
    assert "unknown attribute(s) choices" in _refused(
        field_data("name", "text", choices=[{"value": "a", "label": "A"}])
    )
    assert "unknown attribute(s) min" in _refused(field_data("name", "email", min=1))


@pytest.mark.parametrize(
    ("fields", "fragment"),
    [
        ([field_data("a", "text"), field_data("a", "email")], "a field has this key already"),
        ([field_data("Bad Key", "text")], "key must be lowercase"),
        ([field_data("level", "choice")], "needs a list of choices"),
        (
            [field_data("level", "radio", choices=[{"value": "a", "label": "A"}] * 2)],
            "choice 'a' appears twice",
        ),
        ([field_data("hours", "number", min=1.5)], "whole number"),
        ([field_data("hours", "number", min=10, max=1)], "min is above max"),
        ([field_data("day", "date", min="tomorrow")], "must be a date, 'today'"),
        ([field_data("day", "date", min="today+10", max="today")], "min is after max"),
        ([field_data("cv", "file", accept=["docx"])], "accept must list some of pdf"),
        ([field_data("cv", "file", max_files=0)], "max_files must be a whole number from 1"),
        ([field_data("ok", "checkbox", required="yes")], "required must be true or false"),
        ([field_data("x", "text", shown_if={"field": "later", "equals": "a"})], "earlier field"),
        (
            [field_data("a", "checkbox"), field_data("b", "text", shown_if={"field": "a"})],
            "exactly one of equals, in, checked",
        ),
        (
            [
                field_data("a", "radio", choices=[{"value": "oui", "label": "Oui"}]),
                field_data("b", "text", shown_if={"field": "a", "equals": "peut-être"}),
            ],
            "a value 'a' does not offer",
        ),
        (
            [
                field_data("name", "text", source="eid.surname"),
                field_data("b", "text", shown_if={"field": "name", "equals": "X"}),
            ],
            "may not read 'name', filled from a source",
        ),
    ],
)
def test_other_mistakes_are_refused(fields: list[dict[str, Any]], fragment: str) -> None:
    assert fragment in _refused(*fields)


def test_a_form_needs_steps_and_a_step_needs_fields_and_a_title() -> None:
    with pytest.raises(ValueError, match="a form needs a list of steps"):
        parse_form({"steps": []}, origin="x.toml")
    with pytest.raises(ValueError, match="step 'a': a step needs a list of fields"):
        parse_form({"steps": [{"key": "a", "title": "A", "fields": []}]}, origin="x.toml")
    with pytest.raises(ValueError, match="step 'a': missing title"):
        parse_form({"steps": [{"key": "a", "fields": [field_data("b", "text")]}]}, origin="x")


def test_what_the_data_says_is_what_the_field_holds() -> None:
    hiring = one_field("date", min="today", max="2027-12-31", required=True)
    assert hiring.type is FieldType.DATE
    assert hiring.required
    assert hiring.minimum == DateBound(days_from_today=0)
    assert hiring.maximum == DateBound(fixed=date(2027, 12, 31))
    assert one_field("amount", min=0.5).minimum == Decimal("0.5")
    condition = form_of(
        field_data("a", "checkbox"), field_data("b", "text", shown_if={"field": "a", "in": ["x"]})
    ).field("b")
    assert condition.shown_if == Condition("a", one_of=("x",))


def test_texts_have_optional_translations_with_french_as_fallback() -> None:
    field = one_field(
        "choice",
        label="Niveau d'études",
        label_nl="Studieniveau",
        help="Le niveau de l'année demandée",
        choices=[{"value": "master", "label": "Master", "label_en": "Master's degree"}],
    )
    assert field.label_in("nl") == "Studieniveau"
    assert field.label_in("de") == "Niveau d'études"
    assert field.help_in("en") == "Le niveau de l'année demandée"
    assert field.placeholder_in("fr") == ""
    assert field.choice_label("master", "en") == "Master's degree"
    assert field.choice_label("master", "nl") == "Master"
    assert "unknown attribute(s) label_es" in _refused(field_data("a", "text", label_es="Nombre"))
