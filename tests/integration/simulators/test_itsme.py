"""The itsme simulator over real HTTP: the portal's contract, expiry, and the phone page."""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest

from simulators.itsme import ItsmeSimulator
from tests.integration.simulators.http_client import Response, call

pytestmark = pytest.mark.integration

START = datetime(2026, 11, 22, 9, 0, tzinfo=UTC)
NAIMA = "+32471000001"
NAIMA_IDENTITY = {
    "national_number": "86031414204",
    "surname": "Mremi",
    "given_names": "Naïma Samira",
    "birth_date": "1986-03-14",
}


class FakeClock:
    def __init__(self) -> None:
        self.now = START

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def itsme(clock: FakeClock) -> Iterator[ItsmeSimulator]:
    simulator = ItsmeSimulator(port=0, clock=clock)
    simulator.start()
    yield simulator
    simulator.stop()


def ask(itsme: ItsmeSimulator, phone: str, client: str = "monespace") -> Response:
    return call("POST", f"{itsme.url}/api/requests", json_body={"phone": phone, "client": client})


def new_request(itsme: ItsmeSimulator, phone: str = NAIMA) -> str:
    answer = ask(itsme, phone)
    assert answer.status == 201, answer.text
    assert answer.json()["expires_in"] == 120
    request_id: str = answer.json()["id"]
    assert uuid.UUID(request_id)
    return request_id


def status(itsme: ItsmeSimulator, request_id: str) -> Response:
    return call("GET", f"{itsme.url}/api/requests/{request_id}")


def test_an_approved_request_carries_the_persona_identity(itsme: ItsmeSimulator) -> None:
    request_id = new_request(itsme, "+32 471 00 00 01")
    assert status(itsme, request_id).json() == {"status": "pending"}

    approved = call("POST", f"{itsme.url}/api/requests/{request_id}/approve")
    assert approved.status == 200
    assert status(itsme, request_id).json() == {"status": "approved", "identity": NAIMA_IDENTITY}


def test_a_refused_request_carries_no_identity(itsme: ItsmeSimulator) -> None:
    request_id = new_request(itsme, "+32470123456")
    assert call("POST", f"{itsme.url}/api/requests/{request_id}/refuse").status == 200
    assert status(itsme, request_id).json() == {"status": "refused"}


def test_a_request_expires_after_120_seconds(itsme: ItsmeSimulator, clock: FakeClock) -> None:
    request_id = new_request(itsme)
    clock.now = START + timedelta(seconds=119)
    assert status(itsme, request_id).json()["status"] == "pending"
    clock.now = START + timedelta(seconds=120)
    assert status(itsme, request_id).json() == {"status": "expired"}
    late = call("POST", f"{itsme.url}/api/requests/{request_id}/approve")
    assert late.status == 409
    assert late.json()["status"] == "expired"


def test_a_request_is_answered_once(itsme: ItsmeSimulator) -> None:
    request_id = new_request(itsme)
    call("POST", f"{itsme.url}/api/requests/{request_id}/refuse")
    again = call("POST", f"{itsme.url}/api/requests/{request_id}/approve")
    assert (again.status, again.json()["error"]) == (409, "not_pending")
    assert status(itsme, request_id).json() == {"status": "refused"}


def test_unknown_phone_is_404(itsme: ItsmeSimulator) -> None:
    answer = ask(itsme, "+32479999999")
    assert (answer.status, answer.json()["error"]) == (404, "unknown_phone")


@pytest.mark.parametrize(
    ("body", "error"),
    [
        (b"{", "invalid_json"),
        (b"[]", "invalid_json"),
        (b'{"client": "monespace"}', "invalid_phone"),
        (b'{"phone": "bonjour", "client": "monespace"}', "invalid_phone"),
        (b'{"phone": "+32471000001"}', "invalid_client"),
        (b'{"phone": "+32471000001", "client": "<script>"}', "invalid_client"),
    ],
)
def test_a_bad_request_is_400(itsme: ItsmeSimulator, body: bytes, error: str) -> None:
    answer = call("POST", f"{itsme.url}/api/requests", body=body)
    assert (answer.status, answer.json()["error"]) == (400, error)


def test_unknown_request_is_404(itsme: ItsmeSimulator) -> None:
    assert status(itsme, "nope").json()["error"] == "unknown_request"
    assert call("POST", f"{itsme.url}/api/requests/nope/approve").status == 404


def test_the_phone_page_shows_the_request_and_confirms_it(itsme: ItsmeSimulator) -> None:
    request_id = new_request(itsme)
    phone = call("GET", f"{itsme.url}/phone?number=+32471000001")
    assert phone.status == 200
    html = phone.text
    assert '<html lang="fr">' in html
    assert "Téléphone de Naïma Mremi" in html
    assert "Mon Espace souhaite vous identifier" in html
    assert "Demandé par : <strong>Mon Espace</strong>" in html
    assert "Expire dans 2 min 00 s." in html
    forms = re.findall(r'<form method="post" action="([^"]+)"', html)
    assert forms == [
        f"/phone/requests/{request_id}/confirm",
        f"/phone/requests/{request_id}/refuse",
    ]
    assert ">Confirmer</button>" in html
    assert ">Refuser</button>" in html

    pressed = call("POST", itsme.url + forms[0], body=b"")
    assert pressed.status == 303
    after = call("GET", itsme.url + pressed.headers["Location"]).text
    assert "Vous avez confirmé votre identité." in after
    assert "Aucune demande en attente." in after
    assert "<td>Confirmée</td>" in after
    assert status(itsme, request_id).json()["identity"] == NAIMA_IDENTITY


def test_refusing_on_the_phone_and_pressing_too_late(
    itsme: ItsmeSimulator, clock: FakeClock
) -> None:
    refused = new_request(itsme)
    location = call("POST", f"{itsme.url}/phone/requests/{refused}/refuse").headers["Location"]
    assert "Vous avez refusé la demande." in call("GET", itsme.url + location).text
    assert status(itsme, refused).json() == {"status": "refused"}

    late = new_request(itsme)
    clock.now += timedelta(minutes=3)
    location = call("POST", f"{itsme.url}/phone/requests/{late}/confirm").headers["Location"]
    page = call("GET", itsme.url + location).text
    assert "Cette demande a expiré" in page
    assert "<td>Expirée</td>" in page


def test_a_phone_only_shows_its_own_requests(itsme: ItsmeSimulator) -> None:
    new_request(itsme, "+32472000002")
    page = call("GET", f"{itsme.url}/phone?number=%2B32471000001").text
    assert "Aucune demande en attente." in page


def test_unknown_phone_page_lists_the_known_phones(itsme: ItsmeSimulator) -> None:
    page = call("GET", f"{itsme.url}/phone?number=+32479999999")
    assert page.status == 404
    assert "Aucun téléphone itsme de démonstration" in page.text
    assert "Chloé Ducoeur (+32 472 00 00 02)" in page.text


def test_index_and_phone_list(itsme: ItsmeSimulator) -> None:
    index = call("GET", f"{itsme.url}/").text
    assert "Téléphone de Marouan El Yakoubi (+32 470 12 34 56)" in index
    phones = call("GET", f"{itsme.url}/api/phones").json()
    assert [(p["number"], p["persona"]) for p in phones] == [
        ("+32470123456", "marouan-el-yakoubi"),
        ("+32471000001", "naima-mremi"),
        ("+32472000002", "chloe-ducoeur"),
    ]
    assert itsme.phone_url("0471 00 00 01") == f"{itsme.url}/phone?number=%2B32471000001"
