"""The authenticator phone: enrols TOTP accounts by reading their QR code, shows the codes."""

from simulators.authenticator.otp import (
    Enrolment,
    OtpauthError,
    current_code,
    parse_otpauth,
    seconds_left,
)
from simulators.authenticator.qr import QrDecodeError, decode_qr
from simulators.authenticator.web import DEFAULT_PORT, AuthenticatorPhone

__all__ = [
    "DEFAULT_PORT",
    "AuthenticatorPhone",
    "Enrolment",
    "OtpauthError",
    "QrDecodeError",
    "current_code",
    "decode_qr",
    "parse_otpauth",
    "seconds_left",
]
