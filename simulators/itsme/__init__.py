"""An itsme-like identification provider and the phones that confirm its requests."""

from simulators.itsme.directory import ItsmePhone, load_phones
from simulators.itsme.requests import REQUEST_LIFETIME, RequestBook, RequestStatus
from simulators.itsme.web import DEFAULT_PORT, ItsmeSimulator

__all__ = [
    "DEFAULT_PORT",
    "REQUEST_LIFETIME",
    "ItsmePhone",
    "ItsmeSimulator",
    "RequestBook",
    "RequestStatus",
    "load_phones",
]
