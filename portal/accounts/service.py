"""Accounts: creation at first login, e-mail verification, e-mail changes, deletion and purge.

Every function takes the clock as ``now`` and the database session of the caller's unit of work;
mail goes to the outbox in that same unit of work.
"""

from __future__ import annotations

import secrets
from datetime import datetime, timedelta

from sqlmodel import Session

from foundation import routes
from foundation.clock import aware
from foundation.contacts import find_account as find_account  # re-exported: the accounts API
from foundation.contacts import full_name as full_name
from foundation.email_address import is_email_address
from foundation.mail_outbox import enqueue
from foundation.mail_templates import mail_language
from foundation.models.account import Account, AccountStatus
from foundation.models.session import UserSession
from foundation.signed_links import LinkClaims
from identity.sessions import LoginIdentity, is_recent_strong_login, revoke_others
from portal.accounts import errors
from portal.accounts import mails as account_mails
from portal.accounts.links import (
    ACCOUNT_EMAIL,
    TEACHING_EMAIL,
    account_from_link,
    confirmed,
    send_confirmation,
)
from portal.accounts.links import LinkContext as LinkContext  # re-exported: the accounts API

RESEND_INTERVAL = timedelta(seconds=60)
RESEND_LIMIT = 5


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
    language: str,
    now: datetime,
) -> Account:
    """First login: the account is created pending, and the activation e-mail is queued, both
    in the language of the page the person created it from (the person's language from then
    on: ``account.language``)."""
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
    account.language = mail_language(language)
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
    if last is not None and now - aware(last) < RESEND_INTERVAL:
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
            language=account.language,
            full_name=full_name(account),
            activate_url=links.url(routes.ACTIVATE_ACCOUNT, "activate", claims, now),
            cancel_url=links.url(routes.CANCEL_ACTIVATION, "cancel-activation", claims, now),
        ),
        now=now,
    )


def activate(db: Session, links: LinkContext, *, token: str, now: datetime) -> Account:
    account = account_from_link(db, links, token, "activate", "activation_nonce", now)
    account.status = AccountStatus.ACTIVE
    account.activated_at = now
    account.activation_nonce = None
    account.activation_mails_sent = 0
    db.add(account)
    return account


def cancel_activation(db: Session, links: LinkContext, *, token: str, now: datetime) -> None:
    """The person did not ask for this account: the pending account is removed."""
    account = account_from_link(db, links, token, "cancel-activation", "activation_nonce", now)
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
    send_confirmation(db, links, account, checked_email(email, confirmation), ACCOUNT_EMAIL, now)


def confirm_email_change(
    db: Session, links: LinkContext, *, token: str, now: datetime, keep: str | None = None
) -> Account:
    """The new address replaces the old, and every other session of the person ends at once
    (ASVS 7.4.3): the address is where codes and links of the e-mail key go, so whoever had got
    in before the change is out at their next step. ``keep`` is the session of the browser that
    followed the link (its own session, if it is the person's, stays); a link opened elsewhere,
    on a phone say, ends them all."""
    account, address = confirmed(db, links, token, ACCOUNT_EMAIL, now)
    revoke_others(db, account.national_number, keep=keep, now=now)
    old, account.email = account.email, address
    if old.lower() != account.email.lower():
        enqueue(
            db,
            account_mails.email_changed_notice(
                to=old,
                language=account.language,
                full_name=full_name(account),
                new_email=account.email,
            ),
            now=now,
        )
    return account


def choose_teaching_email(
    db: Session,
    links: LinkContext,
    *,
    account: Account,
    session_row: UserSession,
    use_account_email: bool,
    email: str = "",
    confirmation: str = "",
    now: datetime,
) -> bool:
    """Sets the teaching-staff e-mail; returns True when it must still be verified.

    The first choice, on first entering the teaching space, is part of opening that space (like
    the account's own address at the first login); changing an address already chosen (or
    waiting for its confirmation) needs a recent strong login, like the account's e-mail."""
    if account.teaching_email or account.teaching_email_pending:
        require_recent_strong_login(session_row, now)
    if use_account_email:
        account.teaching_email = account.email
        account.teaching_email_pending = None
        account.teaching_email_nonce = None
        db.add(account)
        return False
    send_confirmation(db, links, account, checked_email(email, confirmation), TEACHING_EMAIL, now)
    return True


def confirm_teaching_email(
    db: Session, links: LinkContext, *, token: str, now: datetime
) -> Account:
    account, address = confirmed(db, links, token, TEACHING_EMAIL, now)
    account.teaching_email = address
    return account
