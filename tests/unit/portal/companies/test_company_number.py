"""Company numbers as people type them: read, checked with modulo 97, shown 0845.059.050."""

from __future__ import annotations

import pytest

from foundation.i18n.error_messages import error_text
from portal.companies.company_number import (
    CompanyNumberCheckError,
    CompanyNumberError,
    CompanyNumberFormatError,
    CompanyNumberMissingError,
    CompanyNumberStartError,
    format_company_number,
    is_valid_company_number,
    parse_company_number,
)


@pytest.mark.parametrize(
    "typed",
    [
        "0845.059.050",
        "0845059050",
        "0845 059 050",
        "BE0845059050",
        "BE 0845.059.050",
        "be0845.059.050",
        "  0845.059.050 ",
        "845.059.050",  # a number issued before 2005, nine digits
        "845059050",
    ],
)
def test_every_usual_way_of_typing_reads_the_same_number(typed: str) -> None:
    assert parse_company_number(typed) == "0845059050"
    assert format_company_number(typed) == "0845.059.050"


@pytest.mark.parametrize(
    ("number", "shown"),
    [
        ("0402497144", "0402.497.144"),  # seed 001's ACTION ASSISTANCE MAISON
        ("0899045884", "0899.045.884"),
        ("1002480548", "1002.480.548"),  # numbers issued since 2023 start with 1
    ],
)
def test_valid_numbers_are_shown_in_groups(number: str, shown: str) -> None:
    assert is_valid_company_number(number)
    assert format_company_number(number) == shown


def test_check_digits_are_97_minus_the_first_eight_mod_97() -> None:
    # 08450590 mod 97 = 47, 97 - 47 = 50; so 49 and 51 are typing mistakes.
    assert 8450590 % 97 == 47
    for wrong in ("0845.059.049", "0845.059.051", "0845.095.050", "0485.059.050"):
        with pytest.raises(CompanyNumberCheckError):
            parse_company_number(wrong)


def test_check_digits_97_when_the_rest_is_a_multiple_of_97() -> None:
    # 97 * 10000 = 970000 → 00970000 mod 97 = 0 → check digits 97.
    assert parse_company_number("0097.000.097") == "0097000097"
    with pytest.raises(CompanyNumberCheckError):
        parse_company_number("0097.000.000")


@pytest.mark.parametrize(
    ("typed", "error"),
    [
        ("", CompanyNumberMissingError),
        ("   ", CompanyNumberMissingError),
        ("BE", CompanyNumberMissingError),
        ("845.059.05", CompanyNumberFormatError),  # eight digits
        ("08450590500", CompanyNumberFormatError),  # eleven digits
        ("0845-059-050", CompanyNumberFormatError),
        ("O845.059.050", CompanyNumberFormatError),  # a letter O
        ("NL0845059050", CompanyNumberFormatError),
        ("٠٨٤٥٠٥٩٠٥٠", CompanyNumberFormatError),  # Arabic-Indic digits
        ("2845.059.050", CompanyNumberStartError),
        ("9845.059.050", CompanyNumberStartError),
    ],
)
def test_each_failure_has_its_own_error(typed: str, error: type[CompanyNumberError]) -> None:
    with pytest.raises(error) as raised:
        parse_company_number(typed)
    assert raised.value.field == "company_number"
    assert raised.value.typed == typed
    assert not is_valid_company_number(typed)


def test_the_errors_say_what_to_do_in_french() -> None:
    messages = {
        error_text("fr", cls("x"))
        for cls in (
            CompanyNumberMissingError,
            CompanyNumberFormatError,
            CompanyNumberStartError,
            CompanyNumberCheckError,
        )
    }
    assert len(messages) == 4
    assert "10 chiffres" in error_text("fr", CompanyNumberFormatError("x"))
    assert "Vérifiez" in error_text("fr", CompanyNumberCheckError("x"))
