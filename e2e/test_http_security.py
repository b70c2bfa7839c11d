"""What the portal's HTTP answers guard against (issue #13): its event channel answers pages of
its own origin only, so a page of another site open in the same browser cannot drive the
visitor's session; and every answer, page or file, forbids framing and sniffing."""

from __future__ import annotations

import base64
import http.client
import os
import urllib.error
import urllib.request
from urllib.parse import urlsplit

import pytest

pytestmark = pytest.mark.e2e

HANDSHAKE = "/_event/?EIO=4&transport=websocket"


def handshake(base_url: str, origin: str) -> int:
    """The status of a websocket opening handshake to the event channel, sent from ``origin``
    (101: the channel opens)."""
    address = urlsplit(base_url)
    connection = http.client.HTTPConnection(
        address.hostname or "localhost", address.port, timeout=10
    )
    try:
        connection.request(
            "GET",
            HANDSHAKE,
            headers={
                "Origin": origin,
                "Upgrade": "websocket",
                "Connection": "Upgrade",
                "Sec-WebSocket-Key": base64.b64encode(os.urandom(16)).decode(),
                "Sec-WebSocket-Version": "13",
            },
        )
        return connection.getresponse().status
    finally:
        connection.close()


def test_a_foreign_origin_is_refused(base_url: str) -> None:
    assert handshake(base_url, "http://evil.example") == 403


def test_the_portals_own_origin_is_served(base_url: str) -> None:
    assert handshake(base_url, base_url) == 101


@pytest.mark.parametrize("path", ["/", "/demarches", "/_telechargement/dossier?reference=ME"])
def test_every_answer_carries_the_security_headers(base_url: str, path: str) -> None:
    request = urllib.request.Request(base_url + path, headers={"Origin": base_url})
    with urllib.request.urlopen(request, timeout=10) as response:
        headers = response.headers
    assert headers["X-Frame-Options"] == "DENY"
    assert "frame-ancestors 'none'" in headers["Content-Security-Policy"]
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "same-origin"
