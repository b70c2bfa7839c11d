"""What the company services refuse, one class per reason.

Each error reads its text from the catalogues (``error.<ClassName>``, or
``error.<ClassName>.<field>`` when it names the form field at fault), like every error of the
portal. An error about one person of the invitation's list (step 4) is an ``InviteeError``: its
``row`` (1 for the first person) is in its text.
"""

from __future__ import annotations


class CompanyError(Exception):
    """The operation on the company's roles could not be done."""

    field: str | None = None

    def __init__(self, detail: str = "", *, field: str | None = None) -> None:
        super().__init__(detail or type(self).__name__)
        if field is not None:
            self.field = field


# The caller


class SessionEndedError(CompanyError):
    """The session has ended: identify yourself again."""


class HighAssuranceRequiredError(CompanyError):
    """This needs an identification with the eID card (high level of assurance)."""


class NotMainAccessManagerError(CompanyError):
    """Only the company's main access manager can do this."""


# Registering a company and designating its GAP


class UnknownCompanyError(CompanyError):
    """The company register knows no company with this number."""

    field = "company_number"


class CompanyStoppedError(CompanyError):
    """The company register lists this company as stopped."""

    field = "company_number"


class NotLegalRepresentativeError(CompanyError):
    """The company register does not list you as a legal representative of this company."""

    field = "company_number"


class RegistrationRequiredError(CompanyError):
    """Register the company first ("Enregistrer mon entreprise"), as its legal representative."""


# Form fields


class RequiredFieldMissingError(CompanyError):
    """A required field is empty."""


class FieldTooLongError(CompanyError):
    """A field is longer than allowed."""


class ContactEmailInvalidError(CompanyError):
    """This e-mail address is not valid."""

    field = "email"


class ContactPhoneInvalidError(CompanyError):
    """This phone number is not valid."""

    field = "phone"


# Creating an invitation


class NoCompanyChosenError(CompanyError):
    """Choose the company in which the roles are given."""

    field = "company"


class DateInvalidError(CompanyError):
    """A date field holds something that is not a date."""


class NoRoleChosenError(CompanyError):
    """Choose at least one role."""

    field = "roles"


class UnknownRoleError(CompanyError):
    """This role does not exist."""

    field = "roles"


class ValidityStartInPastError(CompanyError):
    """The start of the role's validity cannot be in the past."""

    field = "valid_from"


class ValidityEndBeforeStartError(CompanyError):
    """The end of the role's validity must come after its start."""

    field = "valid_until"


class InvitationExpiryOutOfRangeError(CompanyError):
    """The invitation's expiry date must be between today and one year from today."""

    field = "expires_on"


class InviteeError(CompanyError):
    """Something is wrong with one person of the list."""

    def __init__(self, detail: str = "", *, row: int, field: str | None = None) -> None:
        super().__init__(detail, field=field)
        self.row = row


class InviteeFieldMissingError(InviteeError):
    """A person of the list lacks a name, a first name or an e-mail address."""


class InviteeFieldTooLongError(InviteeError):
    """A person's name, first name or address is too long."""


class InviteeEmailInvalidError(InviteeError):
    """A person's e-mail address is not valid."""

    field = "email"


class DuplicateInviteeError(InviteeError):
    """This address is already in the list."""

    field = "email"


class TemplateNotFoundError(CompanyError):
    """This saved invitation does not exist (or is not yours)."""


# Opening and accepting an invitation


class InvitationUnknownError(CompanyError):
    """This invitation does not exist: check the link."""


class InvitationExpiredError(CompanyError):
    """This invitation has expired."""


class InvitationRevokedError(CompanyError):
    """This invitation has been withdrawn by the main access manager."""


class InvitationUsedUpError(CompanyError):
    """Every person this invitation was sent to has already accepted it."""


class NotInvitedError(CompanyError):
    """This invitation was sent to other people."""

    field = "email"


class InvitationAlreadyAcceptedError(CompanyError):
    """You have already accepted this invitation."""


# Deciding on a request


class RequestNotFoundError(CompanyError):
    """This request does not exist."""


class RequestAlreadyDecidedError(CompanyError):
    """This request has already been approved or rejected."""
