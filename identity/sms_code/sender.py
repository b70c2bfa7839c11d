"""Sending SMS through a gateway: the ``SmsSender`` interface and its HTTP implementation.

The HTTP contract is the usual one of SMS providers: ``POST {base_url}/api/sms`` with a JSON body
``{"to": "+32…", "text": "…"}`` and the header ``Authorization: Bearer <token>``; the gateway
answers 202 (or another 2xx) with ``{"id": "…"}``.
"""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from typing import Protocol
from urllib.parse import urlsplit

from foundation.settings import get_settings
from identity.keys.errors import DigitalKeyError


class SmsDeliveryError(DigitalKeyError):
    """The text message could not be sent."""


class SmsSender(Protocol):
    def send(self, *, to: str, text: str) -> str:
        """Hands one SMS to the gateway and returns its id, or raises ``SmsDeliveryError``."""


class HttpSmsSender:
    def __init__(self, base_url: str, api_token: str, timeout: float = 10.0) -> None:
        if urlsplit(base_url).scheme not in ("http", "https"):
            raise ValueError(f"the SMS gateway URL must be http(s): {base_url!r}")
        self._url = base_url.rstrip("/") + "/api/sms"
        self._token = api_token
        self._timeout = timeout

    def send(self, *, to: str, text: str) -> str:
        request = urllib.request.Request(  # noqa: S310 - scheme checked in __init__
            self._url,
            data=json.dumps({"to": to, "text": text}).encode(),
            method="POST",
            headers={
                "Authorization": f"Bearer {self._token}",
                "Content-Type": "application/json",
                "Accept": "application/json",
            },
        )
        try:
            with urllib.request.urlopen(request, timeout=self._timeout) as response:  # noqa: S310
                body = response.read()
        except urllib.error.HTTPError as error:
            raise SmsDeliveryError(f"SMS gateway answered HTTP {error.code}") from error
        except (urllib.error.URLError, TimeoutError, OSError) as error:
            raise SmsDeliveryError(f"SMS gateway unreachable: {error}") from error
        try:
            answer = json.loads(body)
            message_id = answer["id"]
        except (ValueError, KeyError, TypeError) as error:
            raise SmsDeliveryError(
                f"SMS gateway gave an unreadable answer: {body[:200]!r}"
            ) from error
        return str(message_id)


def configured_sender() -> HttpSmsSender:
    """The gateway the settings name (the portal's registry hands this to the SMS key)."""
    settings = get_settings()
    return HttpSmsSender(
        settings.sms_gateway_url, settings.sms_gateway_token.get_secret_value(), timeout=10.0
    )
