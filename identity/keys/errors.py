"""Typed errors shared by the digital keys, each with a message for the user (French, the portal's
first language; the portal may translate by error type).

Every key package raises these (or subclasses of ``DigitalKeyError``), so a page can catch one base
type and show ``user_message``, or look ``message_key`` up in its catalogue for other languages.
"""

from __future__ import annotations


class DigitalKeyError(Exception):
    """Base of every digital key error; ``user_message`` is safe to show on a page."""

    message_key = "keys.error.generic"
    user_message = "Une erreur est survenue avec votre clé numérique. Réessayez."

    def __init__(self, detail: str = "") -> None:
        super().__init__(detail or self.user_message)
        self.detail = detail


class KeyLockedError(DigitalKeyError):
    """Too many consecutive failures: the key refuses everything until it is unlocked."""

    message_key = "keys.error.locked"
    user_message = (
        "Cette clé numérique est bloquée après trop d'essais erronés. Connectez-vous avec votre "
        "carte d'identité électronique (eID) et réactivez-la dans « Mes clés numériques »."
    )

    def __init__(self, detail: str = "", *, key_kind: str = "") -> None:
        # The way out depends on the key: a paper token is renewed at the office, not online.
        super().__init__(detail)
        self.key_kind = key_kind


class InvalidCodeError(DigitalKeyError):
    """The code does not match (wrong digits, wrong time window, unknown code)."""

    message_key = "keys.error.invalid_code"
    user_message = "Le code introduit est incorrect. Vérifiez-le et réessayez."


class ReplayedCodeError(DigitalKeyError):
    """The code was right but has already been used once."""

    message_key = "keys.error.replayed_code"
    user_message = "Ce code a déjà été utilisé. Attendez le code suivant et introduisez-le."


class CodeExpiredError(DigitalKeyError):
    """The code was valid once but its lifetime is over."""

    message_key = "keys.error.code_expired"
    user_message = "Ce code a expiré. Demandez-en un nouveau et réessayez."


class KeyNotEnrolledError(DigitalKeyError):
    """The person has no key of that kind (never added, or removed)."""

    message_key = "keys.error.not_enrolled"
    user_message = (
        "Vous n'avez pas activé cette clé numérique. Choisissez une autre clé ou activez celle-ci "
        "dans « Mes clés numériques »."
    )


class KeyAlreadyEnrolledError(DigitalKeyError):
    """The person already holds a key of that kind; remove it first to replace it."""

    message_key = "keys.error.already_enrolled"
    user_message = (
        "Vous avez déjà activé cette clé numérique. Supprimez-la d'abord dans « Mes clés "
        "numériques » pour la remplacer."
    )


class LoginAttemptExpiredError(DigitalKeyError):
    """The step between the password and the code took too long, or was already used."""

    message_key = "keys.error.login_attempt_expired"
    user_message = (
        "Votre connexion a expiré. Recommencez en introduisant votre nom d'utilisateur et votre "
        "mot de passe."
    )


class KeyNotRemovableError(DigitalKeyError):
    """The eID card is the key the account rests on: it cannot be removed."""

    message_key = "keys.error.not_removable"
    user_message = (
        "La carte d'identité électronique ne peut pas être supprimée : c'est la clé de base de "
        "votre compte."
    )
