"""What the portal's HTTP answers guard against (issue #13): its event channel answers pages of
its own origin only, so a page of another site open in the same browser cannot drive the
visitor's session; and every answer, page or file, forbids framing and sniffing."""

from __future__ import annotations

import urllib.error
import urllib.request

import pytest

pytestmark = pytest.mark.e2e

HANDSHAKE = "/_event/?EIO=4&transport=polling"


def handshake(base_url: str, origin: str) -> int:
    request = urllib.request.Request(base_url + HANDSHAKE, headers={"Origin": origin})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return int(response.status)
    except urllib.error.HTTPError as error:
        return error.code


def test_a_foreign_origin_is_refused(base_url: str) -> None:
    assert handshake(base_url, "http://evil.example") == 400


def test_the_portals_own_origin_is_served(base_url: str) -> None:
    assert handshake(base_url, base_url) == 200


@pytest.mark.parametrize("path", ["/", "/demarches", "/_event/?EIO=4&transport=polling"])
def test_every_answer_carries_the_security_headers(base_url: str, path: str) -> None:
    request = urllib.request.Request(base_url + path, headers={"Origin": base_url})
    with urllib.request.urlopen(request, timeout=10) as response:
        headers = response.headers
    assert headers["X-Frame-Options"] == "DENY"
    assert "frame-ancestors 'none'" in headers["Content-Security-Policy"]
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "same-origin"
