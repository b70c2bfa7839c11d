"""The e-mail code key: a 6-digit security code sent by e-mail after username + password."""

from identity.email_code.key import EMAIL_CODE_KEY, EmailCodeKey
from identity.email_code.service import (
    InvalidEmailError,
    confirm_enrolment,
    mask_email,
    send_login_code,
    start_enrolment,
    verify_login_code,
)

__all__ = [
    "EMAIL_CODE_KEY",
    "EmailCodeKey",
    "InvalidEmailError",
    "confirm_enrolment",
    "mask_email",
    "send_login_code",
    "start_enrolment",
    "verify_login_code",
]
