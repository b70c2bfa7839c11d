"""What the companies' forms type, checked the same way on every page: a required text within
its length, an e-mail address, the personal message. A refusal names the field at fault; a lone
surrogate (only a forged event sends one) is kept as U+FFFD, as SQLite can store it."""

from __future__ import annotations

from foundation.email_address import is_email_address
from foundation.well_formed_text import well_formed
from portal.companies import errors

NAME_MAX = 200
MESSAGE_MAX = 2000


def required_text(value: str, field: str, limit: int = NAME_MAX) -> str:
    """``value`` trimmed; refused when empty or longer than ``limit``."""
    value = well_formed(value).strip()
    if not value:
        raise errors.RequiredFieldMissingError(field, field=field)
    if len(value) > limit:
        raise errors.FieldTooLongError(field, field=field)
    return value


def checked_email(typed: str) -> str:
    email = typed.strip()
    if not is_email_address(email):
        raise errors.ContactEmailInvalidError(email)
    return email


def checked_message(typed: str) -> str:
    """The optional "Message personnel", trimmed."""
    message = well_formed(typed).strip()
    if len(message) > MESSAGE_MAX:
        raise errors.FieldTooLongError("message", field="message")
    return message
