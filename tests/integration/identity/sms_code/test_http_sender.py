"""HttpSmsSender against a stub SMS gateway on loopback: the provider's contract, and failures."""

from __future__ import annotations

import socket

import pytest

from foundation.i18n.error_messages import error_text
from identity.sms_code import HttpSmsSender, SmsDeliveryError
from tests.integration.identity.stub_http import Reply, Seen, stub_server

pytestmark = pytest.mark.integration

TOKEN = "test-token-123"


def accepted(_seen: Seen) -> Reply:
    return Reply.json(202, {"id": "4f1c-sms"})


def test_an_sms_is_posted_as_json_with_the_bearer_token_and_its_id_returned() -> None:
    with stub_server(accepted) as gateway:
        message_id = HttpSmsSender(gateway.base_url + "/", TOKEN, timeout=5).send(
            to="+32470123456", text="Mon Espace : votre code de sécurité est 123456."
        )
    assert message_id == "4f1c-sms"
    [request] = gateway.seen
    assert (request.method, request.path) == ("POST", "/api/sms")
    assert request.headers["authorization"] == f"Bearer {TOKEN}"
    assert request.headers["content-type"] == "application/json"
    assert request.json() == {
        "to": "+32470123456",
        "text": "Mon Espace : votre code de sécurité est 123456.",
    }


@pytest.mark.parametrize("status", [400, 401, 500, 503])
def test_a_refusal_by_the_gateway_is_a_delivery_error(status: int) -> None:
    with stub_server(lambda _s: Reply.json(status, {"error": "nope"})) as gateway:
        sender = HttpSmsSender(gateway.base_url, "wrong", timeout=5)
        with pytest.raises(SmsDeliveryError) as failed:
            sender.send(to="+32470123456", text="x")
    assert f"HTTP {status}" in str(failed.value.detail)
    assert error_text("fr", failed.value).startswith("Le SMS n'a pas pu être envoyé")


def test_an_unreadable_answer_is_a_delivery_error() -> None:
    with (
        stub_server(lambda _s: Reply(202, b"<html>ok</html>", "text/html")) as gateway,
        pytest.raises(SmsDeliveryError, match="unreadable"),
    ):
        HttpSmsSender(gateway.base_url, TOKEN, timeout=5).send(to="+32470123456", text="x")


def test_a_gateway_that_is_down_is_a_delivery_error() -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with pytest.raises(SmsDeliveryError, match="unreachable"):
        HttpSmsSender(f"http://127.0.0.1:{port}", TOKEN, timeout=2).send(
            to="+32470123456", text="x"
        )


def test_a_gateway_slower_than_the_timeout_is_a_delivery_error() -> None:
    with (
        stub_server(lambda _s: Reply(202, b'{"id": "late"}', delay=3)) as gateway,
        pytest.raises(SmsDeliveryError),
    ):
        HttpSmsSender(gateway.base_url, TOKEN, timeout=0.3).send(to="+32470123456", text="x")


def test_only_http_urls_are_accepted() -> None:
    with pytest.raises(ValueError, match="http"):
        HttpSmsSender("file:///etc/passwd", TOKEN)
