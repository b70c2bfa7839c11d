"""What can go wrong with an account, each with the catalogue key of its message for the person."""

from __future__ import annotations


class AccountError(Exception):
    """Something went wrong."""


class EmailInvalidError(AccountError):
    """This e-mail address is not valid."""


class EmailMismatchError(AccountError):
    """The two e-mail addresses do not match."""


class AccountAlreadyExistsError(AccountError):
    """You already have a Mon Espace account."""


class AccountNotFoundError(AccountError):
    """No Mon Espace account was found."""


class ResendTooSoonError(AccountError):
    """An e-mail has just been sent."""


class ResendLimitError(AccountError):
    """You have asked for too many activation e-mails."""


class LinkInvalidError(AccountError):
    """This link is not valid."""


class LinkExpiredError(AccountError):
    """This link has expired."""


class LinkUsedError(AccountError):
    """This link has already been used or has been replaced by a more recent one."""


class StrongLoginRequiredError(AccountError):
    """
    For security reasons, please identify yourself again with your eID card before doing this.
    """


class WithdrawalPeriodOverError(AccountError):
    """
    The 30-day withdrawal period has passed: the deletion can no longer be cancelled.
    """


class WrongAccountStateError(AccountError):
    """This action is not possible in the current status of your account."""
