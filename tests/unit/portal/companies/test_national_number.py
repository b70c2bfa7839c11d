"""National register numbers as people type them, checked like the register checks them."""

from __future__ import annotations

from datetime import date

import pytest

from identity.bis_numbers import make_bis_number
from portal.companies.national_number import (
    NationalNumberCheckError,
    NationalNumberError,
    NationalNumberFormatError,
    NationalNumberMissingError,
    format_national_number,
    is_valid_national_number,
    parse_national_number,
)


@pytest.mark.parametrize(
    "typed",
    ["85.07.30-033.28", "85073003328", "850730 033 28", "85 07 30 033 28", " 850730-03328 "],
)
def test_typed_forms_read_the_same_number(typed: str) -> None:
    assert parse_national_number(typed) == "85073003328"
    assert format_national_number(typed) == "85.07.30-033.28"


def test_born_before_2000_97_minus_the_first_nine_mod_97() -> None:
    assert 97 - 850730033 % 97 == 28
    assert is_valid_national_number("85073003328")
    for wrong in ("85073003327", "85073003329", "85073003382", "58073003328"):
        with pytest.raises(NationalNumberCheckError):
            parse_national_number(wrong)


def test_born_in_2000_or_later_a_2_is_put_in_front() -> None:
    # 2 followed by 010101001 (1 January 2001, serial 001): 97 - (2010101001 mod 97) = 26;
    # without the 2 the check digits would be 97 - (10101001 mod 97) = 94.
    assert 97 - 2010101001 % 97 == 26
    assert 97 - 10101001 % 97 == 94
    assert format_national_number("01010100126") == "01.01.01-001.26"
    assert is_valid_national_number("01010100194")  # the same digits for someone born in 1901


def test_the_personas_numbers_are_valid() -> None:
    # Jean-Pierre Dumont and Élise Wauters, the legal representatives of the demo's companies.
    assert format_national_number("68091717134") == "68.09.17-171.34"
    assert format_national_number("90062108454") == "90.06.21-084.54"


def test_bis_numbers_made_by_the_paper_token_pass_the_same_check() -> None:
    for birth in (date(1975, 3, 9), date(2003, 11, 30)):
        assert is_valid_national_number(make_bis_number(birth, 42))


@pytest.mark.parametrize(
    ("typed", "error"),
    [
        ("", NationalNumberMissingError),
        (" . - ", NationalNumberMissingError),
        ("8507300332", NationalNumberFormatError),  # ten digits
        ("850730033280", NationalNumberFormatError),  # twelve digits
        ("85/07/30-033.28", NationalNumberFormatError),
        ("85.07.30-O33.28", NationalNumberFormatError),  # a letter O
        ("８５０７３００３３２８", NationalNumberFormatError),  # full-width digits
        ("85.07.30-033.61", NationalNumberCheckError),
    ],
)
def test_each_failure_has_its_own_error(typed: str, error: type[NationalNumberError]) -> None:
    with pytest.raises(error) as raised:
        parse_national_number(typed)
    assert raised.value.field == "national_number"
    assert not is_valid_national_number(typed)
