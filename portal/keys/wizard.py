"""The activation wizards of Mes clés numériques, whatever the key: what the wizard shows as it
opens, and its steps. Each step goes through the key's enrolment or ``set_own_credentials``,
which refuse without a recent strong login (``StrongLoginRequiredError``)."""

from __future__ import annotations

import dataclasses
from datetime import datetime

from sqlmodel import Session

from foundation.models.session import UserSession
from identity.key_protocol import Enrolment, EnrolmentRequest, EnrolmentStarted, Wizard
from identity.password import set_own_credentials, username_of
from identity.registry import DigitalKey, KeyRegistry, UnknownKeyError, or_default
from identity.sessions import is_recent_strong_login


@dataclasses.dataclass(frozen=True)
class WizardOpening:
    allowed: bool  # a recent strong login: the wizard may run
    username: str  # "" when the person has no username + password yet
    started: EnrolmentStarted  # what an enrolment started at once gives (a secret to show)


def wizard_of(kind: str, registry: KeyRegistry | None = None) -> Wizard:
    """The key's wizard; ``UnknownKeyError`` for a key not activated from Mes clés."""
    return _wizard_key(kind, registry)[1]


def _wizard_key(kind: str, registry: KeyRegistry | None) -> tuple[DigitalKey, Wizard]:
    key = or_default(registry).get(kind)
    if key.wizard is None:
        raise UnknownKeyError(f"{kind} is not activated from Mes clés numériques")
    return key, key.wizard


def _enrolment(kind: str, registry: KeyRegistry | None) -> Enrolment:
    key, _ = _wizard_key(kind, registry)
    if key.enrolment is None:
        raise UnknownKeyError(f"{kind} has no enrolment of its own")
    return key.enrolment


def open_wizard(
    db: Session,
    *,
    kind: str,
    session: UserSession,
    account_email: str,
    now: datetime,
    registry: KeyRegistry | None = None,
) -> WizardOpening:
    key, wizard = _wizard_key(kind, registry)
    username = username_of(db, session.national_number) or ""
    if not is_recent_strong_login(session, now=now):
        return WizardOpening(False, username, EnrolmentStarted())
    started = EnrolmentStarted()
    if wizard.starts_on_open and key.enrolment is not None:
        request = EnrolmentRequest(session=session, now=now, account_name=account_email)
        started = key.enrolment.start(db, request)
    return WizardOpening(True, username, started)


def send_registration_code(
    db: Session,
    *,
    kind: str,
    session: UserSession,
    destination: str,
    now: datetime,
    registry: KeyRegistry | None = None,
) -> EnrolmentStarted:
    request = EnrolmentRequest(session=session, now=now, destination=destination)
    return _enrolment(kind, registry).start(db, request)


def confirm_enrolment(
    db: Session,
    *,
    kind: str,
    session: UserSession,
    code: str,
    secret: str,
    now: datetime,
    registry: KeyRegistry | None = None,
) -> None:
    """The registration code, or the app's first code with the secret its wizard showed."""
    request = EnrolmentRequest(session=session, now=now, code=code, secret=secret)
    _enrolment(kind, registry).confirm(db, request)


def save_credentials(
    db: Session, *, session: UserSession, username: str, password: str, now: datetime
) -> None:
    set_own_credentials(db, session=session, username=username, password=password, now=now)
