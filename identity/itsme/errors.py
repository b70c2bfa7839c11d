"""Errors of the itsme login, with a French message for the person."""

from __future__ import annotations

from identity.keys.errors import DigitalKeyError


class ItsmeError(DigitalKeyError):
    user_message = "L'identification avec itsme n'a pas abouti. Recommencez."


class ItsmeUnknownNumberError(ItsmeError):
    user_message = (
        "Ce numéro de GSM n'est lié à aucun compte itsme. Vérifiez le numéro, ou créez votre "
        "compte itsme avant de l'utiliser ici."
    )


class ItsmeRefusedError(ItsmeError):
    user_message = (
        "La demande d'identification a été refusée dans l'application itsme. Si c'était une "
        "erreur, recommencez."
    )


class ItsmeExpiredError(ItsmeError):
    user_message = (
        "La demande d'identification n'a pas été confirmée à temps dans l'application itsme "
        "(2 minutes). Recommencez."
    )


class ItsmeUnavailableError(ItsmeError):
    """The provider cannot be reached, or answered something we cannot read."""

    user_message = (
        "Le service itsme ne répond pas pour le moment. Réessayez dans quelques minutes ou "
        "choisissez une autre clé numérique."
    )
