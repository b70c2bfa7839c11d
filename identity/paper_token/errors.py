"""Errors of the paper token and its activation (texts: the catalogue's error.<ClassName>)."""

from __future__ import annotations

from typing import ClassVar

from identity.keys.errors import (
    CodeExpiredError,
    DigitalKeyError,
    InvalidCodeError,
    ReplayedCodeError,
)


class RegistrationFieldError(DigitalKeyError):
    """A field of the registration form is missing or wrong (``field`` names it)."""

    # The fields with a text of their own (error.RegistrationFieldError.<field>).
    FIELDS: ClassVar[tuple[str, ...]] = (
        "officer_id",
        "surname",
        "first_names",
        "birth_date",
        "document_type",
        "document_number",
        "email",
    )

    def __init__(self, field: str) -> None:
        self.field = field
        super().__init__(f"invalid {field}")


class AlreadyRegisteredError(DigitalKeyError):
    def __init__(self, bis_number: str) -> None:
        self.bis_number = bis_number
        super().__init__(f"already registered as {bis_number}")


class NotAnOfficerError(DigitalKeyError):
    """Registering a person, or issuing an activation code, is for the officers of a local
    registration office (``registration_officer``) only."""


class OfficerLoginTooWeakError(DigitalKeyError):
    """An officer registers people only after a high-level login (eID or itsme): the identity
    of the person registered is worth no more than the officer's own."""


class PersonNotFoundError(DigitalKeyError):
    """No registered person has this number."""


class ActivationCodeFormatError(InvalidCodeError):
    """Not 20 characters of the alphabet: refused without spending an attempt."""


class ActivationLinkError(DigitalKeyError):
    """This activation link is not valid."""


class WrongActivationCodeError(InvalidCodeError):
    def __init__(self, tries_left: int) -> None:
        self.tries_left = tries_left
        super().__init__(f"wrong activation code, {tries_left} tries left")


class ActivationCodeVoidError(InvalidCodeError):
    """
    This activation code is no longer valid: it was entered incorrectly three times.
    """


class ActivationCodeExpiredError(CodeExpiredError):
    """This activation code has expired (it is valid for 7 days)."""


class ActivationCodeUsedError(ReplayedCodeError):
    """This activation code has already been used."""


class TokenCodeFormatError(InvalidCodeError):
    """A token code has 6 digits."""


class WrongTokenCodeError(InvalidCodeError):
    def __init__(self, number: int) -> None:
        self.number = number
        super().__init__(f"wrong code for number {number}")


class TokenCodeUsedError(ReplayedCodeError):
    """This token code has already been used."""


class NoTokenCardError(DigitalKeyError):
    """You do not have an active token."""


class TokenExhaustedError(DigitalKeyError):
    """All the codes on your token have been used."""


class NoCodeNumberError(DigitalKeyError):
    """The code was entered before a number was asked (a page out of order)."""


class TermsNotAcceptedError(DigitalKeyError):
    """To activate your digital key, please accept the terms of use."""


class LanguageChoiceError(DigitalKeyError):
    """Choose your language preference: French, Dutch, German or English."""


class KeyChoiceError(DigitalKeyError):
    """
    Choose the digital key to activate: the security code via mobile app or the security code
    via token.
    """
