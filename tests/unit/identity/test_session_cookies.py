"""The cookies' names per public origin (``__Host-`` and Secure over https), and reading one from
a Cookie header leniently."""

from __future__ import annotations

from identity.session_cookies import CookieNames, cookie_names, cookie_value


def test_over_https_both_cookies_take_the_host_prefix_and_are_secure() -> None:
    assert cookie_names("https://monespace.example.be") == CookieNames(
        session="__Host-monespace_session", browser="__Host-monespace_browser", secure=True
    )
    assert cookie_names("HTTPS://MonEspace.example.be").secure


def test_over_plain_http_the_names_are_bare() -> None:
    # Browsers refuse a __Host- cookie that is not Secure: it would never be stored.
    assert cookie_names("http://localhost:3000") == CookieNames(
        session="monespace_session", browser="monespace_browser", secure=False
    )


def test_a_cookie_is_read_among_others() -> None:
    header = 'lang=fr; monespace_browser=abc_DEF-123; other="quoted value"'
    assert cookie_value(header, "monespace_browser") == "abc_DEF-123"
    assert cookie_value(header, "other") == "quoted value"
    assert cookie_value(header, "monespace_session") is None
    assert cookie_value(None, "monespace_browser") is None


def test_a_malformed_cookie_of_another_site_does_not_hide_the_portals() -> None:
    header = 'broken="unterminated; tracking={"a":1}; monespace_session=abc.def'
    assert cookie_value(header, "monespace_session") == "abc.def"


def test_a_prefixed_name_is_not_its_bare_name() -> None:
    header = "__Host-monespace_session=secure-one"
    assert cookie_value(header, "monespace_session") is None
    assert cookie_value(header, "__Host-monespace_session") == "secure-one"
