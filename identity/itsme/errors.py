"""Why an itsme login did not succeed; each has its own text in the catalogues."""

from __future__ import annotations

from identity.keys.errors import DigitalKeyError
from identity.throttling.errors import ThrottledError


class ItsmeError(DigitalKeyError):
    """Identification with itsme did not succeed."""


class ItsmeCancelledError(ItsmeError):
    """The person cancelled on itsme's page."""


class ItsmeRefusedError(ItsmeError):
    """The identification request was declined in the itsme app."""


class ItsmeExpiredError(ItsmeError):
    """The request was not confirmed in the itsme app in time (2 minutes), or the login waited
    too long before coming back."""


class ItsmeInvalidTokenError(ItsmeError):
    """itsme's answer did not pass the checks: the code was refused at the token endpoint, or the
    ID token's signature, issuer, audience, dates or nonce are wrong. Nothing of it is used."""


class ItsmeStateMismatchError(ItsmeError):
    """An answer that belongs to no itsme login started in this browser (a stale or forged
    link, another tab's login): it is not even sent to itsme."""


class ItsmeUnavailableError(ItsmeError):
    """The provider cannot be reached, or answered something we cannot read."""


class ItsmePushesThrottledError(ThrottledError):
    """Too many itsme requests to this phone number lately (push bombing): try again in
    ``minutes`` minutes. Said for any number, itsme's or not."""
