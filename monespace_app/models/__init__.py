"""SQLModel tables. Import every table module here so that Alembic sees the whole schema."""

from monespace_app.models.account import Account, AccountHistoryEntry, AccountStatus
from monespace_app.models.digital_keys import Credential, DigitalKeyRecord, LoginAttempt
from monespace_app.models.dossiers import Dossier, PersonalItem, TeachingStaffMember
from monespace_app.models.eid_challenge import EidChallenge
from monespace_app.models.one_time_code import OneTimeCode
from monespace_app.models.outbox import OutboxMessage
from monespace_app.models.paper_token import (
    ActivationCode,
    PaperTokenCard,
    PaperTokenCode,
    RegisteredPerson,
)
from monespace_app.models.registration_office import RegistrationOfficer
from monespace_app.models.session import UserSession

__all__ = [
    "Account",
    "AccountHistoryEntry",
    "AccountStatus",
    "ActivationCode",
    "Credential",
    "DigitalKeyRecord",
    "Dossier",
    "EidChallenge",
    "LoginAttempt",
    "OneTimeCode",
    "OutboxMessage",
    "PaperTokenCard",
    "PaperTokenCode",
    "PersonalItem",
    "RegisteredPerson",
    "RegistrationOfficer",
    "TeachingStaffMember",
    "UserSession",
]
