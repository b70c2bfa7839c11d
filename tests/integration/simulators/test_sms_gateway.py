"""The SMS gateway over real HTTP: the portal's contract, its errors, and the inbox page."""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from simulators.sms_gateway import SmsGateway
from tests.integration.simulators.http_client import call

pytestmark = pytest.mark.integration

TOKEN = "test-sms-token"
AUTH = {"Authorization": f"Bearer {TOKEN}"}


@pytest.fixture
def gateway(tmp_path: Path) -> Iterator[SmsGateway]:
    gateway = SmsGateway(tmp_path / "sms", port=0, token=TOKEN)
    gateway.start()
    yield gateway
    gateway.stop()


def send(gateway: SmsGateway, to: str, text: str) -> str:
    answer = call("POST", gateway.api_url, json_body={"to": to, "text": text}, headers=AUTH)
    assert answer.status == 202, answer.text
    message_id: str = answer.json()["id"]
    return message_id


def test_a_posted_sms_is_accepted_and_listed(gateway: SmsGateway) -> None:
    message_id = send(gateway, "+32470123456", "Mon Espace : votre code est 482 913")
    assert uuid.UUID(message_id)

    messages = call("GET", f"{gateway.url}/api/messages?to=+32470123456").json()
    assert [(m["id"], m["to"], m["text"]) for m in messages] == [
        (message_id, "+32470123456", "Mon Espace : votre code est 482 913")
    ]
    assert messages[0]["received_at"].endswith("+00:00")


def test_numbers_in_any_notation_reach_one_inbox(gateway: SmsGateway) -> None:
    send(gateway, "0470 12 34 56", "premier")
    send(gateway, "+32 470 12 34 56", "second")
    send(gateway, "+32471000001", "ailleurs")
    inbox = call("GET", f"{gateway.url}/api/messages?to=%2B32%20470%2012%2034%2056").json()
    assert [m["text"] for m in inbox] == ["second", "premier"]
    assert len(call("GET", f"{gateway.url}/api/messages").json()) == 3


@pytest.mark.parametrize(
    "headers",
    [{}, {"Authorization": "Bearer wrong"}, {"Authorization": TOKEN}, {"Authorization": "Basic x"}],
)
def test_a_missing_or_wrong_token_is_refused(gateway: SmsGateway, headers: dict[str, str]) -> None:
    answer = call(
        "POST", gateway.api_url, json_body={"to": "+32470123456", "text": "x"}, headers=headers
    )
    assert answer.status == 401
    assert answer.json()["error"] == "unauthorized"
    assert answer.headers["WWW-Authenticate"].startswith("Bearer")
    assert call("GET", f"{gateway.url}/api/messages").json() == []


@pytest.mark.parametrize(
    ("body", "error"),
    [
        (b"not json", "invalid_json"),
        (b"", "invalid_json"),
        (b'["+32470123456", "x"]', "invalid_json"),
        (json.dumps({"text": "x"}).encode(), "invalid_phone"),
        (json.dumps({"to": "bonjour", "text": "x"}).encode(), "invalid_phone"),
        (json.dumps({"to": 32470123456, "text": "x"}).encode(), "invalid_phone"),
        (json.dumps({"to": "+32470123456"}).encode(), "invalid_text"),
        (json.dumps({"to": "+32470123456", "text": "  "}).encode(), "invalid_text"),
        (json.dumps({"to": "+32470123456", "text": "x" * 1601}).encode(), "invalid_text"),
    ],
)
def test_a_bad_body_is_refused(gateway: SmsGateway, body: bytes, error: str) -> None:
    answer = call("POST", gateway.api_url, body=body, headers=AUTH)
    assert answer.status == 400
    assert answer.json()["error"] == error


def test_delete_clears_the_messages(gateway: SmsGateway) -> None:
    send(gateway, "+32470123456", "code")
    assert call("DELETE", f"{gateway.url}/api/messages").status == 204
    assert call("GET", f"{gateway.url}/api/messages").json() == []


def test_messages_survive_a_restart(tmp_path: Path) -> None:
    first = SmsGateway(tmp_path, port=0, token=TOKEN)
    first.start()
    send(first, "+32470123456", "gardé")
    first.stop()
    second = SmsGateway(tmp_path, port=0, token=TOKEN)
    second.start()
    try:
        assert [m["text"] for m in call("GET", f"{second.url}/api/messages").json()] == ["gardé"]
    finally:
        second.stop()


def test_the_inbox_page_lists_numbers_and_messages_newest_first(gateway: SmsGateway) -> None:
    send(gateway, "+32470123456", "Votre code : 111 111")
    send(gateway, "+32471000001", "Votre code : 222 222")
    send(gateway, "+32470123456", "Votre code : 333 333")

    page = call("GET", f"{gateway.url}/")
    assert page.status == 200
    assert page.headers["Content-Type"] == "text/html; charset=utf-8"
    html = page.text
    assert '<html lang="fr">' in html
    assert "Passerelle SMS de démonstration" in html
    assert "+32 470 12 34 56</a> (2 SMS)" in html
    assert "+32 471 00 00 01</a> (1 SMS)" in html
    assert html.index("333 333") < html.index("222 222") < html.index("111 111")

    one = call("GET", f"{gateway.url}/?to=+32470123456").text
    assert "SMS reçus par le +32 470 12 34 56" in one
    assert "333 333" in one
    assert "111 111" in one
    assert "222 222" not in one
    # What the search form sends (the typed number with spaces).
    typed = call("GET", f"{gateway.url}/?to=%2B32+470+12+34+56").text
    assert "SMS reçus par le +32 470 12 34 56" in typed


def test_the_inbox_page_explains_an_empty_inbox_and_a_bad_number(gateway: SmsGateway) -> None:
    assert "Aucun SMS reçu pour le moment." in call("GET", f"{gateway.url}/").text
    bad = call("GET", f"{gateway.url}/?to=bonjour").text
    assert "n'est pas un numéro de téléphone" in bad


def test_unknown_paths_are_404(gateway: SmsGateway) -> None:
    assert call("GET", f"{gateway.url}/nulle-part").status == 404
    assert call("GET", f"{gateway.url}/api/nothing").json()["error"] == "not_found"
    assert call("POST", f"{gateway.url}/api/other", body=b"{}", headers=AUTH).status == 404
