"""Typed errors of the eID reader, each with a message for the user (French, the portal's first
language; the portal may translate by error type)."""

from __future__ import annotations


class EidError(Exception):
    """Base of every eID reader error; ``user_message`` is safe to show on a page."""

    user_message = "Une erreur est survenue avec la carte d'identité électronique."

    def __init__(self, detail: str = "") -> None:
        super().__init__(detail or self.user_message)
        self.detail = detail


class NoReaderError(EidError):
    user_message = "Aucun lecteur de carte n'est connecté. Branchez un lecteur et réessayez."


class NoCardError(EidError):
    user_message = "Aucune carte n'est insérée dans le lecteur. Insérez votre carte eID."


class NotBelgianEidError(EidError):
    user_message = "La carte insérée n'est pas une carte d'identité électronique belge."


class CardRemovedError(EidError):
    user_message = "La carte a été retirée pendant l'opération. Réinsérez-la et recommencez."


class ReaderCommunicationError(EidError):
    user_message = "La communication avec le lecteur de carte a échoué. Réessayez."


class WrongPinError(EidError):
    def __init__(self, tries_left: int) -> None:
        self.tries_left = tries_left
        plural = "essais" if tries_left > 1 else "essai"
        self.user_message = (
            f"Code PIN incorrect. Il vous reste {tries_left} {plural} avant le blocage de la carte."
        )
        super().__init__(self.user_message)


class PinBlockedError(EidError):
    user_message = (
        "Votre code PIN est bloqué après trois essais erronés. Adressez-vous à votre commune "
        "avec votre code PUK pour le débloquer."
    )


class InvalidPinFormatError(EidError):
    user_message = "Le code PIN doit compter de 4 à 12 chiffres."


class CardExpiredError(EidError):
    user_message = (
        "Votre carte d'identité est expirée. Demandez une nouvelle carte à votre commune."
    )


class CardDataError(EidError):
    user_message = "Les données de la carte sont illisibles ou ont été modifiées."


class FileSignatureError(CardDataError):
    """The identity or address file does not match the National Register's signature."""


class StatusWordError(EidError):
    """The card refused a command with an unexpected status word."""

    def __init__(self, command: str, status_word: int) -> None:
        self.status_word = status_word
        super().__init__(f"{command} failed: {status_word:04X}")
