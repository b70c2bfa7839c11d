"""The portal's own SMS client (identity.sms_code) against the SMS gateway simulator: the contract
both sides were written to, checked end to end over loopback (itsme's client against its
simulator: tests/integration/identity/itsme/test_oidc_login.py)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from identity.sms_code.sender import HttpSmsSender, SmsDeliveryError
from simulators.sms_gateway import SmsGateway
from tests.integration.simulators.http_client import call

pytestmark = pytest.mark.integration


@pytest.fixture
def gateway(tmp_path: Path) -> Iterator[SmsGateway]:
    gateway = SmsGateway(tmp_path, port=0, token="portal-token")
    gateway.start()
    yield gateway
    gateway.stop()


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
