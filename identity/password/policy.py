"""The rules a username and a password must follow."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from foundation.well_formed_text import well_formed
from identity.password.errors import (
    InvalidUsernameError,
    PasswordSameAsUsernameError,
    PasswordTooLongError,
    PasswordTooShortError,
)
from identity.password.guessability import check_guessability

USERNAME_PATTERN = re.compile(r"[A-Za-z0-9._-]{3,64}")
MIN_LENGTH = 12
MIN_LENGTH_WITH_CLASSES = 8
MIN_CLASSES = 3
MAX_LENGTH = 256


def normalized_username(username: str) -> str:
    """Usernames are compared without case and surrounding spaces; looked up in SQLite, so a lone
    surrogate (a forged event) is U+FFFD, which no username holds."""
    return well_formed(username).strip().lower()


def checked_username(username: str) -> str:
    name = normalized_username(username)
    if not USERNAME_PATTERN.fullmatch(name):
        raise InvalidUsernameError(username)
    return name


def normalized_password(password: str) -> str:
    # The same password typed on two keyboards may reach us as different code points. Hashing
    # takes UTF-8: a lone surrogate (only a forged event sends one) would make argon2 raise,
    # at a login as well as at a password change, instead of refusing like any wrong password.
    return unicodedata.normalize("NFKC", well_formed(password))


def check_password(password: str, *, username: str, personal: Iterable[str] = ()) -> None:
    """At least 12 characters, or 8 of three classes; not the username; not absurdly long; not
    easy to guess (common passwords, words, patterns, the person's own names: ``personal``)."""
    password = normalized_password(password)
    if len(password) > MAX_LENGTH:
        raise PasswordTooLongError()
    if password.strip().lower() == normalized_username(username):
        raise PasswordSameAsUsernameError()
    if len(password) < MIN_LENGTH and (
        len(password) < MIN_LENGTH_WITH_CLASSES or character_classes(password) < MIN_CLASSES
    ):
        raise PasswordTooShortError()
    check_guessability(password, personal=[username, *personal])


def character_classes(password: str) -> int:
    """How many of lower case, upper case, digits and other signs the password mixes."""
    return sum(
        (
            any(c.islower() for c in password),
            any(c.isupper() for c in password),
            any(c.isdigit() for c in password),
            any(not c.isalnum() for c in password),
        )
    )
