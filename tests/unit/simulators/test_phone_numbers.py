"""Phone numbers reach the same inbox and phone however they are typed."""

from __future__ import annotations

import pytest

from simulators.loopback_web import query_param
from simulators.sms_gateway.numbers import PhoneNumberError, display_phone, normalise_phone


@pytest.mark.parametrize(
    "typed",
    [
        "+32470123456",
        "+32 470 12 34 56",
        "+32 (0)470 12 34 56",
        "0470 12 34 56",
        "0470/12.34.56",
        "0470-12-34-56",
        "0032 470 12 34 56",
        "  +32470123456\n",
    ],
)
def test_belgian_mobile_in_any_notation_is_one_number(typed: str) -> None:
    assert normalise_phone(typed) == "+32470123456"


def test_foreign_numbers_keep_their_country_code() -> None:
    assert normalise_phone("+33 6 12 34 56 78") == "+33612345678"
    assert normalise_phone("0033612345678") == "+33612345678"


@pytest.mark.parametrize(
    "typed",
    ["", "   ", "bonjour", "+32 47O 12 34 56", "12345", "+0470123456", "+3247012345678901234"],
)
def test_what_is_not_a_phone_number_is_refused(typed: str) -> None:
    with pytest.raises(PhoneNumberError):
        normalise_phone(typed)


def test_belgian_mobiles_are_shown_in_groups() -> None:
    assert display_phone("+32470123456") == "+32 470 12 34 56"
    assert display_phone("+33612345678") == "+33612345678"


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("to=+32470123456", "+32470123456"),  # typed in the address bar
        ("to=%2B32470123456", "+32470123456"),  # a link made with quote()
        ("to=%2B32+470+12+34+56", "+32 470 12 34 56"),  # what a form sends
        ("x=1&to=0470+12+34+56", "0470 12 34 56"),
    ],
)
def test_a_query_keeps_the_plus_of_a_phone_number(query: str, expected: str) -> None:
    assert query_param(query, "to") == expected


def test_a_missing_query_parameter_is_none() -> None:
    assert query_param("number=1", "to") is None
