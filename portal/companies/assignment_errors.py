"""What the services of issue 11 refuse (role administrators, an assignment's changes, direct
assignment, self-requests, pending invitations), one class per reason.

They are ``CompanyError``s, so a page that shows any company error shows these too; their texts
are ``error.<ClassName>`` (or ``error.<ClassName>.<field>``) in the four catalogues.
"""

from __future__ import annotations

from portal.companies.errors import CompanyError, NotMainAccessManagerError

# The caller


class NotRoleManagerError(NotMainAccessManagerError):
    """Only the company's GAP or one of its role administrators can do this."""


# Role administrators


class AlreadyRoleAdministratorError(CompanyError):
    """This person is already a role administrator of the company."""

    field = "national_number"


class GapNeedsNoAdministrationError(CompanyError):
    """The GAP manages the company's assignments already: naming him changes nothing."""

    field = "national_number"


class RoleAdministratorNotFoundError(CompanyError):
    """No such role administrator (or already removed)."""


# An assignment's changes: why a transition is refused, by the assignment's status


class AssignmentNotFoundError(CompanyError):
    """This role assignment does not exist."""


class AssignmentStateError(CompanyError):
    """The assignment's status does not allow this action."""


class AssignmentStillRequestedError(AssignmentStateError):
    """Still a request: approve or reject it in "Mes tâches ouvertes"."""


class AssignmentRejectedError(AssignmentStateError):
    """A rejected request: nothing to change; give a new assignment instead."""


class AssignmentExpiredError(AssignmentStateError):
    """Past its end date: give a new assignment instead."""


class AssignmentEndedError(AssignmentStateError):
    """Ended for good: give a new assignment instead."""


class AssignmentSuspendedError(AssignmentStateError):
    """Stopped ("Suspendu(e)"): only "Recommencer" is possible."""


class AssignmentAlreadyActiveError(AssignmentStateError):
    """Already active: nothing to restart."""


class AssignmentAlreadyDeactivatedError(AssignmentStateError):
    """Already deactivated temporarily."""


class AssignmentChangedMeanwhileError(AssignmentStateError):
    """Someone changed this assignment at the same moment: read it again."""


class AssignmentEndDatePassedError(AssignmentStateError):
    """Its end date has passed: it cannot be restarted; give a new assignment instead."""


class EndDateInPastError(CompanyError):
    """The new end date cannot be in the past."""

    field = "ends_on"


class EndDateBeforeStartError(CompanyError):
    """The new end date must come after the start date."""

    field = "ends_on"


class EndDateUnchangedError(CompanyError):
    """The new end date is the one the assignment already has."""

    field = "ends_on"


# Direct assignment and self-requests


class MemberSearchEmptyError(CompanyError):
    """Fill in at least one of the search fields."""


class NoPersonChosenError(CompanyError):
    """Choose at least one person."""

    field = "persons"


class NotACompanyMemberError(CompanyError):
    """This person is not a member of a company you manage."""

    field = "persons"


class RoleAlreadyHeldError(CompanyError):
    """The person already holds (or has asked for) this role in this company."""

    def __init__(self, detail: str = "", *, person: str, field: str | None = None) -> None:
        super().__init__(detail, field=field)
        self.person = person


class CompanyNotManagedHereError(CompanyError):
    """This company has no main access manager in Ma gestion des rôles eGov yet."""

    field = "company_number"


# Pending invitations


class NobodyToRemindError(CompanyError):
    """This invitation names no one who has still to accept it: share its link instead."""
