"""Outside services the identity layer talks to, built from the settings (SMS, itsme)."""

from __future__ import annotations

from foundation.settings import get_settings
from identity.itsme import HttpItsmeClient
from identity.sms_code import HttpSmsSender


def sms_sender() -> HttpSmsSender:
    settings = get_settings()
    return HttpSmsSender(
        settings.sms_gateway_url, settings.sms_gateway_token.get_secret_value(), timeout=10.0
    )


def itsme_client() -> HttpItsmeClient:
    settings = get_settings()
    return HttpItsmeClient(settings.itsme_url, settings.itsme_client_id, timeout=10.0)
