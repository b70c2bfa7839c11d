"""The authenticator app key: TOTP codes (RFC 6238, 30 s, 6 digits, SHA-1), level substantial."""

from identity.totp.enrolment import confirm_enrolment, start_enrolment
from identity.totp.errors import MalformedCodeError
from identity.totp.key import TOTP_KEY, TotpKey
from identity.totp.otp import hotp, time_step, totp
from identity.totp.provisioning import (
    EnrolmentScreen,
    enrolment_screen,
    provisioning_uri,
    qr_data_uri,
    qr_png,
)
from identity.totp.secret import grouped, new_secret, opened_secret, sealed_secret, secret_bytes
from identity.totp.verification import verify

__all__ = [
    "TOTP_KEY",
    "EnrolmentScreen",
    "MalformedCodeError",
    "TotpKey",
    "confirm_enrolment",
    "enrolment_screen",
    "grouped",
    "hotp",
    "new_secret",
    "opened_secret",
    "provisioning_uri",
    "qr_data_uri",
    "qr_png",
    "sealed_secret",
    "secret_bytes",
    "start_enrolment",
    "time_step",
    "totp",
    "verify",
]
