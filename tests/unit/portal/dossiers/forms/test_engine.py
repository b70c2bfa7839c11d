"""The engine: conditions, authentic sources, step and form checks, the values kept."""

from __future__ import annotations

from datetime import date

from portal.dossiers.forms import problems
from portal.dossiers.forms.engine import (
    clean,
    first_step_with_problems,
    prefill,
    read_only_keys,
    validate_form,
    validate_step,
    visible_fields,
)
from portal.dossiers.forms.problems import FieldProblem
from tests.unit.portal.dossiers.forms.form_data import field_data, form_of, steps_of

TODAY = date(2026, 11, 30)
NO_SOURCES: dict[str, str] = {}
YES_NO = [{"value": "oui", "label": "Oui"}, {"value": "non", "label": "Non"}]

JOB = form_of(
    field_data("first_job", "checkbox"),
    field_data("started", "date", required=True, shown_if={"field": "first_job", "checked": True}),
    field_data("first_application", "radio", choices=YES_NO, required=True),
    field_data(
        "previous",
        "text",
        required=True,
        shown_if={"field": "first_application", "equals": "non"},
    ),
    field_data(
        "previous_year",
        "number",
        required=True,
        shown_if={"field": "previous", "in": ["123", "456"]},
    ),
)


def _keys(values: dict[str, str]) -> list[str]:
    return [field.key for field in visible_fields(JOB, values)]


def test_a_field_shows_only_when_its_condition_holds() -> None:
    assert _keys({}) == ["first_job", "first_application"]
    assert _keys({"first_job": "true"}) == ["first_job", "started", "first_application"]
    assert _keys({"first_application": "non"}) == ["first_job", "first_application", "previous"]
    assert _keys({"first_application": "non", "previous": "456"})[-1] == "previous_year"


def test_a_field_whose_condition_reads_a_hidden_field_is_hidden_too() -> None:
    values = {"first_application": "oui", "previous": "123"}
    assert "previous_year" not in _keys(values)


def test_a_hidden_field_is_never_required() -> None:
    found = validate_step(JOB, "main", {"first_application": "oui"}, sources={}, today=TODAY)
    assert found == {}


def test_a_shown_field_is_required_when_the_condition_is_met() -> None:
    found = validate_step(
        JOB, "main", {"first_job": "true", "first_application": "non"}, sources={}, today=TODAY
    )
    assert found == {
        "started": FieldProblem(problems.REQUIRED),
        "previous": FieldProblem(problems.REQUIRED),
    }


def test_hidden_values_are_dropped_from_what_is_kept() -> None:
    kept = clean(
        JOB,
        {"first_job": "", "started": "01/01/2020", "first_application": "oui", "previous": "x"},
        sources=NO_SOURCES,
    )
    assert kept == {"first_job": "", "first_application": "oui"}


IDENTITY = form_of(
    field_data("surname", "text", source="eid.surname", required=True),
    field_data("birth_date", "date", source="eid.birth_date", required=True),
    field_data("national_number", "national_number", source="eid.national_number"),
    field_data("street", "text", source="eid.street", required=True),
    field_data("email", "email", required=True),
)
CARD = {
    "eid.surname": "Mremi",
    "eid.birth_date": "1985-07-30",
    "eid.national_number": "85073003328",
    "eid.street": "Rue de Fer 12",
}


def test_prefill_gives_the_sources_values_and_makes_them_read_only() -> None:
    assert prefill(IDENTITY, CARD) == {
        "surname": "Mremi",
        "birth_date": "1985-07-30",
        "national_number": "85073003328",
        "street": "Rue de Fer 12",
    }
    assert read_only_keys(IDENTITY, CARD) == {"surname", "birth_date", "national_number", "street"}


def test_a_forged_value_never_replaces_the_authentic_data() -> None:
    forged = {"surname": "Dupont", "national_number": "not a number", "email": "n@exemple.be"}
    assert validate_form(IDENTITY, forged, sources=CARD, today=TODAY) == {}
    kept = clean(IDENTITY, forged, sources=CARD)
    assert kept["surname"] == "Mremi"
    assert kept["national_number"] == "85073003328"
    assert kept["email"] == "n@exemple.be"


def test_a_field_whose_source_has_no_value_is_filled_in_by_the_person() -> None:
    card_without_address = {k: v for k, v in CARD.items() if k != "eid.street"}
    assert "street" not in read_only_keys(IDENTITY, card_without_address)
    found = validate_form(
        IDENTITY, {"email": "n@exemple.be"}, sources=card_without_address, today=TODAY
    )
    assert found == {"street": FieldProblem(problems.REQUIRED)}
    kept = clean(IDENTITY, {"street": " Rue Haute 3 "}, sources=card_without_address)
    assert kept["street"] == "Rue Haute 3"


TWO_STEPS = steps_of(
    ("studies", [field_data("level", "choice", choices=YES_NO, required=True)]),
    (
        "payment",
        [
            field_data("iban", "iban", required=True),
            field_data("income", "amount", min=0),
            field_data("since", "date", max="today"),
        ],
    ),
)


def test_a_step_is_checked_alone() -> None:
    values = {"iban": "BE68 5390 0754 7035"}
    assert validate_step(TWO_STEPS, "studies", values, sources={}, today=TODAY) == {
        "level": FieldProblem(problems.REQUIRED)
    }
    assert validate_step(TWO_STEPS, "payment", values, sources={}, today=TODAY) == {
        "iban": FieldProblem(problems.IBAN)
    }


def test_the_whole_form_is_checked_and_the_first_step_at_fault_found() -> None:
    values = {"level": "oui", "iban": "", "since": "01/12/2026"}
    found = validate_form(TWO_STEPS, values, sources={}, today=TODAY)
    assert found == {
        "iban": FieldProblem(problems.REQUIRED),
        "since": FieldProblem(problems.TOO_LATE, {"max": "30/11/2026"}),
    }
    assert first_step_with_problems(TWO_STEPS, found) == "payment"
    assert first_step_with_problems(TWO_STEPS, {}) is None


def test_clean_writes_each_value_in_its_format_and_keeps_a_draft_as_typed() -> None:
    kept = clean(
        TWO_STEPS,
        {
            "level": "oui",
            "iban": "be68 5390 0754 7034",
            "income": "1 250,5",
            "since": "3/4/2020",
            "unknown": "dropped",
        },
        sources=NO_SOURCES,
    )
    assert kept == {
        "level": "oui",
        "iban": "BE68539007547034",
        "income": "1250.50",
        "since": "2020-04-03",
    }
    draft = clean(TWO_STEPS, {"income": " beaucoup "}, sources=NO_SOURCES)
    assert draft["income"] == "beaucoup"
