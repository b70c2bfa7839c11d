"""Typed errors of the eID reader; a page shows the catalogue's ``error.<ClassName>``."""

from __future__ import annotations


class EidError(Exception):
    """Base of every eID reader error; ``detail`` is for the logs, never shown on a page."""

    def __init__(self, detail: str = "") -> None:
        super().__init__(detail or type(self).__name__)
        self.detail = detail


class NoReaderError(EidError):
    """No card reader is connected."""


class NoCardError(EidError):
    """There is no card in the card reader."""


class NotBelgianEidError(EidError):
    """The card inserted is not a Belgian electronic identity card."""


class CardRemovedError(EidError):
    """The card was removed during the operation."""


class ReaderCommunicationError(EidError):
    """Communication with the card reader failed."""


class WrongPinError(EidError):
    def __init__(self, tries_left: int) -> None:
        self.tries_left = tries_left
        super().__init__(f"wrong PIN, {tries_left} tries left")


class PinBlockedError(EidError):
    """Your PIN code has been blocked after three incorrect attempts."""


class InvalidPinFormatError(EidError):
    """The PIN code must be 4 to 12 digits long."""


class CardExpiredError(EidError):
    """Your identity card has expired."""


class CardDataError(EidError):
    """The card's data cannot be read or have been altered."""


class FileSignatureError(CardDataError):
    """The identity or address file does not match the National Register's signature."""


class RrnCertificateError(FileSignatureError):
    """The National Register's certificate on the card, which signs its identity and address
    files, is not one to believe: expired or not yet valid, not made to sign, or not issued by a
    trusted root."""


class CardNotGenuineError(CardDataError):
    """The card could not prove it is the chip the National Register personalised (applet 1.8:
    its basic key does not match the identity file, or does not sign the reader's challenge)."""


class WrongPukError(EidError):
    def __init__(self, tries_left: int) -> None:
        self.tries_left = tries_left
        super().__init__(f"wrong PUK, {tries_left} tries left")


class PukBlockedError(EidError):
    """The PUK code has been blocked after too many incorrect attempts."""


class PinUnblockAtMunicipalityError(EidError):
    """This card's PIN can only be unblocked at the municipality (applet 1.8 cards have no PUK
    command for the citizen's reader)."""


class StatusWordError(EidError):
    """The card refused a command with an unexpected status word."""

    def __init__(self, command: str, status_word: int) -> None:
        self.status_word = status_word
        super().__init__(f"{command} failed: {status_word:04X}")
