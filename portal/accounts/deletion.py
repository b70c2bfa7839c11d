"""Deleting an account: the 30 calendar days to withdraw, then the account, its history, tags and
favourites erased for good; dossiers and documents stay with the administration (keyed by
national number) and come back if the person creates an account again."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlmodel import Session, col, delete, select

from foundation.clock import aware
from foundation.contacts import full_name
from foundation.mail_outbox import enqueue
from foundation.models.account import Account, AccountHistoryEntry, AccountStatus
from foundation.models.session import UserSession
from identity.sessions import revoke_all
from portal.accounts import errors
from portal.accounts import mails as account_mails
from portal.accounts.service import require_recent_strong_login

WITHDRAWAL_PERIOD = timedelta(days=30)


def request_deletion(
    db: Session, *, account: Account, session_row: UserSession, now: datetime
) -> datetime:
    """Disables the account and ends every other session; returns the last day to withdraw.

    The browser that asked keeps its session, restricted to the deletion page, so that the
    person can withdraw or confirm at once, as the seed shows.
    """
    require_recent_strong_login(session_row, now)
    if account.status is not AccountStatus.ACTIVE:
        raise errors.WrongAccountStateError(account.national_number)
    account.status = AccountStatus.DELETION_REQUESTED
    account.deletion_requested_at = now
    db.add(account)
    revoke_all(db, account.national_number, now=now)
    session_row.revoked_at = None
    db.add(session_row)
    until = now + WITHDRAWAL_PERIOD
    enqueue(
        db,
        account_mails.deletion_notice(
            to=account.email,
            language=account.language,
            full_name=full_name(account),
            until=until.strftime("%d/%m/%Y"),
        ),
        now=now,
    )
    return until


def cancel_deletion(
    db: Session, *, account: Account, session_row: UserSession, now: datetime
) -> None:
    """Withdraws within the 30 days; like asking for the deletion, it needs a recent strong
    login (a stolen password must not undo what the person decided)."""
    require_recent_strong_login(session_row, now)
    if account.status is not AccountStatus.DELETION_REQUESTED:
        raise errors.WrongAccountStateError(account.national_number)
    assert account.deletion_requested_at is not None
    if now >= aware(account.deletion_requested_at) + WITHDRAWAL_PERIOD:
        raise errors.WithdrawalPeriodOverError(account.national_number)
    account.status = AccountStatus.ACTIVE
    account.deletion_requested_at = None
    db.add(account)


def erase(db: Session, *, account: Account, now: datetime) -> None:
    """Erases the account, its history, tags and favourites; dossiers and documents stay."""
    revoke_all(db, account.national_number, now=now)
    db.exec(delete(AccountHistoryEntry).where(col(AccountHistoryEntry.account_id) == account.id))
    db.delete(account)


def delete_definitively(
    db: Session, *, account: Account, session_row: UserSession, now: datetime
) -> None:
    """Erases at once instead of after the 30 days: a recent strong login, as for the request."""
    require_recent_strong_login(session_row, now)
    if account.status is not AccountStatus.DELETION_REQUESTED:
        raise errors.WrongAccountStateError(account.national_number)
    erase(db, account=account, now=now)


def purge_expired(db: Session, *, now: datetime) -> int:
    """Erases every account whose 30 days of withdrawal are over; returns how many."""
    limit = now - WITHDRAWAL_PERIOD
    expired = db.exec(
        select(Account).where(
            Account.status == AccountStatus.DELETION_REQUESTED,
            col(Account.deletion_requested_at) <= limit,
        )
    ).all()
    for account in expired:
        erase(db, account=account, now=now)
    return len(expired)
