"""Where a logged-in person belongs, given the state of their account."""

from __future__ import annotations

from foundation import routes
from foundation.models.account import Account, AccountStatus

HOME_OF_STATUS = {
    None: routes.ACCOUNT_FORM,
    AccountStatus.PENDING: routes.ACCOUNT_PENDING,
    AccountStatus.ACTIVE: routes.MY_SPACES,
    AccountStatus.DELETION_REQUESTED: routes.ACCOUNT_DELETED,
}


def status_of(account: Account | None) -> AccountStatus | None:
    return None if account is None else AccountStatus(account.status)


def home_for(account: Account | None) -> str:
    """The first page after login: the account form, the pending page, the spaces, ..."""
    return home_of(status_of(account))


def home_of(status: AccountStatus | None) -> str:
    """The first page for an account in that state (None: no account yet)."""
    return HOME_OF_STATUS[status]
