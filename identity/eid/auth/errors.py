"""One error class per way an eID authentication can fail.

A page shows the catalogue's ``error.<ClassName>``; ``detail`` (English) is for the logs and the
developer.
"""

from __future__ import annotations


class EidAuthenticationError(Exception):
    """Base of every server-side eID authentication failure."""

    def __init__(self, detail: str) -> None:
        super().__init__(detail)
        self.detail = detail


class MalformedTokenError(EidAuthenticationError):
    """The card reader's answer cannot be read."""


class WrongOriginError(EidAuthenticationError):
    """The identification request does not come from this site."""


class ChallengeExpiredError(EidAuthenticationError):
    """The nonce is unknown to the server or its 5 minutes are over."""


class ReplayedChallengeError(EidAuthenticationError):
    """This identification request has already been used."""


class CertificateExpiredError(EidAuthenticationError):
    """The certificate on your identity card has expired."""


class CertificateNotYetValidError(EidAuthenticationError):
    """Your identity card's certificate is not valid yet."""


class CertificatePurposeError(EidAuthenticationError):
    """This certificate cannot be used to identify yourself."""


class CertificateNotTrustedError(EidAuthenticationError):
    """
    The certificate on your card was not issued by an authority recognised by Mon Espace.
    """


class CertificateRevokedError(EidAuthenticationError):
    """The certificate on your identity card has been revoked."""


class RevocationUnknownError(EidAuthenticationError):
    """The validity of your identity card cannot be checked at the moment."""


class InvalidSignatureError(EidAuthenticationError):
    """The signature from your card could not be verified."""


class TrustAnchorsUnavailableError(EidAuthenticationError):
    """The configured trust-anchor folder is missing, empty or unreadable (a set-up fault)."""
