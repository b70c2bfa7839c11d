"""The portal's event channel answers pages of its own origin only: a page of another site open
in the same browser cannot drive the visitor's session (issue #13, "The websocket")."""

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
