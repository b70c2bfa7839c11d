"""What the pages' states read of the browser for the login's binding: the pre-login cookie of
the websocket's own request, and the key chooser's reason for a login that opened nothing."""

from __future__ import annotations

import pytest

from foundation import routes
from identity.browser_binding import browser_binding, new_browser_token
from state.browser import binding_of
from state.key_chooser_state import KeyChooserState
from tests.unit.state.conftest import Tab, fire


def test_a_tab_is_bound_by_the_hash_of_its_pre_login_cookie() -> None:
    token = new_browser_token()
    tab = Tab(cookie=f"lang=fr; monespace_browser={token}")
    assert binding_of(tab.page(KeyChooserState)) == browser_binding(token)


@pytest.mark.parametrize("cookie", ["", "lang=fr", "monespace_browser=forged"])
def test_a_tab_without_a_valid_pre_login_cookie_is_bound_to_nothing(cookie: str) -> None:
    assert binding_of(Tab(cookie=cookie).page(KeyChooserState)) is None


@pytest.mark.parametrize(
    ("reason", "key"),
    [
        ("navigateur", "login.refused.navigateur"),
        ("cookies", "login.refused.cookies"),
        ("session", "login.refused.session"),
        ("<script>alert(1)</script>", ""),  # not a reason the portal names: nothing shown
    ],
)
def test_the_key_chooser_says_why_a_login_opened_nothing(reason: str, key: str) -> None:
    tab = Tab()
    tab.open(routes.KEY_CHOOSER, erreur=reason)
    chooser = tab.page(KeyChooserState)
    fire(chooser, "read_level")
    assert chooser.refusal_key == key


def test_a_plain_visit_of_the_key_chooser_shows_no_refusal() -> None:
    tab = Tab()
    tab.open(routes.KEY_CHOOSER)
    chooser = tab.page(KeyChooserState)
    fire(chooser, "read_level")
    assert chooser.refusal_key == ""
