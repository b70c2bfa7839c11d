"""Errors of the itsme login, with a French message for the person."""

from __future__ import annotations

from identity.keys.errors import DigitalKeyError


class ItsmeError(DigitalKeyError):
    """Identification with itsme did not succeed."""


class ItsmeUnknownNumberError(ItsmeError):
    """This mobile number is not linked to any itsme account."""


class ItsmeRefusedError(ItsmeError):
    """The identification request was declined in the itsme app."""


class ItsmeExpiredError(ItsmeError):
    """
    The identification request was not confirmed in the itsme app in time (2 minutes).
    """


class ItsmeUnavailableError(ItsmeError):
    """The provider cannot be reached, or answered something we cannot read."""
