"""An itsme-like OpenID Connect provider and the phones that confirm its requests."""

from simulators.itsme.clients import RegisteredClient, portal_client
from simulators.itsme.directory import ItsmePhone, load_phones
from simulators.itsme.provider import CODE_LIFETIME, Provider
from simulators.itsme.requests import REQUEST_LIFETIME, RequestBook, RequestStatus
from simulators.itsme.signing_key import ProviderKey
from simulators.itsme.web import DEFAULT_PORT, ItsmeSimulator

__all__ = [
    "CODE_LIFETIME",
    "DEFAULT_PORT",
    "REQUEST_LIFETIME",
    "ItsmePhone",
    "ItsmeSimulator",
    "Provider",
    "ProviderKey",
    "RegisteredClient",
    "RequestBook",
    "RequestStatus",
    "load_phones",
    "portal_client",
]
