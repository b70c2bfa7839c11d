"""The eID card reader as a digital key: the key the account rests on, so it is there as long as
the account is and cannot be removed; its login has a page of its own."""

from __future__ import annotations

from sqlmodel import Session

from foundation.clock import aware
from foundation.contacts import find_account
from identity.assurance import LevelOfAssurance
from identity.key_protocol import KeyView, KeyViewStatus
from identity.keys.errors import KeyNotRemovableError
from identity.keys.kinds import KeyKind
from identity.registry import KeyDescriptor, KeyGroup

EID_KEY = KeyDescriptor(
    kind=KeyKind.EID,
    group=KeyGroup.EID,
    level=LevelOfAssurance.HIGH,
    order=0,
)


class AccountStore:
    """The eID is the account's key: an account holder has it since the account was created."""

    def view(self, db: Session, national_number: str) -> KeyView | None:
        account = find_account(db, national_number)
        if account is None:
            return None
        return KeyView(EID_KEY.kind, KeyViewStatus.ACTIVE, aware(account.created_at), None)

    def remove(self, db: Session, national_number: str) -> None:
        raise KeyNotRemovableError(national_number)


class EidKey:
    descriptor = EID_KEY
    store = AccountStore()
    wizard = None
    enrolment = None
    second_step = None
    removable = False
