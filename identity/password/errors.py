"""What can go wrong with a username and password, each with a message safe to show."""

from __future__ import annotations

from identity.keys.errors import DigitalKeyError, KeyLockedError


class InvalidUsernameError(DigitalKeyError):
    message_key = "password.error.invalid_username"
    user_message = (
        "Le nom d'utilisateur doit compter de 3 à 64 caractères : lettres sans accents, chiffres, "
        "point (.), tiret (-) ou trait de soulignement (_)."
    )


class UsernameTakenError(DigitalKeyError):
    message_key = "password.error.username_taken"
    user_message = "Ce nom d'utilisateur est déjà utilisé. Choisissez-en un autre."


class WeakPasswordError(DigitalKeyError):
    """The password does not follow the policy; each subclass says which rule."""

    message_key = "password.error.weak"
    user_message = "Ce mot de passe ne respecte pas les règles. Choisissez-en un autre."


class PasswordTooShortError(WeakPasswordError):
    message_key = "password.error.too_short"
    user_message = (
        "Le mot de passe doit compter au moins 12 caractères, ou au moins 8 caractères mêlant "
        "trois sortes parmi : minuscules, majuscules, chiffres et autres signes."
    )


class PasswordTooLongError(WeakPasswordError):
    message_key = "password.error.too_long"
    user_message = "Le mot de passe ne peut pas dépasser 256 caractères."


class PasswordSameAsUsernameError(WeakPasswordError):
    message_key = "password.error.same_as_username"
    user_message = "Le mot de passe ne peut pas être identique au nom d'utilisateur."


class InvalidCredentialsError(DigitalKeyError):
    """Unknown username or wrong password: the message must not say which."""

    message_key = "password.error.invalid_credentials"
    user_message = "Nom d'utilisateur ou mot de passe incorrect. Vérifiez-les et réessayez."


class CredentialsExpiredError(DigitalKeyError):
    message_key = "password.error.expired"
    user_message = (
        "Votre mot de passe a expiré. Connectez-vous avec votre carte d'identité électronique "
        "(eID) et choisissez un nouveau mot de passe dans « Mes clés numériques »."
    )


class PasswordLockedError(KeyLockedError):
    message_key = "password.error.locked"
    user_message = (
        "Votre nom d'utilisateur et mot de passe sont bloqués après 100 essais erronés. Pour les "
        "débloquer, connectez-vous avec votre carte d'identité électronique (eID) et choisissez "
        "un nouveau mot de passe dans « Mes clés numériques »."
    )
