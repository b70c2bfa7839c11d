"""SQLModel tables. Import every table module here so that Alembic sees the whole schema."""

from monespace_app.models.account import Account, AccountHistoryEntry, AccountStatus
from monespace_app.models.digital_keys import Credential, DigitalKeyRecord, LoginAttempt
from monespace_app.models.dossiers import Dossier, PersonalItem, TeachingStaffMember
from monespace_app.models.eid_challenge import EidChallenge
from monespace_app.models.outbox import OutboxMessage
from monespace_app.models.session import UserSession

__all__ = [
    "Account",
    "AccountHistoryEntry",
    "AccountStatus",
    "Credential",
    "DigitalKeyRecord",
    "Dossier",
    "EidChallenge",
    "LoginAttempt",
    "OutboxMessage",
    "PersonalItem",
    "TeachingStaffMember",
    "UserSession",
]
