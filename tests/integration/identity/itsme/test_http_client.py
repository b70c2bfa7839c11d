"""HttpItsmeClient against a stub itsme provider on loopback: contract, outcomes, failures."""

from __future__ import annotations

import socket
from datetime import UTC, date, datetime, timedelta

import pytest

from foundation.i18n.error_messages import error_text
from identity import itsme
from identity.sessions import LoginIdentity
from tests.integration.identity.stub_http import Reply, Seen, stub_server

pytestmark = pytest.mark.integration

NOW = datetime(2026, 11, 22, 7, 0, tzinfo=UTC)
REQUEST_ID = "0b7e4c2a-8d1f-4a7e-9c55-2f0d3e6b1a90"
IDENTITY = {
    "national_number": "85073003328",
    "surname": "Mremi",
    "given_names": "Naïma",
    "birth_date": "1985-07-30",
}


class Provider:
    """Answers like the itsme provider: the request is pending for ``pending_polls`` polls."""

    def __init__(self, outcome: str = "approved", pending_polls: int = 1) -> None:
        self.outcome = outcome
        self.pending_polls = pending_polls
        self.polls = 0

    def __call__(self, seen: Seen) -> Reply:
        if seen.method == "POST" and seen.path == "/api/requests":
            if seen.json()["phone"] != "+32470123456":
                return Reply.json(404, {"error": "unknown_phone", "message": "no phone"})
            return Reply.json(201, {"id": REQUEST_ID, "expires_in": 120})
        if seen.method == "GET" and seen.path == f"/api/requests/{REQUEST_ID}":
            self.polls += 1
            if self.polls <= self.pending_polls:
                return Reply.json(200, {"status": "pending"})
            if self.outcome == "approved":
                return Reply.json(200, {"status": "approved", "identity": IDENTITY})
            return Reply.json(200, {"status": self.outcome})
        return Reply.json(404, {"error": "unknown_request"})


def test_a_request_is_created_for_the_number_and_polled_until_approved() -> None:
    with stub_server(Provider(pending_polls=1)) as provider:
        client = itsme.HttpItsmeClient(provider.base_url, "monespace", timeout=5)
        request = itsme.start(client, "0470 12 34 56", now=NOW)
        first = itsme.poll(client, request, now=NOW + timedelta(seconds=5))
        second = itsme.poll(client, request, now=NOW + timedelta(seconds=7))
    assert request == itsme.ItsmeRequest(REQUEST_ID, "+32470123456", NOW + timedelta(seconds=120))
    assert first == itsme.ItsmePending(115)
    assert second == itsme.ItsmeApproved(
        LoginIdentity("85073003328", "Mremi", "Naïma", date(1985, 7, 30))
    )
    create = provider.seen[0]
    assert (create.method, create.path) == ("POST", "/api/requests")
    assert create.headers["content-type"] == "application/json"
    assert create.json() == {"phone": "+32470123456", "client": "monespace"}
    assert [s.path for s in provider.seen[1:]] == [f"/api/requests/{REQUEST_ID}"] * 2


def test_waiting_on_the_provider_returns_the_identity() -> None:
    naps: list[float] = []
    with stub_server(Provider(pending_polls=2)) as provider:
        client = itsme.HttpItsmeClient(provider.base_url, "monespace", timeout=5)
        identity = itsme.wait_for_decision(
            client, REQUEST_ID, timeout=30, clock=lambda: 0.0, sleep=naps.append
        )
    assert identity.national_number == "85073003328"
    assert naps == [1.0, 1.0]


def test_a_number_unknown_to_the_provider_is_reported_as_such() -> None:
    with stub_server(Provider()) as provider:
        client = itsme.HttpItsmeClient(provider.base_url, "monespace", timeout=5)
        with pytest.raises(itsme.ItsmeUnknownNumberError):
            itsme.start(client, "+32 499 00 00 00", now=NOW)


@pytest.mark.parametrize(
    ("outcome", "error"),
    [("refused", itsme.ItsmeRefusedError), ("expired", itsme.ItsmeExpiredError)],
)
def test_a_refused_or_expired_request_raises_its_error(
    outcome: str, error: type[itsme.ItsmeError]
) -> None:
    with stub_server(Provider(outcome, pending_polls=0)) as provider:
        client = itsme.HttpItsmeClient(provider.base_url, "monespace", timeout=5)
        request = itsme.start(client, "+32470123456", now=NOW)
        with pytest.raises(error):
            itsme.poll(client, request, now=NOW)


def test_a_request_the_provider_forgot_is_an_expiry() -> None:
    with stub_server(Provider()) as provider:
        client = itsme.HttpItsmeClient(provider.base_url, "monespace", timeout=5)
        with pytest.raises(itsme.ItsmeExpiredError):
            client.request_state("no-such-request")


@pytest.mark.parametrize(
    "answer",
    [
        Reply.json(500, {"error": "boom"}),
        Reply(200, b"not json", "text/plain"),
        Reply.json(200, {"status": "thinking"}),
        Reply.json(200, {"status": "approved"}),
        Reply.json(200, {"status": "approved", "identity": {**IDENTITY, "birth_date": "30/07"}}),
        Reply.json(
            200, {"status": "approved", "identity": {**IDENTITY, "national_number": "85073003329"}}
        ),
    ],
)
def test_a_provider_answer_we_cannot_trust_is_a_provider_failure(answer: Reply) -> None:
    with stub_server(lambda _s: answer) as provider:
        client = itsme.HttpItsmeClient(provider.base_url, "monespace", timeout=5)
        with pytest.raises(itsme.ItsmeUnavailableError) as failed:
            client.request_state(REQUEST_ID)
    assert "ne répond pas" in error_text("fr", failed.value)


def test_a_provider_that_is_down_is_unavailable() -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    client = itsme.HttpItsmeClient(f"http://127.0.0.1:{port}", "monespace", timeout=2)
    with pytest.raises(itsme.ItsmeUnavailableError):
        itsme.start(client, "+32470123456", now=NOW)


def test_a_provider_slower_than_the_timeout_is_unavailable() -> None:
    with stub_server(lambda _s: Reply(200, b'{"status": "pending"}', delay=3)) as provider:
        client = itsme.HttpItsmeClient(provider.base_url, "monespace", timeout=0.3)
        with pytest.raises(itsme.ItsmeUnavailableError):
            client.request_state(REQUEST_ID)
