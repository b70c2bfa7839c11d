"""Typed errors shared by the digital keys.

Every key package raises these (or subclasses of ``DigitalKeyError``), so a page can catch one base
type; what the person reads is the catalogue's ``error.<ClassName>``
(``foundation.i18n.error_messages``), in their language.
"""

from __future__ import annotations


class DigitalKeyError(Exception):
    """Base of every digital key error; ``detail`` is for the logs, never shown on a page."""

    def __init__(self, detail: str = "") -> None:
        super().__init__(detail or type(self).__name__)
        self.detail = detail


class KeyLockedError(DigitalKeyError):
    """Too many consecutive failures: the key refuses everything until it is unlocked."""

    def __init__(self, detail: str = "", *, key_kind: str = "") -> None:
        # The way out depends on the key: a paper token is renewed at the office, not online.
        super().__init__(detail)
        self.key_kind = key_kind


class InvalidCodeError(DigitalKeyError):
    """The code does not match (wrong digits, wrong time window, unknown code)."""


class ReplayedCodeError(DigitalKeyError):
    """The code was right but has already been used once."""


class CodeExpiredError(DigitalKeyError):
    """The code was valid once but its lifetime is over."""


class KeyNotEnrolledError(DigitalKeyError):
    """The person has no key of that kind (never added, or removed)."""


class KeyAlreadyEnrolledError(DigitalKeyError):
    """The person already holds a key of that kind; remove it first to replace it."""


class LoginAttemptExpiredError(DigitalKeyError):
    """The step between the password and the code took too long, or was already used."""


class KeyNotRemovableError(DigitalKeyError):
    """The eID card is the key the account rests on: it cannot be removed."""


class StrongLoginRequiredError(DigitalKeyError):
    """Adding or removing a key wants a login with a high-level key (the eID) a few minutes ago."""


class KeysGoingWithChangedError(DigitalKeyError):
    """The keys a removal takes with it are not those its confirmation named (they changed
    since the page was shown): nothing is removed, the page shows them again."""
