"""Outside services the identity layer talks to, built from the settings (itsme; the SMS
gateway is handed to the SMS key by the key registry)."""

from __future__ import annotations

from foundation.settings import get_settings
from identity.itsme import HttpItsmeClient


def itsme_client() -> HttpItsmeClient:
    settings = get_settings()
    return HttpItsmeClient(settings.itsme_url, settings.itsme_client_id, timeout=10.0)
