"""Every answer carries the security headers; HSTS only when the portal is served over https."""

from __future__ import annotations

from starlette.applications import Starlette
from starlette.responses import PlainTextResponse
from starlette.routing import Route
from starlette.testclient import TestClient

from monespace_app.security_headers import with_security_headers


def app_answering(headers: dict[str, str] | None = None) -> Starlette:
    return Starlette(routes=[Route("/", lambda request: PlainTextResponse("ok", headers=headers))])


def test_every_answer_refuses_framing_sniffing_and_referrers() -> None:
    client = TestClient(
        with_security_headers(app_answering(), public_origin="http://localhost:3000")
    )
    response = client.get("/")
    assert response.headers["x-frame-options"] == "DENY"
    assert "frame-ancestors 'none'" in response.headers["content-security-policy"]
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["referrer-policy"] == "same-origin"
    assert "strict-transport-security" not in response.headers
    assert client.get("/missing").headers["x-frame-options"] == "DENY"  # errors too


def test_hsts_over_https() -> None:
    client = TestClient(
        with_security_headers(app_answering(), public_origin="https://monespace.be")
    )
    assert client.get("/").headers["strict-transport-security"].startswith("max-age=31536000")


def test_a_header_the_page_set_itself_is_kept() -> None:
    own = {"Referrer-Policy": "no-referrer"}
    client = TestClient(
        with_security_headers(app_answering(own), public_origin="http://localhost:3000")
    )
    assert client.get("/").headers.get_list("referrer-policy") == ["no-referrer"]
