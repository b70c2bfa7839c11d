"""Refusals of a signature with the eID card; a page shows the catalogue's ``error.<ClassName>``.

Card and PIN troubles (wrong PIN, blocked PIN, card removed) keep the classes of
``identity.eid.errors``; an expired, untrusted or revoked certificate those of
``identity.eid.auth.errors``.
"""

from __future__ import annotations

from identity.eid.auth.errors import CertificatePurposeError
from identity.eid.errors import EidError


class NotYourCardError(EidError):
    """The card in the reader is not the card of the person who is logged in."""


class SigningCertificatePurposeError(CertificatePurposeError):
    """The card's signature certificate is not one made for signing (no nonRepudiation)."""


class CardSignatureError(EidError):
    """The card answered a signature its signature certificate does not verify."""
