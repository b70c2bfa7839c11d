"""Outside services the identity layer talks to, built from the settings (itsme; the SMS
gateway is handed to the SMS key by the key registry)."""

from __future__ import annotations

from functools import lru_cache

from foundation import routes
from foundation.settings import get_settings
from identity.itsme import ClientKey, ItsmeConfig, ItsmeRelyingParty


@lru_cache(maxsize=1)
def itsme_relying_party() -> ItsmeRelyingParty:
    """The portal at itsme, as configured; one for the process, so that itsme's discovery
    document and keys are fetched once in a while, not at every login."""
    settings = get_settings()
    return ItsmeRelyingParty(
        ItsmeConfig(
            issuer=settings.itsme_url,
            client_id=settings.itsme_client_id,
            service_code=settings.itsme_service_code,
            redirect_uri=settings.public_origin + routes.ITSME_RETURN,
            client_key=itsme_client_key(),
            timeout=settings.itsme_timeout,
        )
    )


@lru_cache(maxsize=1)
def itsme_client_key() -> ClientKey:
    """The portal's key at itsme (made on first use in the file the settings name)."""
    return ClientKey.load_or_create(get_settings().resolved_itsme_client_key_file())
