"""Each field type: what a person may type, how it is kept, and what is refused."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from portal.dossiers.forms import problems
from portal.dossiers.forms.engine import check_field
from portal.dossiers.forms.problems import FieldProblem
from portal.dossiers.forms.values import attachment_ids, normalise, parse_date
from tests.unit.portal.dossiers.forms.form_data import one_field

TODAY = date(2026, 11, 30)
CHOICES = [{"value": "cdi", "label": "CDI"}, {"value": "cdd", "label": "CDD"}]
EXTRA: dict[str, dict[str, Any]] = {"choice": {"choices": CHOICES}, "radio": {"choices": CHOICES}}


def _kept(kind: str, typed: str, **attributes: Any) -> str | FieldProblem:
    return normalise(one_field(kind, **EXTRA.get(kind, {}), **attributes), typed)


GOOD = [
    ("text", "  Athénée royal de Namur ", "Athénée royal de Namur"),
    ("textarea", "Ligne 1\nLigne 2", "Ligne 1\nLigne 2"),
    ("email", " prenom.nom@exemple.be ", "prenom.nom@exemple.be"),
    ("phone", "0470 12 34 56", "+32470123456"),
    ("phone", "081/12.34.56", "+3281123456"),
    ("phone", "+32 (0)2 123 45 67", "+3221234567"),
    ("phone", "0033 1 23 45 67 89", "+33123456789"),
    ("number", "38", "38"),
    ("number", " 007 ", "7"),
    ("amount", "1250", "1250.00"),
    ("amount", "1250,5", "1250.50"),
    ("amount", "1 250,50 €", "1250.50"),
    ("amount", "1.250,50", "1250.50"),
    ("amount", "1,250.50", "1250.50"),
    ("amount", "0.99", "0.99"),
    ("date", "2026-12-01", "2026-12-01"),
    ("date", "01/12/2026", "2026-12-01"),
    ("date", "1/2/2027", "2027-02-01"),
    ("choice", "cdi", "cdi"),
    ("radio", "cdd", "cdd"),
    ("checkbox", "true", "true"),
    ("checkbox", "false", ""),
    ("iban", "be68 5390 0754 7034", "BE68539007547034"),
    ("iban", "NL91ABNA0417164300", "NL91ABNA0417164300"),
    ("national_number", "85.07.30-033.28", "85073003328"),
    ("national_number", "85073003328", "85073003328"),
    ("company_number", "0845.059.050", "0845059050"),
    ("company_number", "BE 0845 059 050", "0845059050"),
    ("postal_code", "5000", "5000"),
    ("file", "a1b2, c3d4", "a1b2,c3d4"),
]


@pytest.mark.parametrize(("kind", "typed", "kept"), GOOD)
def test_a_good_value_is_kept_in_its_types_format(kind: str, typed: str, kept: str) -> None:
    assert _kept(kind, typed, **({"max_files": 2} if kind == "file" else {})) == kept


BAD = [
    ("text", "x" * 201, problems.TOO_LONG),
    ("email", "prenom.nom@", problems.EMAIL),
    ("email", "pas une adresse", problems.EMAIL),
    ("phone", "12345", problems.PHONE),
    ("phone", "0470 12 34 56 78 90", problems.PHONE),
    ("phone", "+32 abc", problems.PHONE),
    ("number", "12,5", problems.NUMBER),
    ("number", "douze", problems.NUMBER),
    ("amount", "1.234", problems.AMOUNT),
    ("amount", "12,345", problems.AMOUNT),
    ("amount", "-5", problems.AMOUNT),
    ("amount", "beaucoup", problems.AMOUNT),
    ("date", "31/02/2027", problems.DATE_FORMAT),
    ("date", "2027-13-01", problems.DATE_FORMAT),
    ("date", "demain", problems.DATE_FORMAT),
    ("choice", "cdx", problems.CHOICE),
    ("radio", "CDI", problems.CHOICE),
    ("checkbox", "yes", problems.CHECKBOX),
    ("iban", "BE68 5390 0754 7035", problems.IBAN),
    ("iban", "BE68 5390 0754 703", problems.IBAN),
    ("iban", "12345678901234", problems.IBAN),
    ("national_number", "85.07.30-033.29", problems.NATIONAL_NUMBER),
    ("national_number", "8507300332", problems.NATIONAL_NUMBER),
    ("company_number", "0845.059.051", problems.COMPANY_NUMBER),
    ("company_number", "2845.059.050", problems.COMPANY_NUMBER),
    ("postal_code", "500", problems.POSTAL_CODE),
    ("postal_code", "0999", problems.POSTAL_CODE),
    ("postal_code", "B-5000", problems.POSTAL_CODE),
    ("file", "a1b2;rm -rf", problems.FILES),
    ("file", "a1b2,a1b2", problems.FILES),
    ("file", "a1b2,c3d4", problems.TOO_MANY_FILES),
]


@pytest.mark.parametrize(("kind", "typed", "key"), BAD)
def test_a_bad_value_is_refused_with_the_text_that_says_why(
    kind: str, typed: str, key: str
) -> None:
    refused = _kept(kind, typed)
    assert isinstance(refused, FieldProblem)
    assert refused.key == key


def test_limits_are_named_in_the_problem() -> None:
    assert _kept("textarea", "abcdef", max_length=5) == FieldProblem(
        problems.TOO_LONG, {"max": "5"}
    )
    assert _kept("file", "a,b,c", max_files=2) == FieldProblem(
        problems.TOO_MANY_FILES, {"max": "2"}
    )


@pytest.mark.parametrize("kind", ["text", "email", "date", "choice", "iban", "file", "checkbox"])
def test_an_empty_optional_field_is_fine_and_a_required_one_is_not(kind: str) -> None:
    optional = one_field(kind, **EXTRA.get(kind, {}))
    required = one_field(kind, required=True, **EXTRA.get(kind, {}))
    assert check_field(optional, "  ", today=TODAY) is None
    problem = check_field(required, "", today=TODAY)
    assert problem is not None
    assert problem.key == (problems.MUST_CHECK if kind == "checkbox" else problems.REQUIRED)


def test_a_file_field_with_only_commas_has_no_file() -> None:
    assert check_field(one_field("file", required=True), " , ", today=TODAY) == FieldProblem(
        problems.REQUIRED
    )
    assert attachment_ids(" a1, ,b2 ") == ["a1", "b2"]


def test_number_limits() -> None:
    hours = one_field("number", min=1, max=38)
    assert check_field(hours, "38", today=TODAY) is None
    assert check_field(hours, "39", today=TODAY) == FieldProblem(problems.TOO_LARGE, {"max": "38"})
    assert check_field(hours, "0", today=TODAY) == FieldProblem(problems.TOO_SMALL, {"min": "1"})


def test_amount_limits_are_shown_with_cents() -> None:
    grant = one_field("amount", min=100, max=25000)
    assert check_field(grant, "25 000,00", today=TODAY) is None
    assert check_field(grant, "25000,01", today=TODAY) == FieldProblem(
        problems.TOO_LARGE, {"max": "25000.00"}
    )
    assert check_field(grant, "99,99", today=TODAY) == FieldProblem(
        problems.TOO_SMALL, {"min": "100.00"}
    )


def test_a_date_not_in_the_past_accepts_today_and_refuses_yesterday() -> None:
    hiring = one_field("date", min="today")
    assert check_field(hiring, "30/11/2026", today=TODAY) is None
    assert check_field(hiring, "29/11/2026", today=TODAY) == FieldProblem(
        problems.TOO_EARLY, {"min": "30/11/2026"}
    )


def test_relative_and_fixed_date_limits() -> None:
    notice = one_field("date", min="today+30", max="2027-06-30")
    assert check_field(notice, "2026-12-29", today=TODAY) == FieldProblem(
        problems.TOO_EARLY, {"min": "30/12/2026"}
    )
    assert check_field(notice, "2026-12-30", today=TODAY) is None
    assert check_field(notice, "2027-07-01", today=TODAY) == FieldProblem(
        problems.TOO_LATE, {"max": "30/06/2027"}
    )
    birth = one_field("date", max="today-1")
    assert check_field(birth, "2026-11-30", today=TODAY) == FieldProblem(
        problems.TOO_LATE, {"max": "29/11/2026"}
    )


def test_parse_date_reads_both_ways_of_writing_a_date() -> None:
    assert parse_date("2026-11-30") == parse_date("30/11/2026") == TODAY
    assert parse_date("30.11.2026") is None
