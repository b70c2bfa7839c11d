"""What can go wrong with a username and password, each with a message safe to show."""

from __future__ import annotations

from identity.keys.errors import DigitalKeyError, KeyLockedError


class InvalidUsernameError(DigitalKeyError):
    """
    The username must be 3 to 64 characters long: letters without accents, digits, full stop
    (.), hyphen (-) or underscore (_).
    """


class UsernameTakenError(DigitalKeyError):
    """This username is already taken."""


class WeakPasswordError(DigitalKeyError):
    """The password does not follow the policy; each subclass says which rule."""


class PasswordTooShortError(WeakPasswordError):
    """
    The password must be at least 12 characters long, or at least 8 characters mixing three of
    these kinds: lower-case letters, capital letters, digits and other characters.
    """


class PasswordTooLongError(WeakPasswordError):
    """The password cannot be longer than 256 characters."""


class PasswordSameAsUsernameError(WeakPasswordError):
    """The password cannot be the same as the username."""


class PasswordTooGuessableError(WeakPasswordError):
    """The password is among those tried first; ``field`` says why (common, names, words,
    keyboard, repeat, sequence, dates, personal, guessable)."""

    def __init__(self, detail: str = "", *, field: str) -> None:
        super().__init__(detail)
        self.field = field


class InvalidCredentialsError(DigitalKeyError):
    """Unknown username or wrong password: the message must not say which."""


class CredentialsExpiredError(DigitalKeyError):
    """Your password has expired."""


class PasswordLockedError(KeyLockedError):
    """Your username and password have been locked after 100 incorrect attempts."""
