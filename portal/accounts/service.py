"""Accounts: creation at first login, e-mail verification, e-mail changes, deletion and purge.

Every function takes the clock as ``now`` and the database session of the caller's unit of work;
mail goes to the outbox in that same unit of work.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlmodel import Session

from foundation import routes
from foundation.contacts import find_account as find_account  # re-exported: the accounts API
from foundation.contacts import full_name as full_name
from foundation.email_address import is_email_address
from foundation.mail_outbox import enqueue
from foundation.models.account import Account, AccountStatus
from foundation.models.session import UserSession
from foundation.signed_links import (
    ExpiredLinkError,
    InvalidLinkError,
    LinkClaims,
    LinkSigner,
)
from identity.sessions import LoginIdentity, is_recent_strong_login
from portal.accounts import errors
from portal.accounts import mails as account_mails

LINK_VALIDITY = timedelta(hours=48)
RESEND_INTERVAL = timedelta(seconds=60)
RESEND_LIMIT = 5


@dataclass(frozen=True, slots=True)
class LinkContext:
    secret_key: str
    public_origin: str

    def url(self, path: str, purpose: str, claims: LinkClaims, now: datetime) -> str:
        token = LinkSigner(self.secret_key, purpose).make(claims, now=now, valid_for=LINK_VALIDITY)
        return f"{self.public_origin}{path}?jeton={token}"


def checked_email(email: str, confirmation: str) -> str:
    """The address, trimmed; refused if malformed or not typed the same twice."""
    email, confirmation = email.strip(), confirmation.strip()
    if not is_email_address(email):
        raise errors.EmailInvalidError(email)
    if email.lower() != confirmation.lower():
        raise errors.EmailMismatchError(email)
    return email


def register(
    db: Session,
    links: LinkContext,
    *,
    identity: LoginIdentity,
    email: str,
    confirmation: str,
    now: datetime,
) -> Account:
    """First login: the account is created pending, and the activation e-mail is queued."""
    address = checked_email(email, confirmation)
    account = find_account(db, identity.national_number)
    if account is not None and account.status is not AccountStatus.PENDING:
        raise errors.AccountAlreadyExistsError(identity.national_number)
    if account is None:
        account = Account(
            national_number=identity.national_number,
            surname=identity.surname,
            first_names=identity.first_names,
            birth_date=identity.birth_date,
            email=address,
            created_at=now,
        )
    account.email = address
    _send_activation(db, links, account, now=now)
    return account


def resend_activation(
    db: Session, links: LinkContext, *, national_number: str, email: str, now: datetime
) -> Account:
    """Sends a new activation e-mail (to the address given again); the old link stops working."""
    account = find_account(db, national_number)
    if account is None or account.status is not AccountStatus.PENDING:
        raise errors.WrongAccountStateError(national_number)
    address = checked_email(email, email)
    last = account.last_activation_mail_at
    if last is not None and now - _aware(last) < RESEND_INTERVAL:
        raise errors.ResendTooSoonError(national_number)
    if account.activation_mails_sent >= RESEND_LIMIT:
        raise errors.ResendLimitError(national_number)
    account.email = address
    _send_activation(db, links, account, now=now)
    return account


def _send_activation(db: Session, links: LinkContext, account: Account, *, now: datetime) -> None:
    account.activation_nonce = secrets.token_hex(16)
    account.activation_mails_sent += 1
    account.last_activation_mail_at = now
    db.add(account)
    db.flush()  # gives the account its id, which the links carry
    assert account.id is not None
    claims = LinkClaims(account.id, account.activation_nonce)
    enqueue(
        db,
        account_mails.activation_mail(
            to=account.email,
            full_name=full_name(account),
            activate_url=links.url(routes.ACTIVATE_ACCOUNT, "activate", claims, now),
            cancel_url=links.url(routes.CANCEL_ACTIVATION, "cancel-activation", claims, now),
        ),
        now=now,
    )


def _account_from_link(
    db: Session, links: LinkContext, token: str, purpose: str, nonce_field: str, now: datetime
) -> Account:
    try:
        claims = LinkSigner(links.secret_key, purpose).read(token, now=now)
    except ExpiredLinkError:
        raise errors.LinkExpiredError(purpose) from None
    except InvalidLinkError:
        raise errors.LinkInvalidError(purpose) from None
    account = db.get(Account, claims.account_id)
    if account is None:
        raise errors.LinkUsedError(purpose)
    stored = getattr(account, nonce_field)
    if stored is None or not secrets.compare_digest(stored, claims.nonce):
        raise errors.LinkUsedError(purpose)
    return account


def activate(db: Session, links: LinkContext, *, token: str, now: datetime) -> Account:
    account = _account_from_link(db, links, token, "activate", "activation_nonce", now)
    account.status = AccountStatus.ACTIVE
    account.activated_at = now
    account.activation_nonce = None
    account.activation_mails_sent = 0
    db.add(account)
    return account


def cancel_activation(db: Session, links: LinkContext, *, token: str, now: datetime) -> None:
    """The person did not ask for this account: the pending account is removed."""
    account = _account_from_link(db, links, token, "cancel-activation", "activation_nonce", now)
    if account.status is not AccountStatus.PENDING:
        raise errors.WrongAccountStateError(account.national_number)
    db.delete(account)


def require_recent_strong_login(session_row: UserSession, now: datetime) -> None:
    if not is_recent_strong_login(session_row, now=now):
        raise errors.StrongLoginRequiredError(session_row.national_number)


def request_email_change(
    db: Session,
    links: LinkContext,
    *,
    account: Account,
    session_row: UserSession,
    email: str,
    confirmation: str,
    now: datetime,
) -> None:
    """The new address is verified before it replaces the old one."""
    require_recent_strong_login(session_row, now)
    address = checked_email(email, confirmation)
    account.pending_email = address
    account.email_change_nonce = secrets.token_hex(16)
    db.add(account)
    assert account.id is not None
    claims = LinkClaims(account.id, account.email_change_nonce)
    enqueue(
        db,
        account_mails.confirm_email_mail(
            to=address,
            full_name=full_name(account),
            confirm_url=links.url(routes.CONFIRM_EMAIL, "confirm-email", claims, now),
            purpose="pour votre compte Mon Espace",
        ),
        now=now,
    )


def confirm_email_change(db: Session, links: LinkContext, *, token: str, now: datetime) -> Account:
    account = _account_from_link(db, links, token, "confirm-email", "email_change_nonce", now)
    if account.pending_email is None:
        raise errors.LinkUsedError("confirm-email")
    old, account.email = account.email, account.pending_email
    account.pending_email = None
    account.email_change_nonce = None
    db.add(account)
    if old.lower() != account.email.lower():
        enqueue(
            db,
            account_mails.email_changed_notice(
                to=old, full_name=full_name(account), new_email=account.email
            ),
            now=now,
        )
    return account


def choose_teaching_email(
    db: Session,
    links: LinkContext,
    *,
    account: Account,
    use_account_email: bool,
    email: str = "",
    confirmation: str = "",
    now: datetime,
) -> bool:
    """Sets the teaching-staff e-mail; returns True when it must still be verified."""
    if use_account_email:
        account.teaching_email = account.email
        account.teaching_email_pending = None
        account.teaching_email_nonce = None
        db.add(account)
        return False
    address = checked_email(email, confirmation)
    account.teaching_email_pending = address
    account.teaching_email_nonce = secrets.token_hex(16)
    db.add(account)
    assert account.id is not None
    claims = LinkClaims(account.id, account.teaching_email_nonce)
    enqueue(
        db,
        account_mails.confirm_email_mail(
            to=address,
            full_name=full_name(account),
            confirm_url=links.url(routes.CONFIRM_TEACHING_EMAIL, "teaching-email", claims, now),
            purpose="pour l'espace Membre des personnels de l'enseignement",
        ),
        now=now,
    )
    return True


def confirm_teaching_email(
    db: Session, links: LinkContext, *, token: str, now: datetime
) -> Account:
    account = _account_from_link(db, links, token, "teaching-email", "teaching_email_nonce", now)
    if account.teaching_email_pending is None:
        raise errors.LinkUsedError("teaching-email")
    account.teaching_email = account.teaching_email_pending
    account.teaching_email_pending = None
    account.teaching_email_nonce = None
    db.add(account)
    return account


def _aware(moment: datetime) -> datetime:
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)
