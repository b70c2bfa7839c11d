"""The pre-login cookie: the first answer to a browser without one sets a fresh one, HttpOnly and
SameSite=Lax (``__Host-`` and Secure over https); a browser that has one keeps it."""

from __future__ import annotations

import pytest
from starlette.applications import Starlette
from starlette.responses import PlainTextResponse
from starlette.routing import Route
from starlette.testclient import TestClient

from identity.browser_binding import is_browser_token, new_browser_token
from monespace_app.browser_cookie import with_browser_cookie

PAGE = Starlette(routes=[Route("/", lambda request: PlainTextResponse("page"))])


def client_for(origin: str) -> TestClient:
    return TestClient(with_browser_cookie(PAGE, public_origin=origin))


def browser_cookies(answer: object) -> list[str]:
    headers = answer.headers.get_list("set-cookie")  # type: ignore[attr-defined]
    return [h for h in headers if "monespace_browser=" in h]


def attributes(set_cookie: str) -> set[str]:
    return {part.strip() for part in set_cookie.split(";")}


def test_a_new_browser_gets_a_fresh_httponly_lax_cookie() -> None:
    first, second = client_for("http://localhost:3000"), client_for("http://localhost:3000")
    [header] = browser_cookies(first.get("/"))
    assert header.startswith("monespace_browser=")
    assert {"HttpOnly", "SameSite=Lax", "Path=/"} <= attributes(header)
    assert "Secure" not in attributes(header)
    token = header.split(";")[0].split("=", 1)[1]
    assert is_browser_token(token)
    # Another browser, another token.
    assert browser_cookies(second.get("/"))[0] != header


def test_a_browser_that_has_its_cookie_keeps_it() -> None:
    client = client_for("http://localhost:3000")
    client.cookies.set("monespace_browser", new_browser_token())
    assert browser_cookies(client.get("/")) == []


@pytest.mark.parametrize("value", ["forged", "x" * 100, ""])
def test_a_malformed_cookie_is_replaced(value: str) -> None:
    client = client_for("http://localhost:3000")
    client.cookies.set("monespace_browser", value)
    [header] = browser_cookies(client.get("/"))
    assert is_browser_token(header.split(";")[0].split("=", 1)[1])


def test_over_https_the_cookie_is_host_prefixed_and_secure() -> None:
    [header] = browser_cookies(client_for("https://monespace.example.be").get("/"))
    assert header.startswith("__Host-monespace_browser=")
    assert {"Secure", "Path=/"} <= attributes(header)
    assert "Domain" not in header


def test_the_answer_is_otherwise_the_apps() -> None:
    answer = client_for("http://localhost:3000").get("/")
    assert (answer.status_code, answer.text) == (200, "page")
