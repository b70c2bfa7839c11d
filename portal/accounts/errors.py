"""What can go wrong with an account, each with the catalogue key of its message for the person."""

from __future__ import annotations


class AccountError(Exception):
    message_key = "account.error.generic"


class EmailInvalidError(AccountError):
    message_key = "account.error.email_invalid"


class EmailMismatchError(AccountError):
    message_key = "account.error.email_mismatch"


class AccountAlreadyExistsError(AccountError):
    message_key = "account.error.already_exists"


class AccountNotFoundError(AccountError):
    message_key = "account.error.not_found"


class ResendTooSoonError(AccountError):
    message_key = "account.error.resend_too_soon"


class ResendLimitError(AccountError):
    message_key = "account.error.resend_limit"


class LinkInvalidError(AccountError):
    message_key = "account.error.link_invalid"


class LinkExpiredError(AccountError):
    message_key = "account.error.link_expired"


class LinkUsedError(AccountError):
    message_key = "account.error.link_used"


class StrongLoginRequiredError(AccountError):
    message_key = "account.error.strong_login_required"


class WithdrawalPeriodOverError(AccountError):
    message_key = "account.error.withdrawal_over"


class WrongAccountStateError(AccountError):
    message_key = "account.error.wrong_state"
