"""The pre-login cookie's token and its binding: only well-formed tokens bind, equal bindings
only match when both are known."""

from __future__ import annotations

import hashlib

import pytest

from identity.browser_binding import (
    CookiesRequiredError,
    browser_binding,
    is_browser_token,
    new_browser_token,
    require_binding,
    same_browser,
)


def test_each_browser_gets_a_token_of_its_own() -> None:
    first, second = new_browser_token(), new_browser_token()
    assert first != second
    assert is_browser_token(first)
    assert is_browser_token(second)


def test_the_binding_is_the_sha256_of_the_token_never_the_token() -> None:
    token = new_browser_token()
    binding = browser_binding(token)
    assert binding == hashlib.sha256(token.encode()).hexdigest()
    assert token not in (binding or "")


@pytest.mark.parametrize(
    "value",
    [None, "", "short", "x" * 43 + "y", "a" * 42 + "=", "é" * 43, "a" * 20 + ";" + "b" * 22],
)
def test_a_missing_or_malformed_cookie_binds_nothing(value: str | None) -> None:
    assert browser_binding(value) is None


def test_a_login_without_a_binding_is_refused() -> None:
    with pytest.raises(CookiesRequiredError):
        require_binding(None)
    with pytest.raises(CookiesRequiredError):
        require_binding("")
    assert require_binding("b" * 64) == "b" * 64


def test_two_unknown_bindings_are_not_the_same_browser() -> None:
    assert same_browser("b" * 64, "b" * 64)
    assert not same_browser("b" * 64, "c" * 64)
    assert not same_browser(None, None)
    assert not same_browser("b" * 64, None)
    assert not same_browser(None, "b" * 64)
