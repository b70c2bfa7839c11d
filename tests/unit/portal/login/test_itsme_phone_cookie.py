"""« Se souvenir de mon numéro? » (seed 004 §2d): the number kept in a cookie of this browser
only — its name and attributes per origin, what is offered again (a Belgian mobile number and
nothing else), what "envoyer" writes with the box ticked or not — and where "Créer votre compte
itsme" leads."""

from __future__ import annotations

import json

import pytest
from pydantic import ValidationError

from foundation.settings import Settings
from identity.sms_code.phone import InvalidMobileNumberError
from portal.login.itsme_account_link import itsme_account_url
from portal.login.itsme_phone_cookie import (
    MAX_AGE_SECONDS,
    cookie_after_send,
    display_number,
    kept_in_cookie,
    phone_cookie,
    remembered_number,
    script_offering,
    script_setting,
)

HTTP = "http://localhost:3000"
HTTPS = "https://monespace.fw-b.be"


def attributes(assignment: str) -> dict[str, str]:
    """``name=value; Max-Age=…; Path=/`` → {"name": value, "max-age": …, "path": "/"}."""
    found = {}
    for part in assignment.split(";"):
        key, _, value = part.strip().partition("=")
        found[key if "monespace" in key else key.lower()] = value
    return found


def test_over_http_the_cookie_has_its_bare_name_and_is_not_secure() -> None:
    cookie = phone_cookie(HTTP)
    assert (cookie.name, cookie.secure) == ("monespace_itsme_phone", False)
    kept = attributes(cookie.keep("0470 12 34 56"))
    assert kept == {
        "monespace_itsme_phone": "+32470123456",
        "max-age": str(MAX_AGE_SECONDS),
        "path": "/",
        "samesite": "Lax",
    }


def test_over_https_it_takes_the_host_prefix_and_is_secure() -> None:
    cookie = phone_cookie(HTTPS)
    assert (cookie.name, cookie.secure) == ("__Host-monespace_itsme_phone", True)
    kept = attributes(cookie.keep("+32 470 12 34 56"))
    # __Host-: Secure, Path=/ and no Domain, or the browser refuses it.
    assert kept["__Host-monespace_itsme_phone"] == "+32470123456"
    assert "secure" in kept
    assert kept["path"] == "/"
    assert "domain" not in kept
    assert kept["samesite"] == "Lax"


def test_kept_for_a_year_and_never_sent_to_another_site() -> None:
    kept = attributes(phone_cookie(HTTP).keep("0470123456"))
    assert int(kept["max-age"]) == 365 * 24 * 3600
    assert kept["samesite"] == "Lax"
    assert "domain" not in kept


def test_only_a_belgian_mobile_number_is_kept() -> None:
    for typed in ("081 12 34 56", "+33 6 12 34 56 78", "hello", ""):
        with pytest.raises(InvalidMobileNumberError):
            phone_cookie(HTTP).keep(typed)


def test_forgetting_empties_and_expires_the_cookie() -> None:
    for origin, name in ((HTTP, "monespace_itsme_phone"), (HTTPS, "__Host-monespace_itsme_phone")):
        forgotten = attributes(phone_cookie(origin).forget())
        assert forgotten[name] == ""
        assert forgotten["max-age"] == "0"
        assert forgotten["path"] == "/"


@pytest.mark.parametrize(
    "value",
    ["+32470123456", "0470123456", "0032470123456", "+32(0)470123456", "0470.12.34.56"],
)
def test_a_kept_mobile_number_is_offered_again(value: str) -> None:
    header = f"monespace_lang=fr; monespace_itsme_phone={value}; monespace_browser=abc"
    assert remembered_number(header, HTTP) == "+32470123456"


@pytest.mark.parametrize(
    "value",
    [
        "",
        "081123456",  # a landline
        "+33612345678",
        "0470123456<script>",
        '"><img src=x onerror=alert(1)>',
        "0470" + "." * 40 + "123456",  # a mobile number, but too long to be looked at
        "%2B32470123456",  # not how the page writes it
    ],
)
def test_anything_else_is_not_offered(value: str) -> None:
    header = f"monespace_itsme_phone={value}"
    assert remembered_number(header, HTTP) is None
    assert kept_in_cookie(header, HTTP)  # there, so the page forgets it


def test_no_cookie_nothing_offered() -> None:
    for header in (None, "", "monespace_lang=nl", "monespace_itsme_phone"):
        assert remembered_number(header, HTTP) is None
        assert not kept_in_cookie(header, HTTP)


def test_over_https_only_the_prefixed_cookie_counts() -> None:
    """A sibling subdomain can set a bare-named cookie for the portal's host, never a __Host-
    one: over https the bare name is not read."""
    assert remembered_number("monespace_itsme_phone=+32470123456", HTTPS) is None
    assert remembered_number("__Host-monespace_itsme_phone=+32470123456", HTTPS) == "+32470123456"


def test_envoyer_keeps_the_number_sent_when_ticked_and_forgets_when_not() -> None:
    kept = cookie_after_send("0471 00 00 01", remember=True, public_origin=HTTP)
    assert attributes(kept)["monespace_itsme_phone"] == "+32471000001"
    forgotten = cookie_after_send("0471 00 00 01", remember=False, public_origin=HTTP)
    assert attributes(forgotten)["max-age"] == "0"


def test_the_field_shows_the_number_as_itsme_does() -> None:
    assert display_number("+32470123456") == "+32 470 12 34 56"
    assert display_number("0471/00.00.01") == "+32 471 00 00 01"


def test_the_scripts_carry_their_values_as_javascript_strings() -> None:
    assignment = phone_cookie(HTTP).keep("0470123456")
    assert script_setting(assignment) == f"document.cookie = {json.dumps(assignment)};"
    offering = script_offering("+32470123456")
    assert '"+32 470 12 34 56"' in offering
    assert 'getElementById("field-phone")' in offering
    assert 'getElementById("field-remember")' in offering
    assert "box.checked = true" in offering


def test_an_invalid_number_is_never_put_in_a_script() -> None:
    with pytest.raises(InvalidMobileNumberError):
        script_offering('"); alert(1); ("')


def test_create_your_itsme_account_leads_to_the_configured_provider_by_default() -> None:
    settings = Settings(itsme_url="http://127.0.0.1:8600/", itsme_account_url="")
    assert itsme_account_url("nl", settings) == "http://127.0.0.1:8600/get-started"


def test_a_real_itsme_page_in_the_page_language() -> None:
    settings = Settings(itsme_account_url="https://www.itsme.be/{lang}/get-started")
    assert itsme_account_url("nl", settings) == "https://www.itsme.be/nl/get-started"
    assert itsme_account_url("xx", settings) == "https://www.itsme.be/fr/get-started"


@pytest.mark.parametrize("url", ["javascript:alert(1)", "/aide", "//elsewhere.example/x"])
def test_the_configured_page_is_a_web_address(url: str) -> None:
    with pytest.raises(ValidationError):
        Settings(itsme_account_url=url)
