"""Username + password as a digital key (low): a key of its own, and the first factor of every
code key, so removing it ends every unfinished login of the person."""

from __future__ import annotations

from sqlmodel import Session

from foundation.models.digital_keys import Credential
from identity.assurance import LevelOfAssurance
from identity.key_protocol import (
    CONFIRMATION_STEP,
    CREDENTIALS_STEP,
    KeyView,
    LoginPage,
    Wizard,
)
from identity.keys.errors import KeyNotEnrolledError
from identity.keys.kinds import KeyKind
from identity.keys.records import end_unfinished_logins, key_view
from identity.registry import KeyDescriptor, KeyGroup

PASSWORD_KEY = KeyDescriptor(
    kind=KeyKind.PASSWORD,
    group=KeyGroup.PASSWORD,
    level=LevelOfAssurance.LOW,
    order=0,
    login_page=LoginPage.CODE,
)

PASSWORD_WIZARD = Wizard(
    title_key="password.title",
    steps=(CREDENTIALS_STEP, CONFIRMATION_STEP),
    sets_credentials=True,
)


class CredentialStore:
    """The person's ``credential`` row."""

    def view(self, db: Session, national_number: str) -> KeyView | None:
        row = db.get(Credential, national_number)
        if row is None:
            return None
        return key_view(PASSWORD_KEY.kind, row.locked_at, row.created_at, row.expires_at)

    def remove(self, db: Session, national_number: str) -> None:
        row = db.get(Credential, national_number)
        if row is None:
            raise KeyNotEnrolledError(f"{national_number} has no password key")
        db.delete(row)
        end_unfinished_logins(db, national_number=national_number, kind=None)


class PasswordKey:
    descriptor = PASSWORD_KEY
    store = CredentialStore()
    wizard = PASSWORD_WIZARD
    # Set by the credentials step every wizard has (``set_own_credentials``).
    enrolment = None
    second_step = None
    removable = True
