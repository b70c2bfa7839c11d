"""Username and password rules."""

from __future__ import annotations

import pytest

from foundation.i18n.error_messages import error_text
from identity.password.errors import (
    InvalidUsernameError,
    PasswordSameAsUsernameError,
    PasswordTooGuessableError,
    PasswordTooLongError,
    PasswordTooShortError,
    WeakPasswordError,
)
from identity.password.policy import character_classes, check_password, checked_username


@pytest.mark.parametrize("name", ["abc", "Marie.Dupont", "m_d-85", "a" * 64, "  jean  "])
def test_usernames_of_3_to_64_letters_digits_dots_dashes_underscores_pass(name: str) -> None:
    assert checked_username(name) == name.strip().lower()


@pytest.mark.parametrize("name", ["ab", "a" * 65, "marie dupont", "éloïse", "marie@ex.be", ""])
def test_other_usernames_are_refused_with_the_rule_in_french(name: str) -> None:
    with pytest.raises(InvalidUsernameError) as raised:
        checked_username(name)
    assert "de 3 à 64 caractères" in error_text("fr", raised.value)


@pytest.mark.parametrize(
    "password", ["correcthorsebattery", "twelve chars", "Kq7#vT2!", "pW9-zR4x", "TULIPE-bleu-9"]
)
def test_twelve_characters_or_eight_of_three_kinds_pass(password: str) -> None:
    check_password(password, username="marie")


@pytest.mark.parametrize("password", ["short", "abcdefgh", "abcdefg1", "abcdefghijk", "Abcdef1"])
def test_shorter_or_too_plain_passwords_are_too_short(password: str) -> None:
    with pytest.raises(PasswordTooShortError) as raised:
        check_password(password, username="marie")
    assert isinstance(raised.value, WeakPasswordError)
    assert "au moins 12 caractères" in error_text("fr", raised.value)


def test_the_username_as_password_is_refused_whatever_the_case() -> None:
    with pytest.raises(PasswordSameAsUsernameError) as raised:
        check_password("Marie.Dupont.1985", username="marie.dupont.1985")
    assert "identique au nom d'utilisateur" in error_text("fr", raised.value)


def test_a_password_over_256_characters_is_refused() -> None:
    with pytest.raises(PasswordTooLongError):
        check_password("x" * 257, username="marie")


def test_character_classes_counts_lower_upper_digits_and_others() -> None:
    assert character_classes("abc") == 1
    assert character_classes("aB1") == 3
    assert character_classes("aB1 ") == 4


@pytest.mark.parametrize(
    ("password", "reason", "words"),
    [
        ("Password123!", "common", "des plus utilisés"),
        ("Azerty123456", "common", "des plus utilisés"),
        ("motdepasse2024", "common", "des plus utilisés"),
        ("aaaaaaaaaaaaaaaa", "repeat", "répète"),
        ("abcdefghijklmnop", "sequence", "suite évidente"),
        ("Marouan-El-Yakoubi", "personal", "votre nom"),
    ],
)
def test_passwords_easy_to_guess_are_refused_saying_why(
    password: str, reason: str, words: str
) -> None:
    with pytest.raises(PasswordTooGuessableError) as raised:
        check_password(password, username="m.elyakoubi", personal=["El Yakoubi", "Marouan"])
    assert raised.value.field == reason
    assert isinstance(raised.value, WeakPasswordError)
    assert words in error_text("fr", raised.value)
    assert error_text("nl", raised.value) != error_text("fr", raised.value)


def test_a_few_unrelated_words_pass_even_with_the_persons_names_around() -> None:
    check_password("tulipe cartable horizon", username="m.elyakoubi", personal=["Marouan"])
