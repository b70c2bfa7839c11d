"""SQLModel tables. Import every table module here so that Alembic sees the whole schema."""

from foundation.models.account import Account, AccountHistoryEntry, AccountStatus
from foundation.models.companies import (
    AssignmentStatus,
    Company,
    MainAccessManager,
    RoleAssignment,
    RoleAssignmentHistory,
    RoleInvitation,
    RoleInvitationInvitee,
    RoleInvitationRole,
    RoleInvitationTemplate,
)
from foundation.models.digital_keys import Credential, DigitalKeyRecord, LoginAttempt
from foundation.models.dossiers import Dossier, PersonalItem, TeachingStaffMember
from foundation.models.eid_challenge import EidChallenge
from foundation.models.eid_reader_lease import EidReaderLease
from foundation.models.eidas import EidasAssertion, EidasLogin, EuropeanPerson
from foundation.models.job_run import JobRun
from foundation.models.one_time_code import OneTimeCode
from foundation.models.outbox import OutboxMessage
from foundation.models.paper_token import (
    ActivationCode,
    PaperTokenCard,
    PaperTokenCode,
    RegisteredPerson,
)
from foundation.models.registration_office import RegistrationOfficer
from foundation.models.role_administration import RoleAdministrator
from foundation.models.session import UserSession
from foundation.models.throttling import ThrottleCounter, ThrottleSlot

__all__ = [
    "Account",
    "AccountHistoryEntry",
    "AccountStatus",
    "ActivationCode",
    "AssignmentStatus",
    "Company",
    "Credential",
    "DigitalKeyRecord",
    "Dossier",
    "EidChallenge",
    "EidReaderLease",
    "EidasAssertion",
    "EidasLogin",
    "EuropeanPerson",
    "JobRun",
    "LoginAttempt",
    "MainAccessManager",
    "OneTimeCode",
    "OutboxMessage",
    "PaperTokenCard",
    "PaperTokenCode",
    "PersonalItem",
    "RegisteredPerson",
    "RegistrationOfficer",
    "RoleAdministrator",
    "RoleAssignment",
    "RoleAssignmentHistory",
    "RoleInvitation",
    "RoleInvitationInvitee",
    "RoleInvitationRole",
    "RoleInvitationTemplate",
    "TeachingStaffMember",
    "ThrottleCounter",
    "ThrottleSlot",
    "UserSession",
]
