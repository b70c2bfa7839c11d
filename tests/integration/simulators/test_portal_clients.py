"""The portal's own HTTP clients (identity.sms_code, identity.itsme) against the simulators: the
contract both sides were written to, checked end to end over loopback."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from identity import itsme
from identity.sessions import LoginIdentity
from identity.sms_code.sender import HttpSmsSender, SmsDeliveryError
from simulators.itsme import ItsmeSimulator
from simulators.sms_gateway import SmsGateway
from tests.integration.simulators.http_client import call

pytestmark = pytest.mark.integration

NOW = datetime(2026, 11, 22, 9, 0, tzinfo=UTC)


class FakeClock:
    def __init__(self) -> None:
        self.now = NOW

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def gateway(tmp_path: Path) -> Iterator[SmsGateway]:
    gateway = SmsGateway(tmp_path, port=0, token="portal-token")
    gateway.start()
    yield gateway
    gateway.stop()


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def provider(clock: FakeClock) -> Iterator[ItsmeSimulator]:
    simulator = ItsmeSimulator(port=0, clock=clock)
    simulator.start()
    yield simulator
    simulator.stop()


def test_http_sms_sender_delivers_to_the_gateway(gateway: SmsGateway) -> None:
    message_id = HttpSmsSender(gateway.url, "portal-token").send(
        to="+32471000001", text="Mon Espace : votre code est 482913"
    )
    (stored,) = call("GET", f"{gateway.url}/api/messages?to=+32471000001").json()
    assert stored["id"] == message_id
    assert stored["text"] == "Mon Espace : votre code est 482913"


def test_http_sms_sender_with_a_wrong_token_fails_cleanly(gateway: SmsGateway) -> None:
    with pytest.raises(SmsDeliveryError, match="401"):
        HttpSmsSender(gateway.url, "wrong").send(to="+32471000001", text="x")


def test_http_itsme_client_gets_the_identity_once_the_phone_confirms(
    provider: ItsmeSimulator,
) -> None:
    client = itsme.HttpItsmeClient(provider.url, "monespace", timeout=5)
    request = itsme.start(client, "0471 00 00 01", now=NOW)
    assert request.expires_at == NOW + timedelta(seconds=120)
    assert itsme.poll(client, request, now=NOW + timedelta(seconds=3)) == itsme.ItsmePending(117)

    page = call("GET", provider.phone_url("+32471000001")).text
    assert "Mon Espace souhaite vous identifier" in page
    call("POST", f"{provider.url}/phone/requests/{request.id}/confirm")

    assert itsme.poll(client, request, now=NOW + timedelta(seconds=5)) == itsme.ItsmeApproved(
        LoginIdentity("86031414204", "Mremi", "Naïma Samira", date(1986, 3, 14))
    )


def test_http_itsme_client_sees_refusal_expiry_and_unknown_numbers(
    provider: ItsmeSimulator, clock: FakeClock
) -> None:
    client = itsme.HttpItsmeClient(provider.url, "monespace", timeout=5)
    refused = itsme.start(client, "+32470123456", now=NOW)
    call("POST", f"{provider.url}/api/requests/{refused.id}/refuse")
    with pytest.raises(itsme.ItsmeRefusedError):
        itsme.poll(client, refused, now=NOW)

    forgotten = itsme.start(client, "+32472000002", now=NOW)
    clock.now = NOW + timedelta(seconds=121)
    with pytest.raises(itsme.ItsmeExpiredError):
        itsme.poll(client, forgotten, now=clock.now)

    with pytest.raises(itsme.ItsmeUnknownNumberError):
        itsme.start(client, "+32479999999", now=NOW)
