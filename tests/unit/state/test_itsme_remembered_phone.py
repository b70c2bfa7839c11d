"""The itsme login page's load, as the websocket calls it: the number this browser keeps in its
cookie is offered by a script (the field filled, the box ticked), never through a state var; a
cookie holding anything else is forgotten. "Créer votre compte itsme" follows the language."""

from __future__ import annotations

import pytest
from reflex_base.event import EventSpec

from foundation.settings import get_settings
from state.i18n_state import I18nState
from state.itsme_login_state import ItsmeLoginState
from tests.unit.state.conftest import Tab, fire


def script_of(outcome: object) -> str:
    """The JavaScript of an ``rx.call_script`` a handler returned ("" for anything else)."""
    if not isinstance(outcome, EventSpec) or outcome.handler.fn.__qualname__ != "_call_script":
        return ""
    return str(outcome.args[0][1]._var_value)  # type: ignore[attr-defined]


def test_a_kept_number_fills_the_field_and_ticks_the_box() -> None:
    tab = Tab(cookie="monespace_lang=fr; monespace_itsme_phone=+32470123456")
    page = tab.page(ItsmeLoginState)
    script = script_of(fire(page, "load"))
    assert '"+32 470 12 34 56"' in script
    assert "box.checked = true" in script
    # Only the browser holds the number: nothing of it in the page's own vars, backend ones
    # included (the router's copy of the request headers is Reflex's, as for every cookie).
    assert "470" not in str(page.dict()) + str(page._kept)


def test_without_the_cookie_the_form_is_left_empty() -> None:
    for cookie in ("", "monespace_lang=fr"):
        assert fire(Tab(cookie=cookie).page(ItsmeLoginState), "load") is None


def test_a_cookie_that_holds_no_mobile_number_is_forgotten_not_shown() -> None:
    tab = Tab(cookie='monespace_itsme_phone="><script>alert(1)</script>')
    script = script_of(fire(tab.page(ItsmeLoginState), "load"))
    assert script.startswith("document.cookie = ")
    assert "monespace_itsme_phone=; Max-Age=0; Path=/; SameSite=Lax" in script
    assert "alert" not in script


def test_the_itsme_account_link_follows_the_page_language(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("MONESPACE_ITSME_ACCOUNT_URL", "https://www.itsme.be/{lang}/get-started")
    get_settings.cache_clear()
    try:
        tab = Tab()
        i18n = tab.page(I18nState)
        assert i18n.itsme_account_url == "https://www.itsme.be/fr/get-started"
        fire(i18n, "set_language", "de")
        assert i18n.itsme_account_url == "https://www.itsme.be/de/get-started"
    finally:
        get_settings.cache_clear()
