"""One-time codes sent by e-mail or SMS (shared by the ``email_code`` and ``sms_code`` keys)."""

from identity.one_time_code.codes import (
    CODE_LIFETIME,
    MAX_CHECKS,
    RESEND_INTERVAL,
    SEND_LIMIT,
    Channel,
    check_code,
    issue_code,
    normalise_code,
    purge_codes,
)

__all__ = [
    "CODE_LIFETIME",
    "MAX_CHECKS",
    "RESEND_INTERVAL",
    "SEND_LIMIT",
    "Channel",
    "check_code",
    "issue_code",
    "normalise_code",
    "purge_codes",
]
