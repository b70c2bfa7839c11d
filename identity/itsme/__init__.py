"""The itsme key: an OpenID Connect login (authorization code flow with PKCE, nonce and a signed
ID token) at an itsme-like provider, whose app asks the person's phone to confirm."""

from identity.itsme.authorization import PendingAuthorization
from identity.itsme.claims import ItsmeIdentity, valid_national_number
from identity.itsme.client_key import ClientKey
from identity.itsme.errors import (
    ItsmeCancelledError,
    ItsmeError,
    ItsmeExpiredError,
    ItsmeInvalidTokenError,
    ItsmePushesThrottledError,
    ItsmeRefusedError,
    ItsmeStateMismatchError,
    ItsmeUnavailableError,
)
from identity.itsme.key import ITSME_KEY, ItsmeKey
from identity.itsme.relying_party import ItsmeClient, ItsmeConfig, ItsmeRelyingParty

__all__ = [
    "ITSME_KEY",
    "ClientKey",
    "ItsmeCancelledError",
    "ItsmeClient",
    "ItsmeConfig",
    "ItsmeError",
    "ItsmeExpiredError",
    "ItsmeIdentity",
    "ItsmeInvalidTokenError",
    "ItsmeKey",
    "ItsmePushesThrottledError",
    "ItsmeRefusedError",
    "ItsmeRelyingParty",
    "ItsmeStateMismatchError",
    "ItsmeUnavailableError",
    "PendingAuthorization",
    "valid_national_number",
]
